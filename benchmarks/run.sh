#!/usr/bin/env bash
# Runs the DeepSeq benchmarks against OpenBLAS.
#   benchmarks/run.sh               quick mode: one line per headline figure (~1 minute)
#   benchmarks/run.sh --versions    quick mode plus the V1..V5 GEMM journey
#   benchmarks/run.sh --gemm        only the workload GEMM lines (skinny and small shapes; ours, V4, OpenBLAS)
#   benchmarks/run.sh --crossovers  the V4 / V5 grid behind Gemm.UseSkinny
#   benchmarks/run.sh --steps       the training-step lines (A1, A2, B2, matmul 512³, softmax + CE) beside their GEMM floors
#   benchmarks/run.sh --full [...]  the BenchmarkDotNet suites (extra args go to BenchmarkSwitcher, e.g. --filter '*Sgemm*')
set -euo pipefail
cd "$(dirname "$0")/.."

# OpenBLAS is the yardstick (benchmark-only). Debian/Ubuntu package: libopenblas0-pthread.
if ! ls /usr/lib/*-linux-gnu/openblas-pthread/libopenblas.so.0 >/dev/null 2>&1 && ! ldconfig -p | grep -q 'libopenblas\.so\.0'; then
    echo "installing libopenblas0-pthread ..." >&2
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread >/dev/null
fi

# OpenBLAS reads these in its load-time constructor, so they must be set before the process starts.
# SkylakeX = its AVX-512 kernels; Debian's 0.3.21 does not know Zen 5 and would pick its AVX2 (Haswell) ones.
# Forced, not defaulted: a CORETYPE inherited from the environment would silently change the opponent.
export OPENBLAS_CORETYPE=SkylakeX
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-$(nproc)}"

dotnet build benchmarks -c Release -v quiet -nologo >/dev/null
if [ "${1:-}" = "--full" ]; then
    shift
    dotnet benchmarks/bin/Release/net10.0/DeepSeq.Benchmarks.dll "$@"
else
    dotnet benchmarks/bin/Release/net10.0/DeepSeq.Benchmarks.dll --quick "$@"
fi
