using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using DeepSeq.Autograd;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// A loss function as Keras defines one: a value per sample (<see cref="PerSample{T}"/>), reduced to the scalar the
/// optimizer minimises by Keras's default reduction, <c>sum_over_batch_size</c> (<see cref="Compute{T}"/>).
/// </summary>
/// <remarks>
/// <para>Every loss is a composite of autograd ops, so its gradient comes from their rules: no loss has a backward of
/// its own. Each concrete class states its formula in its summary and the Keras function it matches.</para>
/// <para><c>y_true</c> is a <see cref="Variable{T}"/> too, usually a constant; a loss whose target requires grad
/// (distillation with soft targets) differentiates with respect to it as well.</para>
/// </remarks>
public abstract class Loss
{
    /// <summary>
    /// Keras's <c>backend.epsilon()</c>, 10⁻⁷: the clip that keeps log away from 0 in the probability forms of the
    /// crossentropies, and the floor of MAPE's denominator.
    /// </summary>
    public const double Epsilon = 1e-7;

    /// <summary>Keras's name, e.g. "binary_crossentropy" (used in summaries and History).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Keras's loss function before reduction: one value per sample. For the losses that reduce over the last axis
    /// (all of those here) its shape is <c>yPred</c>'s without the last axis, e.g. (batch,) for (batch, classes).
    /// </summary>
    /// <param name="yTrue">the targets: <c>yPred</c>'s shape, or that shape without (or with) a trailing 1, as Keras's
    /// <c>squeeze_or_expand_to_same_rank</c> allows; class ids for the sparse crossentropy</param>
    /// <param name="yPred">the predictions, rank ≥ 1</param>
    public abstract Variable<T> PerSample<T>(Variable<T> yTrue, Variable<T> yPred)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// loss = (1/N) Σᵢ PerSample(yTrue, yPred)ᵢ over all N per-sample values: Keras's default reduction,
    /// <c>sum_over_batch_size</c>. A 0-d variable; call <see cref="Variable{T}.Backward"/> on it.
    /// </summary>
    public Variable<T> Compute<T>(Variable<T> yTrue, Variable<T> yPred) where T : unmanaged, IFloatingPointIeee754<T>
        => PerSample(yTrue, yPred).Mean();

    /// <inheritdoc/>
    public override string ToString() => Name;

    // The Keras identifiers and their legacy aliases; Keras 3 accepts both through keras.losses.get.
    private static readonly Dictionary<string, Func<Loss>> Registry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["binary_crossentropy"] = () => new BinaryCrossentropy(),
        ["bce"] = () => new BinaryCrossentropy(),
        ["categorical_crossentropy"] = () => new CategoricalCrossentropy(),
        ["sparse_categorical_crossentropy"] = () => new SparseCategoricalCrossentropy(),
        ["mean_squared_error"] = () => new MeanSquaredError(),
        ["mse"] = () => new MeanSquaredError(),
        ["mean_absolute_error"] = () => new MeanAbsoluteError(),
        ["mae"] = () => new MeanAbsoluteError(),
        ["mean_absolute_percentage_error"] = () => new MeanAbsolutePercentageError(),
        ["mape"] = () => new MeanAbsolutePercentageError(),
        ["kl_divergence"] = () => new KLDivergence(),
        ["kld"] = () => new KLDivergence(),
        ["kullback_leibler_divergence"] = () => new KLDivergence(),
        ["binary_focal_crossentropy"] = () => new BinaryFocalCrossentropy(),
        ["hinge"] = () => new Hinge(),
    };

    /// <summary>Every name <see cref="Get"/> accepts (matched case-insensitively, as Keras's upper-case aliases "MSE",
    /// "KLD").</summary>
    public static IReadOnlyCollection<string> Names => Registry.Keys;

    /// <summary>
    /// A new loss with its Keras defaults from its Keras name or alias (<c>keras.losses.get</c>): "binary_crossentropy"
    /// ("bce"), "categorical_crossentropy", "sparse_categorical_crossentropy", "mse"/"mean_squared_error",
    /// "mae"/"mean_absolute_error", "mape"/"mean_absolute_percentage_error",
    /// "kld"/"kl_divergence"/"kullback_leibler_divergence", "binary_focal_crossentropy", "hinge".
    /// </summary>
    /// <exception cref="ArgumentException">an unknown name; the message lists the known ones</exception>
    public static Loss Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out var loss) ? loss
            : throw new ArgumentException(
                $"loss: unknown name \"{name}\"; known: {string.Join(", ", Registry.Keys)}", nameof(name));
    }

    /// <summary>Like <see cref="Get"/>, but returns false for an unknown name (how a metric name is tried as a
    /// loss).</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out Loss? loss)
    {
        loss = Registry.TryGetValue(name, out var make) ? make() : null;
        return loss is not null;
    }
}
