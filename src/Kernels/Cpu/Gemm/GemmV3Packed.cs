// C = alpha·op(A)·op(B) + beta·C        op(A): (m, k)   op(B): (k, n)   C: (m, n)   all row-major
//
// Version 3: packed panels + a register-blocked SIMD micro-kernel (the BLIS / GotoBLAS design), one core.
// What changed from V2: V2 loaded and stored C on every FMA. Here a 14×32 tile of C stays in 28 zmm
// registers for a whole block of k (GemmMicroKernel512.cs), so per FMA the core does ~0.6 loads and no
// stores. For that the operands are first packed (GemmPacking.cs) into the order the kernel reads them,
// which also absorbs the transposes: every transA/transB variant runs at the same speed.
//
// The loop nest, outermost first, and which cache each loop is sized for (Zen 5: 48 KiB L1d and 1 MiB L2 per
// core, 32 MiB shared L3):
//   jc: columns of C in steps of NC           B̃ block (KC×NC) lives in L3
//     pc: depth k in steps of KC              pack B̃ = op(B)[pc:pc+KC, jc:jc+NC]
//       ic: rows of C in steps of MC          pack Ã = op(A)[ic:ic+MC, pc:pc+KC]; Ã lives in L2
//         jr: NR columns                      one B̃ panel (KC×NR) lives in L1 ...
//           ir: MR rows                       ... while the Ã panels stream past it from L2
//             micro-kernel: C[ir.., jr..] (+)= Ã panel · B̃ panel
// The first pc block applies the caller's beta; later ones accumulate (beta = 1).
//
// Blocking, chosen by measurement on this machine (float, 14×32 kernel, one core, 1024³):
//   KC = 256: one B̃ panel is 256·32·4 B = 32 KiB, two thirds of L1, with room for the streaming Ã panel
//             (14 KiB). A sweep of KC ∈ {128, 256, 384, 512} × MC ∈ {84, 168, 336, 672} gave 180–200 GFLOP/s
//             for every pair with MC ≤ 168 (within the noise of this shared machine) and 145–170 for
//             MC ≥ 336 with KC = 256, so the choice is the textbook one: B̃ panel in L1, Ã block in L2.
//   MC = 168 (12 panels of 14 rows): Ã block = 168·256·4 B = 168 KiB, well inside the 1 MiB L2 next to the
//             B̃ panels streaming through it.
//   NC = 3072: B̃ block = 3 MiB of the shared 32 MiB L3; only matters for n > NC (then B̃ is repacked per jc).
// Measured (Zen 5, float, one core): ~190–215 GFLOP/s at 1024³, ~80 % of one core's measured FMA peak
// (~250); V2: ~14 at 512³. Profile at 1024³: the micro-kernel alone runs at ~98 % of peak with its panels in
// L1, ~92 % in situ; packing takes most of the rest (see GemmPacking.cs).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepSeq.Kernels.Cpu;

/// <summary>GEMM version 3: packed panels and a SIMD register-blocked micro-kernel, single-threaded.
/// See <see cref="Gemm.Multiply{T}"/> for the contract.</summary>
public static class GemmV3Packed
{
    internal const int KC = 256, MC = 168, NC = 3072;

    /// <inheritdoc cref="Gemm.Multiply{T}"/>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The typeof/IsSupported tests are JIT-time constants: each instantiation keeps one call.
        if (MicroKernel512<T>.IsSupported)
            Multiply<T, MicroKernel512<T>>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else if (MicroKernel256<T>.IsSupported)
            Multiply<T, MicroKernel256<T>>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else
            Multiply<T, MicroKernelScalar<T>>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>V3 with a chosen micro-kernel (tests run every kernel the machine supports).</summary>
    internal static unsafe void Multiply<T, TK>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmMicroKernel<T>
    {
        Gemm.Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == T.Zero) { Gemm.ScaleC(m, n, beta, c, ldc); return; }
        fixed (T* pa = a, pb = b, pc = c)
            Run<T, TK>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    // AggressiveOptimization here and on the kernels and packers: compile optimised code on the first call.
    // With tiering, a burst of small GEMMs runs for ~100 ms in unoptimised Tier-0 code first (measured: 64³
    // at 32 GFLOP/s instead of ~150).
    /// <summary>The loop nest of the file header on the calling thread, for C[0:m, 0:n]; m, n, k &gt; 0.
    /// V4 calls it on sub-blocks of C, one per task. Pointers address op(A)[0,0]'s storage etc.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Run<T, TK>(bool transA, bool transB, int m, int n, int k,
        T alpha, T* a, int lda, T* b, int ldb, T beta, T* c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmMicroKernel<T>
    {
        int MR = TK.MR, NR = TK.NR;
        int kcMax = Math.Min(KC, k);
        T* packA = PackBuffers<T>.A(RoundUp(Math.Min(MC, m), MR) * kcMax);
        T* packB = PackBuffers<T>.B(RoundUp(Math.Min(NC, n), NR) * kcMax);

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                GemmPacking.PackB<T, TK>(transB, b, ldb, pc, jc, kc, nc, packB);
                T betaBlock = pc == 0 ? beta : T.One;      // beta once, then accumulate
                for (int ic = 0; ic < m; ic += MC)
                {
                    int mc = Math.Min(MC, m - ic);
                    GemmPacking.PackA<T, TK>(transA, a, lda, ic, pc, mc, kc, packA);
                    for (int jr = 0; jr < nc; jr += NR)
                    {
                        int nr = Math.Min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR)
                            TK.Run(kc, packA + ir * kc, packB + jr * kc,
                                c + (long)(ic + ir) * ldc + jc + jr, ldc, alpha, betaBlock, Math.Min(MR, mc - ir), nr);
                    }
                }
            }
        }
    }

    static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}

/// <summary>
/// Per-thread packing buffers, reused across calls so a steady stream of GEMMs allocates nothing.
/// Pinned (allocated on the pinned object heap) so a raw pointer stays valid without <c>fixed</c>, and
/// 64-byte aligned so a 512-bit load of a panel never straddles two cache lines.
/// </summary>
internal static unsafe class PackBuffers<T> where T : unmanaged
{
    [ThreadStatic] static T[]? s_a;
    [ThreadStatic] static T[]? s_b;

    public static T* A(int length) => Get(ref s_a, length);
    public static T* B(int length) => Get(ref s_b, length);

    static T* Get(ref T[]? buffer, int length)
    {
        int slack = 64 / sizeof(T);
        if (buffer is null || buffer.Length < length + slack)
            buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (T*)((p + 63) & ~(nint)63);
    }
}
