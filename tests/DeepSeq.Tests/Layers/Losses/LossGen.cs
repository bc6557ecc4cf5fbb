using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;

namespace DeepSeq.Tests.Layers.Losses;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Inputs for the loss tests: prediction shapes of rank 1–3 (the last axis is the one a loss reduces over), values
/// kept away from the clips and kinks (a central difference straddling one sees two slopes), and labels.
/// </summary>
public static class LossGen
{
    /// <summary>The largest prediction generated: a gradient check runs two forward passes per element.</summary>
    public const int MaxSize = 24;

    /// <summary>Probabilities in [1/16, 15/16] on a 1/1024 grid: far inside the clip [ε, 1 − ε] and below KLD's clip at 1.</summary>
    public static readonly Gen<double> Probability = Gen.Choose(64, 960).Select(i => i / 1024.0);

    /// <summary>Hard binary labels.</summary>
    public static readonly Gen<double> Binary = Gen.Elements(0.0, 1.0);

    /// <summary>A prediction shape of rank 1–3 whose last (class) axis has at least <paramref name="minLast"/> elements.</summary>
    public static Gen<int[]> Shape(int minLast = 1) =>
        GradGen.Shape(MaxSize, minRank: 1).Select(s => { var d = (int[])s.Clone(); d[^1] = Math.Max(d[^1], minLast); return d; });

    /// <summary>A (targets, predictions) pair of one shape, each in any memory layout.</summary>
    public static Gen<(TensorCase Y, TensorCase P)> Pair(Gen<double> y, Gen<double> p, int minLast = 1) =>
        from shape in Shape(minLast)
        from yc in GradGen.Input(shape, y)
        from pc in GradGen.Input(shape, p)
        select (yc, pc);

    /// <summary>Predictions of a shape with ≥ 2 classes and one class id per sample (ids as doubles, batch shape).</summary>
    public static Gen<(int[] Ids, int[] BatchShape, TensorCase P)> Sparse(Gen<double> p) =>
        from shape in Shape(minLast: 2)
        let batch = shape[..^1]
        from ids in Gen.ArrayOf(Gen.Choose(0, shape[^1] - 1), RefArray.SizeOf(batch))
        from pc in GradGen.Input(shape, p)
        select (ids, batch, pc);

    /// <summary>The one-hot encoding of <paramref name="ids"/> over <paramref name="classes"/>, shape batch + (classes,).</summary>
    public static Tensor<double> OneHot(int[] ids, int[] batch, int classes)
    {
        var data = new double[ids.Length * classes];
        for (int i = 0; i < ids.Length; i++) data[i * classes + ids[i]] = 1;
        return Tensor.FromArray<double>(data, new Shape([.. batch, classes]));
    }

    /// <summary>Class ids as the double tensor a sparse loss reads, of the batch shape.</summary>
    public static Tensor<double> Ids(int[] ids, int[] batch) => Tensor.FromArray<double>(ids.Select(i => (double)i).ToArray(), new Shape(batch));
}
