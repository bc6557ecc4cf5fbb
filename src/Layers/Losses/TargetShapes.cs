using System.Numerics;
using DeepSeq.Autograd;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// The shape rules every loss and metric applies to <c>y_true</c> before its formula: equal shapes, or shapes that
/// differ only by a trailing dimension of 1 (labels (batch,) against predictions (batch, 1), the usual binary case),
/// which Keras reconciles with <c>squeeze_or_expand_to_same_rank</c>. Anything else is an error naming the caller.
/// </summary>
/// <remarks>
/// Keras sometimes squeezes the predictions instead of expanding the targets; that changes only the shape of the
/// per-sample values, never the reduced loss. DeepSeq always reshapes the targets, so <c>PerSample</c>'s shape is
/// always <c>yPred</c>'s without the last axis and no gradient passes through an extra reshape of the predictions.
/// </remarks>
internal static class TargetShapes
{
    /// <summary>yTrue with yPred's shape, reshaped if they differ only by a trailing 1.</summary>
    public static Variable<T> Match<T>(string op, Variable<T> yTrue, Variable<T> yPred)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Compatible(op, yTrue.Shape, yPred.Shape) ? yTrue : yTrue.Reshape(yPred.Shape.ToArray());

    /// <summary>The tensor form, for metrics.</summary>
    public static Tensor<T> Match<T>(string op, Tensor<T> yTrue, Tensor<T> yPred) where T : unmanaged, INumber<T>
        => Compatible(op, yTrue.Shape, yPred.Shape) ? yTrue : yTrue.Reshape(yPred.Shape.ToArray());

    /// <summary>Throws unless yPred has an axis to reduce over.</summary>
    public static void RequireRank(string op, Shape yPred)
    {
        if (yPred.Rank == 0)
            throw new ArgumentException(
                $"{op}: y_pred must have at least one axis (the one the loss reduces over), got a scalar");
    }

    // True when equal, false when they differ only by a trailing 1 (a reshape fixes it), an exception otherwise.
    private static bool Compatible(string op, Shape yTrue, Shape yPred)
    {
        RequireRank(op, yPred);
        if (yTrue == yPred) return true;
        if (TrailingOneApart(yTrue, yPred) || TrailingOneApart(yPred, yTrue)) return false;
        throw new ArgumentException(
            $"{op}: y_true has shape {yTrue} but y_pred has shape {yPred}; " +
            $"they must be equal or differ only by a trailing dimension of 1");
    }

    // longer = shorter + (1,)
    private static bool TrailingOneApart(Shape longer, Shape shorter) =>
        longer.Rank == shorter.Rank + 1 && longer.Dims[^1] == 1 && longer.Dims[..^1].SequenceEqual(shorter.Dims);
}
