// Keras 2's weight initialisers (keras/initializers/initializers.py), as functions that fill a span.
//
//   fans (Keras _compute_fans), for a weight of shape s:
//     rank 0        fan_in = fan_out = 1
//     rank 1        fan_in = fan_out = s[0]
//     rank 2        fan_in = s[0], fan_out = s[1]                          Dense kernel (in, out)
//     rank ≥ 3      rf = s[0]·…·s[-3],  fan_in = s[-2]·rf, fan_out = s[-1]·rf   conv kernel (kh, kw, in, out)
//
//   VarianceScaling(scale, mode, distribution):   σ² = scale / max(1, n),   n = fan_in | fan_out | (fan_in + fan_out)/2
//     truncated_normal    N(0, s²) re-drawn beyond 2s, s = √σ² / 0.87962566103423978   (so the result has variance σ²)
//     untruncated_normal  N(0, σ²)
//     uniform             U[−√(3σ²), √(3σ²))                                          (variance of U[−L, L) is L²/3)
//
//   glorot_uniform = VS(1, fan_avg, uniform)          limit √(6 / (fan_in + fan_out))
//   glorot_normal  = VS(1, fan_avg, truncated_normal)
//   he_normal      = VS(2, fan_in, truncated_normal)  s = √(2 / fan_in) / 0.8796…
//   he_uniform     = VS(2, fan_in, uniform)           limit √(6 / fan_in)
//   lecun_normal   = VS(1, fan_in, truncated_normal)
//   lecun_uniform  = VS(1, fan_in, uniform)           limit √(3 / fan_in)
//   orthogonal(gain): flatten to (rows = s[0]·…·s[-2], cols = s[-1]), then the raw fill Generator.Orthogonal:
//                     A ~ N(0, 1) of shape (max, min), A = QR, Q ← Q·sign(diag R), transpose if rows < cols, times gain
//
// Why 0.8796…: N(0, 1) cut to [−2, 2] has standard deviation 0.87962566103423978 (scipy truncnorm.std(−2, 2));
// dividing by it restores the variance the Glorot/He analysis asks for.
//
// These are the names and fan rules, a Layers concept; the random numbers themselves come from the raw fills of
// DeepSeq.Tensor (Generator.Uniform, Normal, TruncatedNormal, Orthogonal), which take explicit bounds or std.

namespace DeepSeq.Layers;

/// <summary>Which fan <see cref="Initializers.VarianceScaling{T}"/> divides the scale by (Keras <c>mode</c>).</summary>
public enum FanMode
{
    /// <summary>Keras <c>"fan_in"</c>: inputs per output unit. Keeps forward activations' variance.</summary>
    FanIn,

    /// <summary>Keras <c>"fan_out"</c>: outputs per input unit. Keeps backward gradients' variance.</summary>
    FanOut,

    /// <summary>Keras <c>"fan_avg"</c>: (fan_in + fan_out) / 2, Glorot's compromise between the two.</summary>
    FanAvg,
}

/// <summary>The distribution <see cref="Initializers.VarianceScaling{T}"/>
/// draws from (Keras <c>distribution</c>).</summary>
public enum ScalingDistribution
{
    /// <summary>Keras <c>"truncated_normal"</c> (the default): normal
    /// re-drawn beyond 2 standard deviations, rescaled by 1/0.8796.</summary>
    TruncatedNormal,

    /// <summary>Keras <c>"untruncated_normal"</c>: plain normal.</summary>
    UntruncatedNormal,

    /// <summary>Keras <c>"uniform"</c>: uniform on [−√(3σ²), √(3σ²)).</summary>
    Uniform,
}

/// <summary>Fills <paramref name="dst"/>, a weight of shape <paramref name="shape"/>
/// (row-major), drawing from <paramref name="generator"/>.</summary>
/// <param name="dst">the weight, row-major, prod(shape) elements</param>
/// <param name="shape">its shape</param>
/// <param name="generator">the random source; advanced past this draw</param>
public delegate void Initializer<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator);

/// <summary>
/// Keras 2's weight initialisers. Each fills a row-major span holding a weight of the given shape, drawing its
/// random numbers from a <see cref="Generator"/> (which then moves on, so two weights initialised from one
/// generator differ, and the same seed reproduces the whole model).
/// <c>T</c> is <see cref="float"/> or <see cref="double"/>.
/// </summary>
/// <remarks>
/// Keras's <c>seed=</c> argument corresponds to passing <c>new Generator(seed)</c>. Unlike a seeded Keras initialiser,
/// which returns the same values at every call, calling one of these twice with the same generator gives fresh values.
/// The parameters (scale, fans, limit) are computed in double and rounded to <c>T</c> once.
/// </remarks>
public static class Initializers
{
    /// <summary>Standard deviation of N(0, 1) truncated to [−2, 2] (scipy
    /// <c>truncnorm.std(a=-2, b=2)</c>), the constant Keras divides by.</summary>
    public const double TruncatedNormalStd = 0.87962566103423978;

