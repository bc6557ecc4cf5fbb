using System.Numerics;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.RandomNumbers;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>
/// The CPU random fills: the mapping from (seed, offset, element) to numbers, pinned word by word; determinism
/// and independence; the block loop against RandomStream's per-element functions; and the distributions'
/// statistics. (Gpu/RandomFillTests checks the ILGPU kernels against these fills bit for bit.)
/// </summary>
public sealed class RandomFillTests
{
    private const int N = 100_000;

    // ---- the mapping, pinned ----

    [Fact]
    public void FloatUniformIsTheTopBitsOfThePhiloxWordsInOrder()
    {
        // seed → key (lo32, hi32); offset → counter (lo32, hi32, 0, 0); element i → word i of the block.
        // The key and counter are the π words of Random123's third known-answer line, so swapping lo and hi is caught.
        const ulong seed = 0x299f31d0_a4093822, offset = 0x85a308d3_243f6a88;
        var block0 = Philox4x32.Compute(new Philox4x32.Block(0x243f6a88, 0x85a308d3, 0, 0), 0xa4093822, 0x299f31d0);
        var block1 = Philox4x32.Compute(new Philox4x32.Block(0x243f6a89, 0x85a308d3, 0, 0), 0xa4093822, 0x299f31d0);
        uint[] words = [block0.X0, block0.X1, block0.X2, block0.X3, block1.X0];

        var dst = new float[5];
        RandomFill.Uniform(dst, seed, offset, 0f, 1f);

        Assert.Equal(words.Select(w => (w >> 8) / 16777216f).ToArray(), dst);
    }

    [Fact]
    public void DoubleUniformUsesTwoWordsPerElement()
    {
        var block = Philox4x32.Compute(new Philox4x32.Block(5, 0, 0, 0), 3, 0);
        var dst = new double[2];
        RandomFill.Uniform(dst, seed: 3, offset: 5, 0.0, 1.0);

        Assert.Equal(((block.X0 >> 5) * 67108864.0 + (block.X1 >> 6)) / 9007199254740992.0, dst[0]);
        Assert.Equal(((block.X2 >> 5) * 67108864.0 + (block.X3 >> 6)) / 9007199254740992.0, dst[1]);
    }

