using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras's activation functions by name (<c>keras.activations</c>), each written with autograd ops, so none needs a
/// gradient rule here: relu, sigmoid, tanh and softmax are autograd primitives with fused backward passes of their own
/// (src/Autograd/Ops), and elu, selu, softplus, leaky_relu and the two GELUs are composites of those and of exp, log,
/// abs and erf.
/// </summary>
/// <remarks>
/// sigmoid and softmax outputs carry their input as <see cref="Variable{T}.Logits"/> (Keras's <c>_keras_logits</c>),
/// so a crossentropy on them computes from the logits exactly.
/// </remarks>
public static class Activations
{
    /// <summary>The names <see cref="Apply{T}"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["linear", "relu", "sigmoid", "tanh", "softmax", "elu", "selu", "softplus", "leaky_relu", "gelu", "gelu_tanh"];

    /// <summary>SELU's α and λ (Klambauer et al. 2017), the constants Keras uses.</summary>
    private const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;

    /// <summary>Keras 3's default slope for <c>leaky_relu</c> (Keras 2's <c>LeakyReLU</c> layer defaulted to
    /// 0.3).</summary>
    private const double LeakySlope = 0.2;

    /// <summary>Checks <paramref name="name"/> (null means linear) and returns its canonical spelling; a clear error
    /// listing the known names otherwise.</summary>
    public static string Resolve(string? name, string op)
    {
        string key = (name ?? "linear").ToLowerInvariant();
        if (key == "none") key = "linear";
        return Names.Contains(key) ? key
            : throw new ArgumentException($"{op}: unknown activation '{name}'; known: {string.Join(", ", Names)}");
    }

    /// <summary>
    /// Applies the activation <paramref name="name"/>:
    /// linear x; relu max(x, 0); sigmoid 1/(1+e^−x); tanh; softmax over the last axis;
    /// elu x for x &gt; 0 else e^x − 1 (α = 1); selu λ·(x for x &gt; 0 else α(e^x − 1));
    /// softplus log(1 + e^x); leaky_relu x for x &gt; 0 else 0.2x; gelu x·Φ(x) = ½x(1 + erf(x/√2)) (Keras's
    /// <c>gelu</c>, PyTorch's <c>GELU()</c>, BERT's); gelu_tanh ½x(1 + tanh(√(2/π)(x + 0.044715x³))) (Keras's
    /// <c>gelu(approximate=True)</c>, PyTorch's <c>GELU(approximate="tanh")</c>, GPT-2's).
    /// </summary>
    public static Variable<T> Apply<T>(string name, Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => Resolve(name, "activation") switch
        {
            "linear" => x,
            "relu" => x.Relu(),
            "sigmoid" => x.Sigmoid(),
            "tanh" => x.Tanh(),
            "softmax" => x.Softmax(-1),
            "elu" => Elu(x, T.One),
            "selu" => Elu(x, T.CreateChecked(SeluAlpha)) * T.CreateChecked(SeluScale),
            "softplus" => Softplus(x),
            "leaky_relu" => x.Relu() - (-x).Relu() * T.CreateChecked(LeakySlope),
            "gelu" => x * ((x * T.CreateChecked(1 / Math.Sqrt(2))).Erf() + T.One) * T.CreateChecked(0.5),
            "gelu_tanh" => GeluTanh(x),
            var other => throw new InvalidOperationException($"activation '{other}' is listed but not implemented"),
        };

    /// <summary>
    /// elu(x) = relu(x) + α(e^min(x,0) − 1): equal to the two-branch definition, and the exponential never sees a
    /// large positive x (so neither it nor its gradient overflows).
    /// </summary>
    private static Variable<T> Elu<T>(Variable<T> x, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
        => x.Relu() + ((-(-x).Relu()).Exp() - T.One) * alpha;

    /// <summary>½x(1 + tanh(√(2/π)(x + 0.044715x³))), Hendrycks and Gimpel's tanh approximation of x·Φ(x).</summary>
    private static Variable<T> GeluTanh<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var inner = (x + x * x * x * T.CreateChecked(0.044715)) * T.CreateChecked(Math.Sqrt(2 / Math.PI));
        return x * (inner.Tanh() + T.One) * T.CreateChecked(0.5);
    }

    /// <summary>softplus(x) = relu(x) + log(1 + e^−|x|): the stable form of log(1 + e^x).</summary>
    private static Variable<T> Softplus<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => x.Relu() + ((-x.Abs()).Exp() + T.One).Log();
}
