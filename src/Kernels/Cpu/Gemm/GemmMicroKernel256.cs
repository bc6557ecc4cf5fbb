// C[0:mr, 0:nr] = alpha·(Ã·B̃) + beta·C     Ã: packed (kc, 6)   B̃: packed (kc, 2·W)   W = Vector256<T>.Count
//
// The AVX2 (+FMA) micro-kernel for machines without AVX-512: a 6 × 16 tile of C (floats; 6 × 8 doubles) in
// 12 ymm registers. Why 6 × 2 vectors: AVX2 has only 16 ymm registers; 12 accumulators + 2 vectors of B + 1
// broadcast of A = 15. It is the classic Haswell-era BLIS shape. Same structure as MicroKernel512, half the
// width and fewer rows; on this Zen 5 it runs at roughly half the speed of the 512-bit kernel.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>AVX2 micro-kernel, MR × NR = 6 × 2·Vector256&lt;T&gt;.Count (6×16 float, 6×8 double).</summary>
internal struct MicroKernel256<T> : IGemmMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    const int Rows = 6;
    static int W => Vector256<T>.Count;
    public static int MR => Rows;
    public static int NR => 2 * Vector256<T>.Count;
    public static bool IsSupported =>
        Vector256.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, T* b, T* c, int ldc, T alpha, T beta, int mr, int nr)
    {
        Vector256<T> c0_0 = Vector256<T>.Zero, c0_1 = Vector256<T>.Zero;
        Vector256<T> c1_0 = Vector256<T>.Zero, c1_1 = Vector256<T>.Zero;
        Vector256<T> c2_0 = Vector256<T>.Zero, c2_1 = Vector256<T>.Zero;
        Vector256<T> c3_0 = Vector256<T>.Zero, c3_1 = Vector256<T>.Zero;
        Vector256<T> c4_0 = Vector256<T>.Zero, c4_1 = Vector256<T>.Zero;
        Vector256<T> c5_0 = Vector256<T>.Zero, c5_1 = Vector256<T>.Zero;
        Vector256<T> av;
        for (int p = 0; p < kc; p++, a += Rows, b += 2 * W)
        {
            Vector256<T> b0 = Vector256.Load(b), b1 = Vector256.Load(b + W);
            av = Vector256.Create(a[0]); c0_0 = Fma(av, b0, c0_0); c0_1 = Fma(av, b1, c0_1);
            av = Vector256.Create(a[1]); c1_0 = Fma(av, b0, c1_0); c1_1 = Fma(av, b1, c1_1);
            av = Vector256.Create(a[2]); c2_0 = Fma(av, b0, c2_0); c2_1 = Fma(av, b1, c2_1);
            av = Vector256.Create(a[3]); c3_0 = Fma(av, b0, c3_0); c3_1 = Fma(av, b1, c3_1);
            av = Vector256.Create(a[4]); c4_0 = Fma(av, b0, c4_0); c4_1 = Fma(av, b1, c4_1);
            av = Vector256.Create(a[5]); c5_0 = Fma(av, b0, c5_0); c5_1 = Fma(av, b1, c5_1);
        }

        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        if (mr == Rows && nr == 2 * W)
        {
            StoreRow(c + 0 * ldc, c0_0, c0_1, va, vb, beta);
            StoreRow(c + 1 * ldc, c1_0, c1_1, va, vb, beta);
            StoreRow(c + 2 * ldc, c2_0, c2_1, va, vb, beta);
            StoreRow(c + 3 * ldc, c3_0, c3_1, va, vb, beta);
            StoreRow(c + 4 * ldc, c4_0, c4_1, va, vb, beta);
            StoreRow(c + 5 * ldc, c5_0, c5_1, va, vb, beta);
            return;
        }
        // Edge tile: spill the registers to a stack tile, copy only the mr×nr corner that exists in C.
        T* tile = stackalloc T[Rows * 2 * Vector256<T>.Count];
        c0_0.Store(tile + 0 * W); c0_1.Store(tile + 1 * W);
        c1_0.Store(tile + 2 * W); c1_1.Store(tile + 3 * W);
        c2_0.Store(tile + 4 * W); c2_1.Store(tile + 5 * W);
        c3_0.Store(tile + 6 * W); c3_1.Store(tile + 7 * W);
        c4_0.Store(tile + 8 * W); c4_1.Store(tile + 9 * W);
        c5_0.Store(tile + 10 * W); c5_1.Store(tile + 11 * W);
        MicroKernel.StorePartial(tile, 2 * W, c, ldc, alpha, beta, mr, nr);
    }

    /// <summary>c[0:2W] = alpha·(x0, x1) + beta·c[0:2W]; beta == 0 does not read c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void StoreRow(T* c, Vector256<T> x0, Vector256<T> x1, Vector256<T> va, Vector256<T> vb, T beta)
    {
        if (beta == T.Zero)
        {
            (va * x0).Store(c);
            (va * x1).Store(c + W);
        }
        else
        {
            Fma(vb, Vector256.Load(c), va * x0).Store(c);
            Fma(vb, Vector256.Load(c + W), va * x1).Store(c + W);
        }
    }

    /// <summary>x·y + z in one rounding. The typeof tests are constants per T, so the JIT keeps one branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<T> Fma(Vector256<T> x, Vector256<T> y, Vector256<T> z)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return x * y + z;
    }
}
