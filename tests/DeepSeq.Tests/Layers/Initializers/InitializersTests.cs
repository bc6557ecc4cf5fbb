using System.Numerics;
using DeepSeq.Layers;
using DeepSeq.Tests.Kernels.Cpu;   // RandomFillTests.AssertMoments
using DeepSeq.Tests.Tensor.Init;   // HouseholderQrTests.AssertGram
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Layers.Initializers;
using Initializers = DeepSeq.Layers.Initializers; // the class, not this test namespace

public sealed class InitializersTests
{
    // ---- fans (Keras _compute_fans) ----

    [Theory]
    [InlineData(new int[0], 1, 1)]                 // scalar
    [InlineData(new[] { 10 }, 10, 10)]             // bias
    [InlineData(new[] { 784, 128 }, 784, 128)]     // Dense kernel (in, out)
    [InlineData(new[] { 5, 8, 4 }, 40, 20)]        // Conv1D kernel (k, in, out): rf = 5
    [InlineData(new[] { 3, 3, 16, 32 }, 144, 288)] // Conv2D kernel (kh, kw, in, out): rf = 9
    [InlineData(new[] { 2, 3, 4, 5, 6 }, 120, 144)] // Conv3D kernel: rf = 24
    public void FansFollowKeras(int[] shape, int fanIn, int fanOut)
    {
        Assert.Equal((fanIn, fanOut), Initializers.ComputeFans(shape));
    }

    // ---- variance scaling ----

    [Fact]
    public void GlorotUniformRespectsItsLimitAndHasVarianceLimitSquaredOverThree()
    {
        int[] shape = [200, 300];
        var w = new float[200 * 300];
        Initializers.GlorotUniform<float>(w, shape, new Generator(1));

        double limit = Math.Sqrt(6.0 / (200 + 300));
        double[] v = w.Select(e => (double)e).ToArray();
        Assert.All(v, e => Assert.InRange(e, -limit, limit));
        // U[−L, L): variance L²/3, fourth moment L⁴/5.
        RandomFillTests.AssertMoments(v, 0, limit * limit / 3, Math.Pow(limit, 4) / 5);
    }

    [Fact]
    public void HeNormalHasStdSqrtTwoOverFanInAfterTruncation()
    {
        int[] shape = [3, 3, 64, 128]; // fan_in = 576
        var w = new double[3 * 3 * 64 * 128];
        Initializers.HeNormal<double>(w, shape, new Generator(2));

        double variance = 2.0 / 576;                                   // what He et al. ask for
        double s = Math.Sqrt(variance) / Initializers.TruncatedNormalStd; // the std before truncation
        Assert.All(w, e => Assert.InRange(e, -2 * s, 2 * s));
        // Truncated at ±2: μ₄/σ⁴ = 1.416168 / 0.773741² = 2.365520.
        RandomFillTests.AssertMoments(w, 0, variance, 2.365520 * variance * variance);
    }

    [Fact]
    public void GlorotNormalAndLecunUseTheirFans()
    {
        int[] shape = [400, 100];
        var w = new double[400 * 100];
        Initializers.GlorotNormal<double>(w, shape, new Generator(3));
        double variance = 2.0 / 500;
        RandomFillTests.AssertMoments(w, 0, variance, 2.365520 * variance * variance);

        Initializers.LecunUniform<double>(w, shape, new Generator(3));
        double limit = Math.Sqrt(3.0 / 400);
        Assert.All(w, e => Assert.InRange(e, -limit, limit));
        RandomFillTests.AssertMoments(w, 0, limit * limit / 3, Math.Pow(limit, 4) / 5);

        Initializers.HeUniform<double>(w, shape, new Generator(3));
        limit = Math.Sqrt(6.0 / 400);
        RandomFillTests.AssertMoments(w, 0, limit * limit / 3, Math.Pow(limit, 4) / 5);
    }

