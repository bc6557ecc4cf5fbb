// P/Invoke bindings to OpenBLAS, the yardstick for DeepSeq's GEMM. Benchmark-only: the library itself never
// depends on OpenBLAS.
//
// Which OpenBLAS: Debian's libopenblas0-pthread (0.3.21), `apt-get install -y libopenblas0-pthread`
// (benchmarks/run.sh does it). That build picks its kernels at load time from the CPU it sees; it predates
// Zen 5 and falls back to its AVX2 "Haswell" kernels (~240 GFLOP/s SGEMM on 2 cores here). With
// OPENBLAS_CORETYPE=SkylakeX it uses its AVX-512 kernels (~425 GFLOP/s), the fair opponent for our AVX-512
// code. OpenBLAS reads that variable in its load-time constructor, so it must be in the *native* process
// environment before dlopen: run.sh exports it, and EnsureCoreType() below sets it through libc's setenv
// when it is missing (.NET's Environment.SetEnvironmentVariable only changes a managed copy on Linux).
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DeepSeq.Benchmarks;

/// <summary>cblas_sgemm / cblas_dgemm from OpenBLAS, with span wrappers shaped like <c>Gemm.Multiply</c>.</summary>
internal static unsafe class OpenBlas
{
    const string Lib = "openblas";

    /// <summary>Where Debian puts the library; the first one that loads wins.</summary>
    static readonly string[] Candidates =
    [
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "libopenblas.so.0",
        "libopenblas.so",
    ];

    static OpenBlas()
    {
        EnsureCoreType();
        NativeLibrary.SetDllImportResolver(typeof(OpenBlas).Assembly, Resolve);
    }

    static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib) return IntPtr.Zero;   // not ours: let the runtime resolve it
        foreach (string candidate in Candidates)
            if (NativeLibrary.TryLoad(candidate, out IntPtr handle)) return handle;
        throw new DllNotFoundException(
            $"OpenBLAS not found (tried {string.Join(", ", Candidates)}). Install it with " +
            "`apt-get install -y libopenblas0-pthread`, or run benchmarks/run.sh, which does.");
    }

    /// <summary>Sets OPENBLAS_CORETYPE=SkylakeX in the native environment when the CPU has AVX-512 and the
    /// variable is not set, so OpenBLAS uses its AVX-512 kernels. Must run before the library loads.</summary>
    static void EnsureCoreType()
    {
        if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null
            && Vector512.IsHardwareAccelerated && OperatingSystem.IsLinux())
            setenv("OPENBLAS_CORETYPE", "SkylakeX", 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    static extern int setenv(string name, string value, int overwrite);

    // CBLAS enum values (cblas.h).
    const int RowMajor = 101, NoTrans = 111, Trans = 112;

    [DllImport(Lib)] static extern void cblas_sgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);
    [DllImport(Lib)] static extern void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
        double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);
    [DllImport(Lib)] static extern void openblas_set_num_threads(int threads);
    [DllImport(Lib)] static extern int openblas_get_num_threads();
    [DllImport(Lib)] static extern IntPtr openblas_get_corename();
    [DllImport(Lib)] static extern IntPtr openblas_get_config();

    /// <summary>The kernel family OpenBLAS picked, e.g. "SkylakeX" or "Haswell".</summary>
    public static string CoreName => Marshal.PtrToStringAnsi(openblas_get_corename()) ?? "?";
    /// <summary>Build configuration string, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY ...".</summary>
    public static string Config => Marshal.PtrToStringAnsi(openblas_get_config()) ?? "?";
    /// <summary>Worker threads OpenBLAS uses for level-3 calls.</summary>
    public static int Threads
    {
        get => openblas_get_num_threads();
        set => openblas_set_num_threads(value);
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C, float, row-major; same argument order as Gemm.Multiply.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
            cblas_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb,
                beta, pc, ldc);
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C, double, row-major; same argument order as Gemm.Multiply.</summary>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc)
    {
        fixed (double* pa = a, pb = b, pc = c)
            cblas_dgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb,
                beta, pc, ldc);
    }
}