    /// <summary>
    /// (fan_in, fan_out) of a weight shape, exactly as Keras's
    /// <c>_compute_fans</c>: rank 0 → (1, 1); rank 1 → (s0, s0);
    /// rank 2 → (s0, s1), the Dense kernel (in, out); rank ≥ 3 → a conv kernel (k…, in, out) with receptive field
    /// rf = s[0]·…·s[-3]: (s[-2]·rf, s[-1]·rf).
    /// </summary>
    /// <param name="shape">the weight's shape, channels last (Keras's layout)</param>
    public static (int FanIn, int FanOut) ComputeFans(ReadOnlySpan<int> shape)
    {
        switch (shape.Length)
        {
            case 0:
                return (1, 1);
            case 1:
                return (shape[0], shape[0]);
            case 2:
                return (shape[0], shape[1]);
            default:
                int receptiveField = 1;
                for (int d = 0; d < shape.Length - 2; d++) receptiveField = checked(receptiveField * shape[d]);
                return (checked(shape[^2] * receptiveField), checked(shape[^1] * receptiveField));
        }
    }

    /// <summary>
    /// σ² = scale / max(1, n) with n the fan chosen by <paramref name="mode"/>, then draw with variance σ²:
    /// truncated normal with s = √σ² / 0.8796…, plain normal with std √σ², or uniform with limit √(3σ²).
    /// Keras <c>VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal")</c>.
    /// </summary>
    /// <param name="dst">the weight, row-major, prod(shape) elements</param>
    /// <param name="shape">the weight's shape (for the fans)</param>
    /// <param name="generator">the random source; advanced past this draw</param>
    /// <param name="scale">the variance numerator; default 1</param>
    /// <param name="mode">which fan divides the scale; default <see cref="FanMode.FanIn"/></param>
    /// <param name="distribution">what to draw from; default <see cref="ScalingDistribution.TruncatedNormal"/></param>
    public static void VarianceScaling<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator, double scale = 1.0,
        FanMode mode = FanMode.FanIn, ScalingDistribution distribution = ScalingDistribution.TruncatedNormal)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(dst, shape, "variance_scaling");
        if (!(scale > 0)) throw new ArgumentException($"variance_scaling: scale must be positive, got {scale}");
        var (fanIn, fanOut) = ComputeFans(shape);
        double n = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => (fanIn + (double)fanOut) / 2.0,
        };
        double variance = scale / Math.Max(1.0, n);
        switch (distribution)
        {
            case ScalingDistribution.TruncatedNormal:
                generator.TruncatedNormal(dst, T.Zero, T.CreateChecked(Math.Sqrt(variance) / TruncatedNormalStd));
                break;
            case ScalingDistribution.UntruncatedNormal:
                generator.Normal(dst, T.Zero, T.CreateChecked(Math.Sqrt(variance)));
                break;
            default:
                T limit = T.CreateChecked(Math.Sqrt(3.0 * variance));
                generator.Uniform(dst, -limit, limit);
                break;
        }
    }

    /// <summary>U[−limit, limit), limit = √(6 / (fan_in + fan_out)). Keras <c>GlorotUniform</c>
    /// ("glorot_uniform"), the default kernel initialiser of Dense, Conv and LSTM.</summary>
    /// <inheritdoc cref="Initializer{T}" path="/param"/>
    public static void GlorotUniform<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VarianceScaling(dst, shape, generator, 1.0, FanMode.FanAvg, ScalingDistribution.Uniform);

    /// <summary>Truncated normal with s = √(2 / (fan_in + fan_out)) /
    /// 0.8796…. Keras <c>GlorotNormal</c> ("glorot_normal").</summary>
    /// <inheritdoc cref="Initializer{T}" path="/param"/>
    public static void GlorotNormal<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VarianceScaling(dst, shape, generator, 1.0, FanMode.FanAvg, ScalingDistribution.TruncatedNormal);

    /// <summary>Truncated normal with s = √(2 / fan_in) / 0.8796….
    /// Keras <c>HeNormal</c> ("he_normal"), for ReLU layers.</summary>
    /// <inheritdoc cref="Initializer{T}" path="/param"/>
    public static void HeNormal<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VarianceScaling(dst, shape, generator, 2.0, FanMode.FanIn, ScalingDistribution.TruncatedNormal);

    /// <summary>U[−limit, limit), limit = √(6 / fan_in). Keras <c>HeUniform</c> ("he_uniform").</summary>
    /// <inheritdoc cref="Initializer{T}" path="/param"/>
    public static void HeUniform<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VarianceScaling(dst, shape, generator, 2.0, FanMode.FanIn, ScalingDistribution.Uniform);

    /// <summary>Truncated normal with s = √(1 / fan_in) / 0.8796…. Keras
    /// <c>LecunNormal</c> ("lecun_normal"), for SELU layers.</summary>
    /// <inheritdoc cref="Initializer{T}" path="/param"/>
    public static void LecunNormal<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VarianceScaling(dst, shape, generator, 1.0, FanMode.FanIn, ScalingDistribution.TruncatedNormal);

    /// <summary>U[−limit, limit), limit = √(3 / fan_in). Keras <c>LecunUniform</c> ("lecun_uniform").</summary>
    /// <inheritdoc cref="Initializer{T}" path="/param"/>
    public static void LecunUniform<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator)
        where T : unmanaged, IFloatingPointIeee754<T>
        => VarianceScaling(dst, shape, generator, 1.0, FanMode.FanIn, ScalingDistribution.Uniform);

    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/>.
    /// Keras <c>Orthogonal(gain=1.0)</c> ("orthogonal"), the default
    /// recurrent-kernel initialiser of LSTM and GRU: it keeps
    /// ‖h·W‖ = ‖h‖, so repeated steps neither explode nor vanish.
    /// </summary>
    /// <param name="dst">the weight, row-major</param>
    /// <param name="shape">its shape, rank ≥ 2; flattened to (rows = s[0]·…·s[-2], cols = s[-1])</param>
    /// <param name="generator">the random source (draws rows·cols doubles)</param>
    /// <param name="gain">multiplies the result; default 1</param>
    /// <remarks>
    /// <para>Keras's recipe, drawn by <see cref="Generator.Orthogonal{T}"/>: A ~ N(0, 1) of shape (max(rows, cols),
    /// min(rows, cols)); A = QR; Q ← Q·sign(diag R), which makes
    /// the result the unique Q with a positive R diagonal, and so Haar-distributed; transpose when rows &lt; cols.
    /// So rows ≥ cols gives orthonormal columns (WᵀW = I), rows &lt; cols orthonormal rows (WWᵀ = I).</para>
    /// <para>A is drawn and factorised in double whatever <c>T</c>
    /// is, so float and double weights from the same seed agree
    /// up to rounding. A zero on R's diagonal (probability 0) counts as
    /// positive, where TensorFlow's sign(0) = 0 would zero the column.</para>
    /// </remarks>
    public static void Orthogonal<T>(Span<T> dst, ReadOnlySpan<int> shape, Generator generator, double gain = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(dst, shape, "orthogonal");
        if (shape.Length < 2)
            throw new ArgumentException(
                $"orthogonal: the weight must be at least two-dimensional, got rank {shape.Length}");
        int rows = 1;
        for (int d = 0; d < shape.Length - 1; d++) rows = checked(rows * shape[d]);
        generator.Orthogonal(dst, rows, shape[^1], gain);
    }

    /// <summary>
    /// gain · I: ones on the main diagonal of a 2-D weight, zeros
    /// elsewhere (a non-square weight gets the rectangular identity).
    /// Keras <c>Identity(gain=1.0)</c> ("identity").
    /// </summary>
    /// <param name="dst">the weight, row-major</param>
    /// <param name="shape">its shape, rank 2</param>
    /// <param name="gain">the diagonal value; default 1</param>
    public static void Identity<T>(Span<T> dst, ReadOnlySpan<int> shape, double gain = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShape(dst, shape, "identity");
        if (shape.Length != 2)
            throw new ArgumentException($"identity: the weight must be two-dimensional, got rank {shape.Length}");
        dst.Clear();
        int cols = shape[1];
        for (int i = 0; i < Math.Min(shape[0], cols); i++) dst[i * cols + i] = T.CreateChecked(gain);
    }

    /// <summary>U[minval, maxval). Keras <c>RandomUniform(minval=-0.05, maxval=0.05)</c> ("random_uniform").</summary>
    /// <param name="dst">the weight</param>
    /// <param name="generator">the random source</param>
    /// <param name="minval">inclusive lower bound; default −0.05</param>
    /// <param name="maxval">exclusive upper bound; default 0.05</param>
    public static void RandomUniform<T>(Span<T> dst, Generator generator, double minval = -0.05, double maxval = 0.05)
        where T : unmanaged, IFloatingPointIeee754<T>
        => generator.Uniform(dst, T.CreateChecked(minval), T.CreateChecked(maxval));

    /// <summary>N(mean, stddev²). Keras <c>RandomNormal(mean=0.0, stddev=0.05)</c> ("random_normal").</summary>
    /// <param name="dst">the weight</param>
    /// <param name="generator">the random source</param>
    /// <param name="mean">default 0</param>
    /// <param name="stddev">default 0.05</param>
    public static void RandomNormal<T>(Span<T> dst, Generator generator, double mean = 0.0, double stddev = 0.05)
        where T : unmanaged, IFloatingPointIeee754<T>
        => generator.Normal(dst, T.CreateChecked(mean), T.CreateChecked(stddev));

    /// <summary>
    /// N(mean, stddev²) with values beyond mean ± 2·stddev re-drawn (no rescaling: the result's std is 0.8796·stddev).
    /// Keras <c>TruncatedNormal(mean=0.0, stddev=0.05)</c> ("truncated_normal").
    /// </summary>
    /// <inheritdoc cref="RandomNormal{T}" path="/param"/>
    public static void TruncatedNormal<T>(Span<T> dst, Generator generator, double mean = 0.0, double stddev = 0.05)
        where T : unmanaged, IFloatingPointIeee754<T>
        => generator.TruncatedNormal(dst, T.CreateChecked(mean), T.CreateChecked(stddev));

    /// <summary>All zeros. Keras <c>Zeros</c> ("zeros"), the default bias initialiser.</summary>
    public static void Zeros<T>(Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T> => dst.Clear();

    /// <summary>All ones. Keras <c>Ones</c> ("ones"), e.g. a LayerNormalization gamma.</summary>
    public static void Ones<T>(Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T> => dst.Fill(T.One);

    /// <summary>Every element equal to <paramref name="value"/>. Keras <c>Constant(value=0)</c> ("constant").</summary>
    public static void Constant<T>(Span<T> dst, T value)
        where T : unmanaged, IFloatingPointIeee754<T>
        => dst.Fill(value);

    /// <summary>
    /// The initialiser Keras names <paramref name="name"/>, with Keras's default arguments: "zeros", "ones",
    /// "glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "orthogonal",
    /// "identity", "random_uniform", "random_normal", "truncated_normal", "variance_scaling"; Keras's aliases
    /// "uniform" and "normal" (Embedding's
    /// default is "uniform") are random_uniform and random_normal. Keras <c>keras.initializers.get(name)</c>.
    /// </summary>
    public static Initializer<T> Get<T>(string name) where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        "zeros" => (dst, _, _) => Zeros(dst),
        "ones" => (dst, _, _) => Ones(dst),
        "glorot_uniform" => GlorotUniform,
        "glorot_normal" => GlorotNormal,
        "he_normal" => HeNormal,
        "he_uniform" => HeUniform,
        "lecun_normal" => LecunNormal,
        "lecun_uniform" => LecunUniform,
        "orthogonal" => (dst, shape, g) => Orthogonal(dst, shape, g),
        "identity" => (dst, shape, _) => Identity(dst, shape),
        "random_uniform" or "uniform" => (dst, _, g) => RandomUniform(dst, g),
        "random_normal" or "normal" => (dst, _, g) => RandomNormal(dst, g),
        "truncated_normal" => (dst, _, g) => TruncatedNormal(dst, g),
        "variance_scaling" => (dst, shape, g) => VarianceScaling(dst, shape, g),
        _ => throw new ArgumentException($"initializers: unknown initializer '{name}'; " +
            "known: zeros, ones, glorot_uniform, glorot_normal, " +
            "he_normal, he_uniform, lecun_normal, lecun_uniform, orthogonal, identity, " +
            "random_uniform (uniform), random_normal (normal), truncated_normal, variance_scaling"),
    };

    private static void CheckShape<T>(Span<T> dst, ReadOnlySpan<int> shape, string name)
    {
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException(
                    $"{name}: negative dimension in shape [{string.Join(", ", shape.ToArray())}]");
            size = checked(size * d);
        }
        if (size != dst.Length)
            throw new ArgumentException(
                $"{name}: shape [{string.Join(", ", shape.ToArray())}] has {size} elements, the span {dst.Length}");
    }
}