    [Fact]
    public void VarianceScalingFanOutUntruncatedIsAPlainNormal()
    {
        int[] shape = [100, 500];
        var w = new double[100 * 500];
        Initializers.VarianceScaling<double>(
            w, shape, new Generator(4), 3.0, FanMode.FanOut, ScalingDistribution.UntruncatedNormal);
        double variance = 3.0 / 500;
        RandomFillTests.AssertMoments(w, 0, variance, 3 * variance * variance);
        Assert.Contains(w, e => Math.Abs(e) > 3 * Math.Sqrt(variance)); // not truncated
    }

    [Property(MaxTest = 40)]
    public Property UniformInitialisersStayWithinTheirKerasLimitForAnyShape()
    {
        var shapes = Gen.Choose(1, 4).SelectMany(rank => Gen.ArrayOf(Gen.Choose(1, 6), rank)).ToArbitrary();
        return Prop.ForAll(shapes, ArbMap.Default.ArbFor<ulong>(), (shape, seed) =>
        {
            int size = shape.Aggregate(1, (a, b) => a * b);
            var (fanIn, fanOut) = Initializers.ComputeFans(shape);
            var w = new float[size];
            Initializers.GlorotUniform<float>(w, shape, new Generator(seed));
            float glorot = (float)Math.Sqrt(6.0 / (fanIn + fanOut));
            bool ok = w.All(e => Math.Abs(e) <= glorot);
            Initializers.HeUniform<float>(w, shape, new Generator(seed));
            float he = (float)Math.Sqrt(6.0 / fanIn);
            return ok && w.All(e => Math.Abs(e) <= he);
        });
    }

    // ---- orthogonal ----

    [Theory]
    [InlineData(new[] { 64, 64 })]     // square: WᵀW = WWᵀ = I
    [InlineData(new[] { 3, 3, 8, 4 })] // tall, flattened to (72, 4): WᵀW = I
    [InlineData(new[] { 4, 10 })]      // wide: WWᵀ = I
    public void OrthogonalIsOrthonormalAlongItsShortSide(int[] shape)
    {
        var (rows, cols) = Flatten(shape);
        var w = new double[rows * cols];
        Initializers.Orthogonal<double>(w, shape, new Generator(5));
        HouseholderQrTests.AssertGram(w, rows, cols, 1.0, 1e-12);

        var f = new float[rows * cols];
        Initializers.Orthogonal<float>(f, shape, new Generator(5));
        HouseholderQrTests.AssertGram(f.Select(e => (double)e).ToArray(), rows, cols, 1.0, 1e-5);
        // Same draw in double whatever T is: the float weight is the double weight rounded.
        Assert.Equal(w.Select(e => (float)e).ToArray(), f);
    }

    [Fact]
    public void OrthogonalGainScalesTheGram()
    {
        var w = new double[30 * 20];
        Initializers.Orthogonal<double>(w, [30, 20], new Generator(6), gain: 2.0);
        HouseholderQrTests.AssertGram(w, 30, 20, 4.0, 1e-12);
    }

