using System.Numerics;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Cpu;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Kernels.Cpu.Gemm;

using Gemm = DeepSeq.Kernels.Cpu.Gemm;
using Problem = GemmTests.Problem<float>;

/// <summary>
/// GemmV5Skinny against GemmV1Naive around its crossovers and edges: the narrow side at 1, odd sizes and the panel
/// widths ± 1 (16, 32, 64, 128 floats), the wide side below, at and past one 14-row tile, k past the 128 where the
/// mirrored orientation starts and the KC = 256 block; each orientation forced, and each way of splitting the work
/// over threads. Tolerances as in <see cref="GemmTests"/>. Plus: results do not depend on the thread count, and the
/// dispatch rule picks V5 for the workload shapes.
/// </summary>
public sealed class GemmV5SkinnyTests
{
    /// <summary>V5 in each orientation and split, plus the public entry points that dispatch to it.</summary>
    static IEnumerable<(string Name, GemmTests.GemmFn<T> Run)> Variants<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (bool mirrored in new[] { false, true })
            foreach (int threads in new[] { 1, 2, 3 })
                yield return ($"V5/{(mirrored ? "mirrored" : "plain")}×{threads}",
                    (ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc) => GemmV5Skinny.Multiply(ta, tb, m, n, k, al,
                        a, lda, b, ldb, be, c, ldc, threads, threshold: 0, mirrored: mirrored));
        yield return ("Gemm.Multiply", Gemm.Multiply);
        yield return ("Gemm.MultiplyOnThisThread", Gemm.MultiplyOnThisThread);
    }

    static Arbitrary<GemmTests.GemmCase> SkinnyCases()
    {
        Gen<int> narrow = Gen.Elements(0, 1, 2, 7, 10, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129);
        Gen<int> wide = Gen.Elements(1, 5, 13, 14, 15, 27, 28, 29, 43, 100, 150);
        Gen<int> k = Gen.Elements(0, 1, 2, 15, 16, 17, 127, 128, 129, 255, 256, 257, 300);
        Gen<double> alpha = Gen.Elements(1.0, -0.5, 0.0);
        Gen<double> beta = Gen.Elements(0.0, 1.0, -1.5);
        Gen<int> pad = Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 3)));
        return (from ta in Gen.Elements(false, true)
                from tb in Gen.Elements(false, true)
                from nar in narrow
                from wid in wide
                from narrowIsN in Gen.Elements(false, true)
                from kk in k
                from pa in pad
                from pb in pad
                from pc in pad
                from al in alpha
                from be in beta
                from seed in Gen.Choose(0, int.MaxValue)
                select new GemmTests.GemmCase(ta, tb, narrowIsN ? wid : nar, narrowIsN ? nar : wid, kk, pa, pb, pc,
                    al, be, seed)).ToArbitrary();
    }

    [Property(MaxTest = 150)]
    public Property FloatMatchesTheReferenceAroundTheCrossovers() => Prop.ForAll(SkinnyCases(), Check<float>);

    [Property(MaxTest = 50)]
    public Property DoubleMatchesTheReferenceAroundTheCrossovers() => Prop.ForAll(SkinnyCases(), Check<double>);

    static void Check<T>(GemmTests.GemmCase p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = GemmTests.Problem<T>.Create(p);
        T[] reference = x.C0.ToArray();
        GemmV1Naive.Multiply(p.TransA, p.TransB, p.M, p.N, p.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, reference,
            x.Ldc);
        foreach (var (name, run) in Variants<T>())
        {
            T[] c = x.C0.ToArray();
            run(p.TransA, p.TransB, p.M, p.N, p.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, c, x.Ldc);
            x.AssertClose(c, reference, name);
        }
    }

    [Theory]
    [InlineData(false, false, 300, 40, 600)]    // plain, split by rows
    [InlineData(true, false, 20, 40, 600)]      // plain, too few rows: split by panels of B
    [InlineData(false, true, 8, 500, 300)]      // mirrored, split by columns of C
    public void ResultsDoNotDependOnTheThreadCount(bool transA, bool transB, int m, int n, int k)
    {
        // Each element of C is summed by one thread in one fixed order, so 1, 2 and 3 threads agree bit for bit.
        var x = Problem.Create(new GemmTests.GemmCase(transA, transB, m, n, k, 0, 1, 0, 1.0, 0.5, Seed: m + n + k));
        float[] one = x.C0.ToArray();
        GemmV5Skinny.Multiply(transA, transB, m, n, k, 1f, x.A, x.Lda, x.B, x.Ldb, 0.5f, one, x.Ldc, threads: 1);
        foreach (int threads in new[] { 2, 3 })
        {
            float[] c = x.C0.ToArray();
            GemmV5Skinny.Multiply(transA, transB, m, n, k, 1f, x.A, x.Lda, x.B, x.Ldb, 0.5f, c, x.Ldc, threads,
                threshold: 0);
            Assert.Equal(one, c);
        }
        float[] again = x.C0.ToArray();
        Gemm.Multiply(transA, transB, m, n, k, 1f, x.A, x.Lda, x.B, x.Ldb, 0.5f, again, x.Ldc);
        Assert.Equal(one, again);
    }

    [Theory]
    [InlineData(512, 16, 10000, true)]   // A1 forward
    [InlineData(10000, 16, 512, true)]   // A1 weight gradient
    [InlineData(8, 4096, 1024, true)]    // LSTM(1024) step
    [InlineData(128, 128, 32, true)]     // LSTM(32) step
    [InlineData(64000, 128, 32, false)]  // input projection: 128 wide and large, V4
    [InlineData(64000, 32, 128, true)]   // its input gradient, 32 wide
    [InlineData(512, 512, 512, true)]    // small square
    [InlineData(512, 10000, 16, true)]   // A1 input gradient: within 512³
    [InlineData(1024, 1024, 1024, false)]
    public void TheDispatchRulePicksV5ForSkinnyAndSmallShapes(int m, int n, int k, bool v5)
        => Assert.Equal(v5 && Vector512.IsHardwareAccelerated, Gemm.UseSkinny<float>(m, n, k));

    [Fact]
    public void MirroredOnlyWhenCIsOneVectorTallAndKIsDeep()
    {
        Assert.True(GemmV5Skinny.Mirror<float>(8, 4096, 1024));
        Assert.False(GemmV5Skinny.Mirror<float>(8, 4096, 32));      // shallow: scattered stores dominate
        Assert.False(GemmV5Skinny.Mirror<float>(32, 4096, 1024));   // two vectors tall: plain is faster
        Assert.False(GemmV5Skinny.Mirror<float>(4096, 8, 1024));    // tall: plain packs the narrow op(B)
    }
}