    [Fact]
    public void NormalPairsReadTheDocumentedWords()
    {
        // float: slots (0,1) take cos and sin of the pair (word 0, word 1), slots (2,3) of (word 2, word 3).
        // double: slots (0,1) take cos and sin of (u°₁ from words 0,1; u₂ from words 2,3).
        const ulong seed = 77, offset = 3;
        var w = Philox4x32.Compute(new Philox4x32.Block(3, 0, 0, 0), 77, 0);
        var f = new float[4];
        RandomFill.Normal(f, seed, offset, 0f, 1f);
        double[] expected =
        [
            BoxMuller(((w.X0 >> 9) + 0.5) / 8388608, (w.X1 >> 8) / 16777216.0, sine: false),
            BoxMuller(((w.X0 >> 9) + 0.5) / 8388608, (w.X1 >> 8) / 16777216.0, sine: true),
            BoxMuller(((w.X2 >> 9) + 0.5) / 8388608, (w.X3 >> 8) / 16777216.0, sine: false),
            BoxMuller(((w.X2 >> 9) + 0.5) / 8388608, (w.X3 >> 8) / 16777216.0, sine: true),
        ];
        // The reference computes in double, the fill in float: agreement to float precision, not to the bit.
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], f[i], 5e-6);

        var d = new double[2];
        RandomFill.Normal(d, seed, offset, 0.0, 1.0);
        double u1 = ((w.X0 >> 6) * 67108864.0 + (w.X1 >> 6) + 0.5) / 4503599627370496.0;
        double u2 = ((w.X2 >> 5) * 67108864.0 + (w.X3 >> 6)) / 9007199254740992.0;
        Assert.Equal(BoxMuller(u1, u2, sine: false), d[0], 1e-14);
        Assert.Equal(BoxMuller(u1, u2, sine: true), d[1], 1e-14);

        static double BoxMuller(double u1, double u2, bool sine)
            => Math.Sqrt(-2 * Math.Log(u1)) * (sine ? Math.Sin(2 * Math.PI * u2) : Math.Cos(2 * Math.PI * u2));
    }

    [Fact]
    public void BlocksForRoundsUpToWholeBlocks()
    {
        Assert.Equal([0ul, 1, 1, 1, 1, 2], new long[] { 0, 1, 2, 3, 4, 5 }.Select(RandomFill.BlocksFor<float>).ToArray());
        Assert.Equal([0ul, 1, 1, 2, 2, 3], new long[] { 0, 1, 2, 3, 4, 5 }.Select(RandomFill.BlocksFor<double>).ToArray());
    }

    [Fact]
    public void OtherElementTypesAreRefused()
    {
        Assert.Throws<NotSupportedException>(() => RandomFill.Uniform(new System.Half[4], 1, 0, System.Half.Zero, System.Half.One));
    }

    // ---- determinism and independence ----

    [Fact]
    public void SameSeedAndOffsetReproduce()
    {
        foreach (var fill in Fills<float>())
        {
            var a = new float[1001];
            var b = new float[1001];
            fill(a, 42, 7);
            fill(b, 42, 7);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void DifferentOffsetsOrSeedsDiffer()
    {
        foreach (var fill in Fills<double>())
        {
            var a = new double[1000];
            var b = new double[1000];
            var c = new double[1000];
            fill(a, 42, 0);
            fill(b, 42, RandomFill.BlocksFor<double>(a.Length)); // the next draw of a generator
            fill(c, 43, 0);
            // Bernoulli values are 0/1 and do coincide; the others are continuous and never should.
            Assert.True(Agreement(a, b) < 0.6, "offsets");
            Assert.True(Agreement(a, c) < 0.6, "seeds");
        }
    }

    [Property(MaxTest = 50)]
    public bool ShiftingTheOffsetByKBlocksDropsTheFirstKTimesEElements(ulong seed, uint offset, byte k)
    {
        // The mapping's promise: element i at offset o is element i + E·k at offset o − k. Offsets near 2^32 cross
        // into the counter's high word.
        ulong o = 0xFFFF_FF00ul + offset % 512;
        var longer = new float[4 * k + 37];
        var shorter = new float[37];
        RandomFill.Normal(longer, seed, o, 0f, 1f);
        RandomFill.Normal(shorter, seed, o + k, 0f, 1f);
        return longer.AsSpan(4 * k).SequenceEqual(shorter);
    }

    [Fact]
    public void BlockLoopEqualsThePerElementReference()
    {
        // The CPU computes a block once per E elements; a GPU thread per element. Both must give RandomStream's numbers.
        const ulong seed = 0xDEADBEEF, offset = 12345;
        var f = new float[203];
        var d = new double[203];
        RandomFill.TruncatedNormal(f, seed, offset, 1f, 2f);
        RandomFill.TruncatedNormal(d, seed, offset, 1.0, 2.0);
        for (int i = 0; i < f.Length; i++)
        {
            Assert.Equal(RandomStream.TruncatedNormal(seed, offset, i, 1f, 2f), f[i]);
            Assert.Equal(RandomStream.TruncatedNormal(seed, offset, i, 1.0, 2.0), d[i]);
        }
        RandomFill.Bernoulli(f, seed, offset, 0.4f);
        for (int i = 0; i < f.Length; i++) Assert.Equal(RandomStream.Bernoulli(seed, offset, i, 0.4f), f[i]);
        RandomFill.Uniform(d, seed, offset, -1.0, 1.0);
        for (int i = 0; i < d.Length; i++) Assert.Equal(RandomStream.Uniform(seed, offset, i, -1.0, 1.0), d[i]);
    }

    // ---- statistics (100,000 samples; bounds are 5 standard errors of the estimate, so a correct generator fails
    //      about once in 10^6 runs, and the seeds are fixed anyway) ----

    [Fact]
    public void UniformHasTheMeanAndVarianceOfUOnLowHigh()
    {
        CheckUniform<float>(-1, 3);
        CheckUniform<double>(-1, 3);
    }

    private static void CheckUniform<T>(double low, double high) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[N];
        RandomFill.Uniform(x, 2024, 0, T.CreateChecked(low), T.CreateChecked(high));
        double[] v = x.Select(double.CreateChecked).ToArray();
        Assert.All(v, e => Assert.InRange(e, low, high));
        Assert.True(v.Max() < high, "high is exclusive");

        // U[a, b): mean (a+b)/2, variance (b−a)²/12, fourth central moment (b−a)⁴/80.
        double width = high - low, mean = (low + high) / 2, variance = width * width / 12, mu4 = Math.Pow(width, 4) / 80;
        AssertMoments(v, mean, variance, mu4);
    }

    [Fact]
    public void UniformFillsItsRangeEvenly()
    {
        // χ² over 64 equal bins: 63 degrees of freedom, mean 63, standard deviation √126 ≈ 11.2; bound at +5 sd.
        var x = new float[N];
        RandomFill.Uniform(x, 99, 0, 0f, 1f);
        var counts = new int[64];
        foreach (float e in x) counts[(int)(e * 64)]++;
        double expected = N / 64.0;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chi2, 0, 63 + 5 * Math.Sqrt(126));
    }

    [Fact]
    public void NormalHasItsMeanAndVariance()
    {
        CheckNormal<float>(2, 0.5);
        CheckNormal<double>(2, 0.5);
    }

    private static void CheckNormal<T>(double mean, double std) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[N];
        RandomFill.Normal(x, 7, 0, T.CreateChecked(mean), T.CreateChecked(std));
        double[] v = x.Select(double.CreateChecked).ToArray();
        double variance = std * std;
        AssertMoments(v, mean, variance, 3 * variance * variance); // normal: μ₄ = 3σ⁴

        // Tails: P(|z| > 2) = 0.0455, standard error √(0.0455·0.9545/N) = 0.00066.
        double beyond2 = v.Count(e => Math.Abs(e - mean) > 2 * std) / (double)N;
        Assert.InRange(beyond2, 0.0455 - 5 * 0.00066, 0.0455 + 5 * 0.00066);
    }

    [Fact]
    public void BoxMullerPairsAreUncorrelated()
    {
        // Slots 0 and 1 (and 2 and 3) share u°₁ and u₂ and take cos and sin: independent in theory. Correlation of the
        // values and of their squares (the shared radius) should be within 5/√pairs of 0.
        var z = new float[N];
        RandomFill.Normal(z, 11, 0, 0f, 1f);
        int pairs = N / 2;
        double[] a = Enumerable.Range(0, pairs).Select(k => (double)z[2 * k]).ToArray();
        double[] b = Enumerable.Range(0, pairs).Select(k => (double)z[2 * k + 1]).ToArray();
        double bound = 5 / Math.Sqrt(pairs);
        Assert.InRange(Correlation(a, b), -bound, bound);
        Assert.InRange(Correlation(a.Select(e => e * e).ToArray(), b.Select(e => e * e).ToArray()), -bound, bound);
    }

    [Fact]
    public void TruncatedNormalStaysWithinTwoSigmaWithTheTruncatedVariance()
    {
        CheckTruncated<float>(-1, 3);
        CheckTruncated<double>(-1, 3);
    }

    private static void CheckTruncated<T>(double mean, double std) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[N];
        RandomFill.TruncatedNormal(x, 5, 0, T.CreateChecked(mean), T.CreateChecked(std));
        double[] v = x.Select(double.CreateChecked).ToArray();
        Assert.All(v, e => Assert.InRange(e, mean - 2 * std, mean + 2 * std));

        // N(0, 1) on [−2, 2]: with Z = Φ(2) − Φ(−2) = 0.954500 and φ(2) = 0.053991,
        // variance 1 − 4φ(2)/Z = 0.773741 (= 0.8796257²), fourth moment 3 − 28φ(2)/Z = 1.416168.
        double variance = 0.773741 * std * std, mu4 = 1.416168 * Math.Pow(std, 4);
        AssertMoments(v, mean, variance, mu4);
        // Re-drawing, not clamping: no pile-up at the edges. Clamping would put 4.55% of the values beyond 1.99σ.
        double nearEdge = v.Count(e => Math.Abs(e - mean) > 1.99 * std) / (double)N;
        Assert.InRange(nearEdge, 0, 0.005);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    public void BernoulliFrequencyIsP(double p)
    {
        var f = new float[N];
        var d = new double[N];
        RandomFill.Bernoulli(f, 3, 0, (float)p);
        RandomFill.Bernoulli(d, 3, 0, p);
        double se = Math.Sqrt(p * (1 - p) / N);
        Assert.All(f, e => Assert.True(e == 0f || e == 1f));
        Assert.InRange(f.Average(), p - 5 * se, p + 5 * se);
        Assert.InRange(d.Average(), p - 5 * se, p + 5 * se);
    }

    [Fact]
    public void BernoulliOfZeroAndOneIsConstant()
    {
        var x = new float[1000];
        RandomFill.Bernoulli(x, 3, 0, 0f);
        Assert.All(x, e => Assert.Equal(0f, e));
        RandomFill.Bernoulli(x, 3, 0, 1f);
        Assert.All(x, e => Assert.Equal(1f, e));
    }

    // ---- helpers ----

    private delegate void Fill<T>(Span<T> x, ulong seed, ulong offset);

    private static IEnumerable<Fill<T>> Fills<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return (x, s, o) => RandomFill.Uniform(x, s, o, T.Zero, T.One);
        yield return (x, s, o) => RandomFill.Normal(x, s, o, T.Zero, T.One);
        yield return (x, s, o) => RandomFill.TruncatedNormal(x, s, o, T.Zero, T.One);
        yield return (x, s, o) => RandomFill.Bernoulli(x, s, o, T.CreateChecked(0.5));
    }

    private static double Agreement<T>(T[] a, T[] b) where T : IEquatable<T>
        => a.Zip(b).Count(pair => pair.First.Equals(pair.Second)) / (double)a.Length;

    /// <summary>
    /// Sample mean within 5·√(σ²/n) of the mean, sample variance within 5·√((μ₄ − σ⁴)/n) of the variance.
    /// </summary>
    internal static void AssertMoments(double[] v, double mean, double variance, double mu4)
    {
        int n = v.Length;
        double sampleMean = v.Average();
        double sampleVariance = v.Sum(e => (e - sampleMean) * (e - sampleMean)) / (n - 1);
        double meanBound = 5 * Math.Sqrt(variance / n);
        double varianceBound = 5 * Math.Sqrt((mu4 - variance * variance) / n);
        Assert.InRange(sampleMean, mean - meanBound, mean + meanBound);
        Assert.InRange(sampleVariance, variance - varianceBound, variance + varianceBound);
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double cov = 0, va = 0, vb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.Sqrt(va * vb);
    }
}
