// C[0:mr, 0:nr] = alpha·(Ã·B̃) + beta·C[0:mr, 0:nr]     Ã: packed (kc, MR)   B̃: packed (kc, NR)   mr ≤ MR, nr ≤ NR
//
// The micro-kernel contract shared by GemmV3Packed and GemmV4Parallel, and the portable scalar kernel.
// A micro-kernel multiplies one packed A panel by one packed B panel (see GemmPacking.cs for the layouts):
// for each p it reads MR values of A and NR values of B and does MR×NR multiply-adds into an MR×NR tile of
// C that lives in registers for the whole k loop. Memory traffic per p is MR + NR values for MR·NR FMAs,
// which is what lets the FMA units, not the loads, set the pace.
// Panels are zero-padded to MR/NR, so the kernel always computes a full tile; edge tiles (mr < MR or
// nr < NR) are written through a small stack tile so C is never touched outside the mr×nr window.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepSeq.Kernels.Cpu;

/// <summary>A register-blocked GEMM micro-kernel over packed panels (a struct, so the JIT specialises and
/// inlines the loops of the version that calls it, and MR/NR become constants there).</summary>
internal interface IGemmMicroKernel<T> where T : unmanaged
{
    /// <summary>Rows of C per tile (values of A per packed column).</summary>
    static abstract int MR { get; }
    /// <summary>Columns of C per tile (values of B per packed row).</summary>
    static abstract int NR { get; }
    /// <summary>Whether this machine runs the kernel in hardware (else it would be emulated, slowly).</summary>
    static abstract bool IsSupported { get; }
    /// <summary>
    /// C[0:mr, 0:nr] = alpha·Ã·B̃ + beta·C, with Ã = a[kc][MR], B̃ = b[kc][NR]; beta == 0 does not read C.
    /// </summary>
    static abstract unsafe void Run(int kc, T* a, T* b, T* c, int ldc, T alpha, T beta, int mr, int nr);
}

/// <summary>Helpers every micro-kernel shares.</summary>
internal static class MicroKernel
{
    /// <summary>Writes the mr×nr corner of a full MR×NR tile (row stride <paramref name="nrFull"/>) into C.</summary>
    public static unsafe void StorePartial<T>(T* tile, int nrFull, T* c, int ldc, T alpha, T beta, int mr, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
        => StorePartial(tile, nrFull, c, ldc, 1, alpha, beta, mr, nr);

    /// <summary>
    /// <see cref="StorePartial{T}(T*, int, T*, int, T, T, int, int)"/> with tile element (i, j) going to
    /// <c>c[i·ci + j·cj]</c>: (ldc, 1) is the plain store, (1, ldc) stores the tile transposed (V5's mirrored
    /// orientation, which computes a tile of Cᵀ).
    /// </summary>
    public static unsafe void StorePartial<T>(T* tile, int nrFull, T* c, long ci, long cj, T alpha, T beta,
        int mr, int nr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < mr; i++)
            for (int j = 0; j < nr; j++)
            {
                T v = alpha * tile[i * nrFull + j];
                T* cij = c + i * ci + j * cj;
                *cij = beta == T.Zero ? v : v + beta * *cij;
            }
    }
}

/// <summary>Portable 4×4 scalar micro-kernel: 16 accumulators in locals, for machines without SIMD (and for
/// T the vector types do not cover). Slow, but it checks the packing and loop nest on any machine.</summary>
internal struct MicroKernelScalar<T> : IGemmMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 4;
    public static int NR => 4;
    public static bool IsSupported => true;

    [SkipLocalsInit]
    public static unsafe void Run(int kc, T* a, T* b, T* c, int ldc, T alpha, T beta, int mr, int nr)
    {
        T* acc = stackalloc T[4 * 4];
        for (int i = 0; i < 16; i++) acc[i] = T.Zero;
        for (int p = 0; p < kc; p++, a += 4, b += 4)
            for (int i = 0; i < 4; i++)
            {
                T ai = a[i];
                acc[i * 4 + 0] += ai * b[0];
                acc[i * 4 + 1] += ai * b[1];
                acc[i * 4 + 2] += ai * b[2];
                acc[i * 4 + 3] += ai * b[3];
            }
        MicroKernel.StorePartial(acc, 4, c, ldc, alpha, beta, mr, nr);
    }
}
