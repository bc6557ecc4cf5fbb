using System.Numerics;
using DeepSeq.Kernels.Cpu;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Kernels.Cpu.Gemm;

// The class, not this test folder's namespace of the same name.
using Gemm = DeepSeq.Kernels.Cpu.Gemm;

/// <summary>
/// Every numbered GEMM version (and every micro-kernel this machine can run, on one thread and on two) against
/// GemmV1Naive, over random shapes, transpositions, strides, alpha and beta; V1 itself against a double-precision
/// sum. Plus fixed cases for the parallel split, k = 0, alpha = 0 and argument validation.
/// </summary>
/// <remarks>
/// Tolerance. For a dot product of length k summed in any order (blocked, vectorised, with or without FMA),
/// the standard forward error bound is |fl(Σ xₚyₚ) − Σ xₚyₚ| ≤ γₖ·Σ|xₚyₚ|, γₖ = k·u / (1 − k·u), with unit
/// roundoff u = 2⁻²⁴ (float) or 2⁻⁵³ (double). alpha·sum + beta·c adds two more roundings: γ_{k+2}. The
/// version under test and the reference each err by at most that, in different directions, so we allow
///     |C − C_ref| ≤ 2·γ_{k+2}·(|alpha|·Σₚ|op(A)ᵢₚ·op(B)ₚⱼ| + |beta·C₀ᵢⱼ|)
/// per element, with the sums taken in double. A bound, not a guess: it cannot fail on a correct kernel,
/// yet a dropped or doubled term (size ~|a||b| ≈ 0.25 here) exceeds it by orders of magnitude
/// (checked by breaking the micro-kernel's k loop: these tests then fail).
/// </remarks>
public sealed class GemmTests
{
    internal delegate void GemmFn<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc);

    /// <summary>Every version under test. V3/V4 run once per micro-kernel the CPU supports; V4 is also forced
    /// onto two threads with no size threshold, so small random shapes exercise the parallel split.</summary>
    internal static IEnumerable<(string Name, GemmFn<T> Run)> Versions<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return ("V2Blocked", GemmV2Blocked.Multiply);
        yield return ("V3Packed", GemmV3Packed.Multiply);
        yield return ("V4Parallel", GemmV4Parallel.Multiply);
        yield return ("Gemm.Multiply", Gemm.Multiply);
        yield return ("V5Skinny", GemmV5Skinny.Multiply);
        yield return ("V5Skinny×2", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
            GemmV5Skinny.Multiply(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 2, threshold: 0));
        yield return ("V5Skinny×3", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
            GemmV5Skinny.Multiply(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 3, threshold: 0));
        // Both orientations on every shape, whatever V5's own rule would pick.
        yield return ("V5Skinny/plain", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
            GemmV5Skinny.Multiply(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 1, mirrored: false));
        yield return ("V5Skinny/mirrored×2", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
            GemmV5Skinny.Multiply(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 2, threshold: 0,
                mirrored: true));
        yield return ("V3/scalar", GemmV3Packed.Multiply<T, MicroKernelScalar<T>>);
        yield return ("V4/scalar×2", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
            GemmV4Parallel.Multiply<T, MicroKernelScalar<T>>(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 2, threshold: 0));
        if (MicroKernel256<T>.IsSupported)
        {
            yield return ("V3/256", GemmV3Packed.Multiply<T, MicroKernel256<T>>);
            yield return ("V4/256×2", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
                GemmV4Parallel.Multiply<T, MicroKernel256<T>>(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 2, threshold: 0));
        }
        if (MicroKernel512<T>.IsSupported)
        {
            yield return ("V3/512", GemmV3Packed.Multiply<T, MicroKernel512<T>>);
            yield return ("V4/512×2", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
                GemmV4Parallel.Multiply<T, MicroKernel512<T>>(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 2, threshold: 0));
            yield return ("V4/512×3", (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) =>
                GemmV4Parallel.Multiply<T, MicroKernel512<T>>(ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc, threads: 3, threshold: 0));
        }
    }

    /// <summary>One random problem: sizes, transpositions, extra row stride per operand, alpha, beta, data seed.</summary>
    public sealed record GemmCase(bool TransA, bool TransB, int M, int N, int K, int PadA, int PadB, int PadC,
        double Alpha, double Beta, int Seed);

    /// <summary>
    /// Sizes: mostly ≤ 100, biased to 1, primes and neighbours of the vector width (16 floats, 8 doubles) and
    /// of the tiles (MR = 14, NR = 32); sometimes 0; sometimes just past a cache block (MC = 168 rows,
    /// KC = 256 depth), so the beta-then-accumulate logic across k blocks and the ic loop both run.
    /// </summary>
    static Arbitrary<GemmCase> Cases()
    {
        Gen<int> tricky = Gen.Elements(1, 2, 3, 5, 7, 8, 13, 14, 15, 16, 17, 29, 31, 32, 33, 47, 61, 64, 97);
        Gen<int> small = Gen.Frequency((6, tricky), (3, Gen.Choose(1, 100)), (1, Gen.Constant(0)));
        Gen<int> m = Gen.Frequency((9, small), (1, Gen.Elements(167, 169, 183, 337)));
        Gen<int> k = Gen.Frequency((9, small), (1, Gen.Elements(255, 257, 300, 521)));
        Gen<double> alpha = Gen.Elements(1.0, -0.5, 2.5, 0.0);
        Gen<double> beta = Gen.Elements(0.0, 0.0, 1.0, -1.5, 0.5);
        Gen<int> pad = Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 5)));
        return (from ta in Gen.Elements(false, true)
                from tb in Gen.Elements(false, true)
                from mm in m
                from nn in small
                from kk in k
                from pa in pad
                from pb in pad
                from pc in pad
                from al in alpha
                from be in beta
                from seed in Gen.Choose(0, int.MaxValue)
                select new GemmCase(ta, tb, mm, nn, kk, pa, pb, pc, al, be, seed)).ToArbitrary();
    }

    [Property(MaxTest = 120)]
    public Property EveryFloatVersionMatchesTheReference() => Prop.ForAll(Cases(), CheckAllVersions<float>);

    [Property(MaxTest = 50)]
    public Property EveryDoubleVersionMatchesTheReference() => Prop.ForAll(Cases(), CheckAllVersions<double>);

    [Property(MaxTest = 60)]
    public Property ReferenceMatchesADoublePrecisionSum() => Prop.ForAll(Cases(), p =>
    {
        var x = Problem<float>.Create(p);
        float[] c = x.C0.ToArray();
        GemmV1Naive.Multiply(p.TransA, p.TransB, p.M, p.N, p.K, (float)p.Alpha, x.A, x.Lda, x.B, x.Ldb, (float)p.Beta, c, x.Ldc);
        x.AssertClose(c, x.Exact(), "V1Naive vs double sum");
    });

    static void CheckAllVersions<T>(GemmCase p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Problem<T>.Create(p);
        T[] reference = x.C0.ToArray();
        GemmV1Naive.Multiply(p.TransA, p.TransB, p.M, p.N, p.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, reference, x.Ldc);
        foreach (var (name, run) in Versions<T>())
        {
            T[] c = x.C0.ToArray();
            run(p.TransA, p.TransB, p.M, p.N, p.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, c, x.Ldc);
            x.AssertClose(c, reference, name);
        }
    }

    /// <summary>Operands of one case, laid out with their padded row strides; C's padding holds a sentinel
    /// that must survive (a kernel writing outside the m×n window is caught), and C starts as NaN when
    /// beta = 0 (BLAS: C is then not read).</summary>
    internal sealed class Problem<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public required GemmCase P;
        public required T[] A, B, C0;
        public required int Lda, Ldb, Ldc;
        public T Alpha => T.CreateChecked(P.Alpha);
        public T Beta => T.CreateChecked(P.Beta);
        static readonly T Sentinel = T.CreateChecked(12345.0);

        public static Problem<T> Create(GemmCase p)
        {
            var rng = new Random(p.Seed);
            int aRows = p.TransA ? p.K : p.M, aCols = p.TransA ? p.M : p.K;
            int bRows = p.TransB ? p.N : p.K, bCols = p.TransB ? p.K : p.N;
            int lda = Math.Max(1, aCols + p.PadA), ldb = Math.Max(1, bCols + p.PadB), ldc = Math.Max(1, p.N + p.PadC);
            T[] Fill(int rows, int ld) =>
                Enumerable.Range(0, rows * ld).Select(_ => T.CreateChecked(rng.NextDouble() * 2 - 1)).ToArray();
            T[] c = Fill(p.M, ldc);
            for (int i = 0; i < p.M; i++)
                for (int j = 0; j < ldc; j++)
                    if (j >= p.N) c[i * ldc + j] = Sentinel;
                    else if (p.Beta == 0) c[i * ldc + j] = T.NaN;
            return new Problem<T> { P = p, A = Fill(aRows, lda), B = Fill(bRows, ldb), C0 = c, Lda = lda, Ldb = ldb, Ldc = ldc };
        }

        double OpA(int i, int p) => double.CreateChecked(P.TransA ? A[p * Lda + i] : A[i * Lda + p]);
        double OpB(int p, int j) => double.CreateChecked(P.TransB ? B[j * Ldb + p] : B[p * Ldb + j]);

        /// <summary>alpha·op(A)·op(B) + beta·C₀ summed in double (the exact answer for float inputs, up to 2⁻⁵³).</summary>
        public T[] Exact()
        {
            T[] c = C0.ToArray();
            for (int i = 0; i < P.M; i++)
                for (int j = 0; j < P.N; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < P.K; p++) sum += OpA(i, p) * OpB(p, j);
                    double c0 = P.Beta == 0 ? 0 : double.CreateChecked(C0[i * Ldc + j]);
                    c[i * Ldc + j] = T.CreateChecked(P.Alpha * sum + P.Beta * c0);
                }
            return c;
        }

        public void AssertClose(T[] actual, T[] expected, string version)
        {
            double u = typeof(T) == typeof(float) ? Math.Pow(2, -24) : Math.Pow(2, -53);
            double gamma = (P.K + 2) * u / (1 - (P.K + 2) * u);
            for (int i = 0; i < P.M; i++)
            {
                for (int j = 0; j < Ldc; j++)
                {
                    int at = i * Ldc + j;
                    if (j >= P.N)
                    {
                        Assert.True(actual[at] == Sentinel, $"{version}: wrote C[{i},{j}] outside the {P.M}×{P.N} window; {P}");
                        continue;
                    }
                    double magnitude = 0;
                    for (int p = 0; p < P.K; p++) magnitude += Math.Abs(OpA(i, p) * OpB(p, j));
                    double c0 = P.Beta == 0 ? 0 : Math.Abs(P.Beta * double.CreateChecked(C0[at]));
                    double tol = 2 * gamma * (Math.Abs(P.Alpha) * magnitude + c0);
                    double got = double.CreateChecked(actual[at]), want = double.CreateChecked(expected[at]);
                    Assert.True(Math.Abs(got - want) <= tol,
                        $"{version}: C[{i},{j}] = {got}, reference {want}, |Δ| = {Math.Abs(got - want):G3} > tol {tol:G3}; {P}");
                }
            }
        }
    }

    // ---- fixed cases ----

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void LargeEnoughForThePublicEntryToGoParallel(bool transA, bool transB)
    {
        // Both above V4's threshold of 300³ = 27 M multiply-adds: 330·331·257 ≈ 28 M is tall (rows split),
        // 257 > KC gives two k blocks and 330 > MC two row blocks; 40·2000·350 = 28 M is wide (columns split).
        Assert.True(330L * 331 * 257 >= GemmV4Parallel.ParallelThreshold && 40L * 2000 * 350 >= GemmV4Parallel.ParallelThreshold);
        foreach (var (m, n, k) in new[] { (330, 331, 257), (40, 2000, 350) })
        {
            var p = new GemmCase(transA, transB, m, n, k, 3, 0, 1, 1.5, -0.5, Seed: m + n);
            var x = Problem<float>.Create(p);
            float[] reference = x.C0.ToArray(), c = x.C0.ToArray();
            GemmV1Naive.Multiply(transA, transB, m, n, k, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, reference, x.Ldc);
            Gemm.Multiply(transA, transB, m, n, k, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, c, x.Ldc);
            x.AssertClose(c, reference, $"Gemm.Multiply {m}×{n}×{k}");
        }
    }

    [Fact]
    public void WiderThanOneColumnBlock()
    {
        // n = 3100 > NC = 3072: the jc loop runs twice. Cheap because m and k are tiny.
        var p = new GemmCase(false, true, 5, 3100, 7, 0, 2, 0, 1.0, 0.0, Seed: 7);
        var x = Problem<float>.Create(p);
        float[] reference = x.C0.ToArray(), c = x.C0.ToArray();
        GemmV1Naive.Multiply(p.TransA, p.TransB, p.M, p.N, p.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, reference, x.Ldc);
        GemmV3Packed.Multiply(p.TransA, p.TransB, p.M, p.N, p.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, c, x.Ldc);
        x.AssertClose(c, reference, "V3Packed n > NC");
    }

    [Fact]
    public void KZeroScalesCByBetaAndBetaZeroClearsNaN()
    {
        float[] c = [1, 2, 3, 4, 5, 6];   // 2×3
        Gemm.Multiply<float>(false, false, 2, 3, 0, 1f, [], 1, [], 3, 2f, c, 3);
        Assert.Equal([2f, 4, 6, 8, 10, 12], c);

        float[] nan = [float.NaN, float.NaN, float.NaN, float.NaN];
        Gemm.Multiply<float>(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0f, nan, 2);
        Assert.Equal([0f, 0, 0, 0], nan);
    }

    [Fact]
    public void AlphaZeroDoesNotReadAOrB()
    {
        // BLAS: with alpha = 0, A and B are not referenced, so NaN there cannot reach C.
        float[] a = [float.NaN, float.NaN], b = [float.NaN, float.NaN], c = [3f];
        Gemm.Multiply<float>(false, false, 1, 1, 2, 0f, a, 2, b, 1, 2f, c, 1);
        Assert.Equal(6f, c[0]);
    }

    [Fact]
    public void EmptyOutputsAreNoOps()
    {
        float[] c = [7f];
        Gemm.Multiply<float>(false, false, 0, 5, 3, 1f, [], 3, new float[15], 5, 0f, [], 5);
        Gemm.Multiply<float>(false, false, 4, 0, 3, 1f, new float[12], 3, [], 1, 0f, [], 1);
        Gemm.Multiply<float>(false, false, 1, 1, 1, 1f, [2f], 1, [3f], 1, 0f, c, 1);
        Assert.Equal(6f, c[0]);
    }

    [Fact]
    public void TypesWithoutSimdFallBackToTheReference()
    {
        // 2×2 · 2×2 in Half: [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]], exact in Half.
        Half[] a = [(Half)1, (Half)2, (Half)3, (Half)4], b = [(Half)5, (Half)6, (Half)7, (Half)8], c = new Half[4];
        Gemm.Multiply(false, false, 2, 2, 2, Half.One, a, 2, b, 2, Half.Zero, c, 2);
        Assert.Equal([(Half)19, (Half)22, (Half)43, (Half)50], c);
    }

    [Theory]
    [InlineData(-1, 2, 2, 2, 2, 2, 4, 4, 4, "m=-1")]
    [InlineData(2, 2, -3, 2, 2, 2, 4, 4, 4, "k=-3")]
    [InlineData(2, 3, 4, 3, 3, 3, 8, 12, 6, "lda=3")]       // A is 2×4: lda must be ≥ 4
    [InlineData(2, 3, 4, 4, 2, 3, 8, 12, 6, "ldb=2")]       // B is 4×3: ldb must be ≥ 3
    [InlineData(2, 3, 4, 4, 3, 2, 8, 12, 6, "ldc=2")]
    [InlineData(2, 3, 4, 4, 3, 3, 7, 12, 6, "A has 7 elements")]
    [InlineData(2, 3, 4, 4, 3, 3, 8, 11, 6, "B has 11 elements")]
    [InlineData(2, 3, 4, 4, 3, 3, 8, 12, 5, "C has 5 elements")]
    public void InvalidArgumentsAreRejectedWithTheSizes(int m, int n, int k, int lda, int ldb, int ldc,
        int aLength, int bLength, int cLength, string expected)
    {
        var a = new float[aLength]; var b = new float[bLength]; var c = new float[cLength];
        foreach (var (name, run) in Versions<float>().Prepend(("V1Naive", GemmV1Naive.Multiply)))
        {
            var ex = Assert.ThrowsAny<ArgumentException>(() => run(false, false, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc));
            Assert.Contains("gemm", ex.Message);
            Assert.True(ex.Message.Contains(expected), $"{name}: \"{ex.Message}\" does not mention \"{expected}\"");
        }
    }

    [Fact]
    public void TransposedOperandsAreCheckedAgainstTheirStoredShape()
    {
        // transA: A is stored k×m = 4×2, so lda = 2 is enough and a 2×4 A's lda = 2 would not be.
        var c = new float[6];
        Gemm.Multiply<float>(true, false, 2, 3, 4, 1f, new float[8], 2, new float[12], 3, 0f, c, 3);
        var ex = Assert.ThrowsAny<ArgumentException>(
            () => Gemm.Multiply<float>(false, false, 2, 3, 4, 1f, new float[8], 2, new float[12], 3, 0f, c, 3));
        Assert.Contains("lda=2", ex.Message);
    }
}
