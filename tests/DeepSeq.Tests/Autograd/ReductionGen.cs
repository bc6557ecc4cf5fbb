using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;

namespace DeepSeq.Tests.Autograd;

/// <summary>
/// What the gradient tests of the reductions share: inputs of distinct values with axes (for max and min), inputs
/// with one axis (for softmax and log-softmax), and the axes of a reduction as a failure message writes them.
/// </summary>
internal static class ReductionGen
{
    /// <summary>The axes as written in a failure message: "null" (all) or "[0,-1]".</summary>
    public static string Axes(int[]? axes) => axes is null ? "null" : $"[{string.Join(",", axes)}]";

    /// <summary>An input of distinct values (no ties: a max's gradient there is a convention), with axes and keepDims.</summary>
    public static Gen<(TensorCase X, int[]? Axes, bool KeepDims)> DistinctReduction(int maxSize) =>
        from shape in GradGen.Shape(maxSize)
        from x in GradGen.Distinct(shape)
        from r in GradGen.Reduction(shape.Length)
        select (x, r.Axes, r.KeepDims);

    /// <summary>An input of rank ≥ 1 and an axis of it (negative half the time), for softmax.</summary>
    public static Gen<(TensorCase X, int Axis)> AlongAnAxis(int maxSize) =>
        from x in GradGen.Input(maxSize, TensorGen.Real, minRank: 1)   // ±10: e^(x − max) spans e⁻²⁰ … 1
        from axis in Gen.Choose(-x.Shape.Length, x.Shape.Length - 1)
        select (x, axis);
}
