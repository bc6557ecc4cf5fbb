using System.Globalization;
using System.Numerics;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// Reads sparse labels: class ids stored as floating-point values in <c>y_true</c>, one per sample, checked and
/// turned into the integer index a gather needs. Shared by the sparse crossentropy and the sparse accuracy.
/// </summary>
/// <remarks>
/// <c>y_true</c> has <c>y_pred</c>'s shape without its class axis, e.g. (batch,) for (batch, classes), or that shape
/// with a trailing 1, (batch, 1), which Keras squeezes. Every id must be an integer in [0, classes): an id that is
/// not would otherwise be read out of range by the gather, or (rounded by a cast) silently score the wrong class.
/// </remarks>
internal static class ClassIds
{
    /// <summary>
    /// The ids as an int tensor of shape <c>yPred.Shape[:-1] + (1,)</c> (yPred's rank, ready for a gather along the
    /// last axis) on yPred's device.
    /// </summary>
    /// <exception cref="ArgumentException">a shape that is neither form, or an id that is not an integer in [0,
    /// classes)</exception>
    public static Tensor<int> Read<T>(string op, Tensor<T> yTrue, Tensor<T> predictions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var yPred = predictions.Shape;
        TargetShapes.RequireRank(op, yPred);
        var batch = yPred.Dims[..^1].ToArray();
        bool squeezed = yTrue.Shape.Dims.SequenceEqual(batch);
        bool withOne = yTrue.Rank == yPred.Rank && yTrue.Shape.Dims[^1] == 1
            && yTrue.Shape.Dims[..^1].SequenceEqual(batch);
        if (!squeezed && !withOne)
            throw new ArgumentException(
                $"{op}: y_true of shape {yTrue.Shape} must hold one class id per sample of " +
                $"y_pred {yPred}, shape ({string.Join(", ", batch)}) or that with a trailing 1");

        int classes = yPred.Dims[^1];
        var values = yTrue.ToArray();
        var ids = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = double.CreateChecked(values[i]);
            if (!(v >= 0 && v < classes && v == Math.Floor(v))) // also refuses NaN, for which every comparison is false
                throw new ArgumentException(
                    $"{op}: y_true[{string.Join(",", Unravel(i, yTrue.Shape))}] = " +
                    $"{v.ToString(CultureInfo.InvariantCulture)} " +
                    $"is not a class id: ids must be integers in [0, {classes}) for y_pred of shape {yPred}");
            ids[i] = (int)v;
        }
        return Tensor.FromArray<int>(ids, new Shape([.. batch, 1]), predictions.Device);
    }

    private static int[] Unravel(int flat, Shape shape)
    {
        var index = new int[shape.Rank];
        for (int d = shape.Rank - 1; d >= 0; d--) { index[d] = flat % shape.Dims[d]; flat /= shape.Dims[d]; }
        return index;
    }
}