    [Theory]
    [InlineData(12, 5)]
    [InlineData(5, 12)]
    [InlineData(7, 7)]
    public void OrthogonalIsTheQOfTheDrawnNormalWithPositiveDiagonal(int rows, int cols)
    {
        // Keras: A ~ N(0, 1) of shape (max, min), A = QR, Q·sign(diag R), transposed if rows < cols. So with Q' the
        // result (un-transposed), Q'ᵀ·A = R' must be upper triangular with a positive diagonal. The same seed gives A.
        var w = new double[rows * cols];
        Initializers.Orthogonal<double>(w, [rows, cols], new Generator(7));
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        var a = new double[m * n];
        new Generator(7).Normal(a.AsSpan(), 0.0, 1.0);
        double Q(int i, int j) => rows >= cols ? w[i * cols + j] : w[j * cols + i]; // Q' is m×n

        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double r = 0;
                for (int k = 0; k < m; k++) r += Q(k, i) * a[k * n + j];
                if (i > j) Assert.True(Math.Abs(r) < 1e-12, $"R'[{i},{j}] = {r} below the diagonal");
                if (i == j) Assert.True(r > 0, $"R'[{i},{i}] = {r} not positive");
            }
    }

    [Property(MaxTest = 30)]
    public Property OrthogonalHoldsForAnyMatrixShape()
    {
        var dims = Gen.Choose(1, 12).Two().ToArbitrary();
        return Prop.ForAll(dims, ArbMap.Default.ArbFor<ulong>(), (rc, seed) =>
        {
            var (rows, cols) = rc;
            var w = new double[rows * cols];
            Initializers.Orthogonal<double>(w, [rows, cols], new Generator(seed));
            HouseholderQrTests.AssertGram(w, rows, cols, 1.0, 1e-12);
        });
    }

    [Fact]
    public void OrthogonalRefusesVectors()
    {
        Assert.Throws<ArgumentException>(() => Initializers.Orthogonal<float>(new float[5], [5], new Generator(0)));
    }

    // ---- constants and defaults ----

    [Fact]
    public void ConstantInitialisers()
    {
        var w = new float[6];
        Initializers.Ones(w.AsSpan());
        Assert.All(w, e => Assert.Equal(1f, e));
        Initializers.Zeros(w.AsSpan());
        Assert.All(w, e => Assert.Equal(0f, e));
        Initializers.Constant(w.AsSpan(), 2.5f);
        Assert.All(w, e => Assert.Equal(2.5f, e));
        Initializers.Identity<float>(w, [2, 3], gain: 3);
        Assert.Equal([3f, 0, 0, 0, 3f, 0], w);
    }

    [Fact]
    public void RandomInitialisersUseKerasDefaults()
    {
        var w = new double[N];
        Initializers.RandomUniform(w.AsSpan(), new Generator(8));
        Assert.All(w, e => Assert.InRange(e, -0.05, 0.05));
        RandomFillTests.AssertMoments(w, 0, 0.01 / 12, Math.Pow(0.1, 4) / 80);

        Initializers.RandomNormal(w.AsSpan(), new Generator(8));
        RandomFillTests.AssertMoments(w, 0, 0.0025, 3 * 0.0025 * 0.0025);

        Initializers.TruncatedNormal(w.AsSpan(), new Generator(8));
        Assert.All(w, e => Assert.InRange(e, -0.1, 0.1));
        double variance = 0.773741 * 0.0025; // no rescaling by 1/0.8796
        RandomFillTests.AssertMoments(w, 0, variance, 2.365520 * variance * variance);
    }

    private const int N = 100_000;

    [Fact]
    public void GetReturnsTheKerasNamedInitialiser()
    {
        int[] shape = [20, 30];
        var expected = new float[600];
        var actual = new float[600];
        Initializers.GlorotUniform<float>(expected, shape, new Generator(9));
        Initializers.Get<float>("glorot_uniform")(actual, shape, new Generator(9));
        Assert.Equal(expected, actual);

        Initializers.Orthogonal<float>(expected, shape, new Generator(9));
        Initializers.Get<float>("orthogonal")(actual, shape, new Generator(9));
        Assert.Equal(expected, actual);

        Assert.Throws<ArgumentException>(() => Initializers.Get<float>("glorot"));
    }

    [Fact]
    public void ShapeMustMatchTheSpan()
    {
        Assert.Throws<ArgumentException>(
            () => Initializers.GlorotUniform<float>(new float[5], [2, 3], new Generator(0)));
    }

    // ---- helpers ----

    private static (int Rows, int Cols) Flatten(int[] shape)
        => (shape[..^1].Aggregate(1, (a, b) => a * b), shape[^1]);

    [Fact]
    public void An_unknown_initializer_is_refused_by_the_constructor()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dense(3, kernelInitializer: "glorot"));
        Assert.Contains("unknown initializer 'glorot'", e.Message);
        Assert.Equal("uniform", new Embedding(10, 2).EmbeddingsInitializer);   // Keras's default name, accepted
    }
}
