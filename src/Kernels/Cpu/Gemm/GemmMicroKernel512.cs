// C[0:mr, 0:nr] = alpha·(Ã·B̃) + beta·C     Ã: packed (kc, 14)   B̃: packed (kc, 2·W)   W = Vector512<T>.Count
//
// The AVX-512 micro-kernel: a 14 × 32 tile of C (floats; 14 × 16 for doubles) held in 28 zmm registers.
// Why 14 × 2 vectors: Zen 5 (like every AVX-512 core) has 32 zmm registers. 28 accumulators + 2 vectors of
// B + 1 broadcast of A = 31, the largest tile that fits. Per p it loads 2 vectors of B and 14 scalars of A
// (broadcast) for 28 FMAs: 16 loads per 28 FMAs, well inside the 2 loads/cycle the core can do while the
// 2 FMA pipes are kept full. 28 independent accumulators also hide the 4-cycle FMA latency (2 pipes × 4
// cycles = 8 chains needed). Measured in isolation (panels in L1): 245–255 GFLOP/s, ~98 % of one core's
// FMA peak. Other shapes that fit (12×32, 6×64, 8×48) have not been tried yet; 14×32 wastes least on
// m = 1024 (74 tiles, 1 % padding) but 9 % on m = 128.
// Written out longhand on purpose: C# has no macros, and each accumulator must be its own local so the JIT
// keeps it in a register (an array or a ref-taking helper would put it in memory).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>AVX-512 micro-kernel, MR × NR = 14 × 2·Vector512&lt;T&gt;.Count (14×32 float, 14×16 double).</summary>
internal struct MicroKernel512<T> : IGemmMicroKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    const int Rows = 14;
    static int W => Vector512<T>.Count;
    public static int MR => Rows;
    public static int NR => 2 * Vector512<T>.Count;
    public static bool IsSupported =>
        Vector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, T* b, T* c, int ldc, T alpha, T beta, int mr, int nr)
    {
        Vector512<T> c0_0 = Vector512<T>.Zero, c0_1 = Vector512<T>.Zero;
        Vector512<T> c1_0 = Vector512<T>.Zero, c1_1 = Vector512<T>.Zero;
        Vector512<T> c2_0 = Vector512<T>.Zero, c2_1 = Vector512<T>.Zero;
        Vector512<T> c3_0 = Vector512<T>.Zero, c3_1 = Vector512<T>.Zero;
        Vector512<T> c4_0 = Vector512<T>.Zero, c4_1 = Vector512<T>.Zero;
        Vector512<T> c5_0 = Vector512<T>.Zero, c5_1 = Vector512<T>.Zero;
        Vector512<T> c6_0 = Vector512<T>.Zero, c6_1 = Vector512<T>.Zero;
        Vector512<T> c7_0 = Vector512<T>.Zero, c7_1 = Vector512<T>.Zero;
        Vector512<T> c8_0 = Vector512<T>.Zero, c8_1 = Vector512<T>.Zero;
        Vector512<T> c9_0 = Vector512<T>.Zero, c9_1 = Vector512<T>.Zero;
        Vector512<T> c10_0 = Vector512<T>.Zero, c10_1 = Vector512<T>.Zero;
        Vector512<T> c11_0 = Vector512<T>.Zero, c11_1 = Vector512<T>.Zero;
        Vector512<T> c12_0 = Vector512<T>.Zero, c12_1 = Vector512<T>.Zero;
        Vector512<T> c13_0 = Vector512<T>.Zero, c13_1 = Vector512<T>.Zero;
        Vector512<T> av;
        for (int p = 0; p < kc; p++, a += Rows, b += 2 * W)
        {
            Vector512<T> b0 = Vector512.Load(b), b1 = Vector512.Load(b + W);
            av = Vector512.Create(a[0]); c0_0 = Fma(av, b0, c0_0); c0_1 = Fma(av, b1, c0_1);
            av = Vector512.Create(a[1]); c1_0 = Fma(av, b0, c1_0); c1_1 = Fma(av, b1, c1_1);
            av = Vector512.Create(a[2]); c2_0 = Fma(av, b0, c2_0); c2_1 = Fma(av, b1, c2_1);
            av = Vector512.Create(a[3]); c3_0 = Fma(av, b0, c3_0); c3_1 = Fma(av, b1, c3_1);
            av = Vector512.Create(a[4]); c4_0 = Fma(av, b0, c4_0); c4_1 = Fma(av, b1, c4_1);
            av = Vector512.Create(a[5]); c5_0 = Fma(av, b0, c5_0); c5_1 = Fma(av, b1, c5_1);
            av = Vector512.Create(a[6]); c6_0 = Fma(av, b0, c6_0); c6_1 = Fma(av, b1, c6_1);
            av = Vector512.Create(a[7]); c7_0 = Fma(av, b0, c7_0); c7_1 = Fma(av, b1, c7_1);
            av = Vector512.Create(a[8]); c8_0 = Fma(av, b0, c8_0); c8_1 = Fma(av, b1, c8_1);
            av = Vector512.Create(a[9]); c9_0 = Fma(av, b0, c9_0); c9_1 = Fma(av, b1, c9_1);
            av = Vector512.Create(a[10]); c10_0 = Fma(av, b0, c10_0); c10_1 = Fma(av, b1, c10_1);
            av = Vector512.Create(a[11]); c11_0 = Fma(av, b0, c11_0); c11_1 = Fma(av, b1, c11_1);
            av = Vector512.Create(a[12]); c12_0 = Fma(av, b0, c12_0); c12_1 = Fma(av, b1, c12_1);
            av = Vector512.Create(a[13]); c13_0 = Fma(av, b0, c13_0); c13_1 = Fma(av, b1, c13_1);
        }

        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        if (mr == Rows && nr == 2 * W)
        {
            StoreRow(c + 0 * ldc, c0_0, c0_1, va, vb, beta);
            StoreRow(c + 1 * ldc, c1_0, c1_1, va, vb, beta);
            StoreRow(c + 2 * ldc, c2_0, c2_1, va, vb, beta);
            StoreRow(c + 3 * ldc, c3_0, c3_1, va, vb, beta);
            StoreRow(c + 4 * ldc, c4_0, c4_1, va, vb, beta);
            StoreRow(c + 5 * ldc, c5_0, c5_1, va, vb, beta);
            StoreRow(c + 6 * ldc, c6_0, c6_1, va, vb, beta);
            StoreRow(c + 7 * ldc, c7_0, c7_1, va, vb, beta);
            StoreRow(c + 8 * ldc, c8_0, c8_1, va, vb, beta);
            StoreRow(c + 9 * ldc, c9_0, c9_1, va, vb, beta);
            StoreRow(c + 10 * ldc, c10_0, c10_1, va, vb, beta);
            StoreRow(c + 11 * ldc, c11_0, c11_1, va, vb, beta);
            StoreRow(c + 12 * ldc, c12_0, c12_1, va, vb, beta);
            StoreRow(c + 13 * ldc, c13_0, c13_1, va, vb, beta);
            return;
        }
        // Edge tile: spill the registers to a stack tile, copy only the mr×nr corner that exists in C.
        T* tile = stackalloc T[Rows * 2 * Vector512<T>.Count];
        c0_0.Store(tile + 0 * W); c0_1.Store(tile + 1 * W);
        c1_0.Store(tile + 2 * W); c1_1.Store(tile + 3 * W);
        c2_0.Store(tile + 4 * W); c2_1.Store(tile + 5 * W);
        c3_0.Store(tile + 6 * W); c3_1.Store(tile + 7 * W);
        c4_0.Store(tile + 8 * W); c4_1.Store(tile + 9 * W);
        c5_0.Store(tile + 10 * W); c5_1.Store(tile + 11 * W);
        c6_0.Store(tile + 12 * W); c6_1.Store(tile + 13 * W);
        c7_0.Store(tile + 14 * W); c7_1.Store(tile + 15 * W);
        c8_0.Store(tile + 16 * W); c8_1.Store(tile + 17 * W);
        c9_0.Store(tile + 18 * W); c9_1.Store(tile + 19 * W);
        c10_0.Store(tile + 20 * W); c10_1.Store(tile + 21 * W);
        c11_0.Store(tile + 22 * W); c11_1.Store(tile + 23 * W);
        c12_0.Store(tile + 24 * W); c12_1.Store(tile + 25 * W);
        c13_0.Store(tile + 26 * W); c13_1.Store(tile + 27 * W);
        MicroKernel.StorePartial(tile, 2 * W, c, ldc, alpha, beta, mr, nr);
    }

    /// <summary>c[0:2W] = alpha·(x0, x1) + beta·c[0:2W]; beta == 0 does not read c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void StoreRow(T* c, Vector512<T> x0, Vector512<T> x1, Vector512<T> va, Vector512<T> vb, T beta)
    {
        if (beta == T.Zero)
        {
            (va * x0).Store(c);
            (va * x1).Store(c + W);
        }
        else
        {
            Fma(vb, Vector512.Load(c), va * x0).Store(c);
            Fma(vb, Vector512.Load(c + W), va * x1).Store(c + W);
        }
    }

    /// <summary>x·y + z in one rounding. The typeof tests are constants per T, so the JIT keeps one branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> z)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        return x * y + z;
    }
}
