namespace DeepSeq.Layers;

/// <summary>
/// Inputs and targets that go together: a whole data set, a validation set, or one batch from a generator. One
/// tensor per model input in <see cref="X"/> and per model output in <see cref="Y"/>; the first axis of every tensor
/// counts the samples. Named after PyTorch's <c>TensorDataset(x, y)</c>; Keras passes the same pair as a tuple.
/// </summary>
public sealed class TensorDataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A data set for a model with several inputs or outputs; checks every tensor holds the same number of
    /// samples.</summary>
    public TensorDataset(IReadOnlyList<Tensor<T>> x, IReadOnlyList<Tensor<T>> y)
    {
        if (x.Count == 0) throw new ArgumentException("dataset: no input tensors");
        var all = x.Concat(y).ToArray();
        if (all.Any(t => t.Rank == 0))
            throw new ArgumentException(
                "dataset: every tensor needs a first axis counting the samples; got a 0-d tensor");
        int count = all[0].Shape[0];
        if (all.Any(t => t.Shape[0] != count))
            throw new ArgumentException(
                $"dataset: inputs and targets must hold the same number of samples; shapes " +
                $"x: {string.Join(", ", x.Select(t => t.Shape))}, y: {string.Join(", ", y.Select(t => t.Shape))}");
        X = x;
        Y = y;
        Count = count;
    }

    /// <summary>A data set for a model with one input and one output.</summary>
    public TensorDataset(Tensor<T> x, Tensor<T> y) : this([x], [y])
    {
    }

    /// <summary>The inputs, in the model's input order.</summary>
    public IReadOnlyList<Tensor<T>> X { get; }

    /// <summary>The targets, in the model's output order.</summary>
    public IReadOnlyList<Tensor<T>> Y { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Samples <paramref name="start"/> … <paramref name="start"/> + <paramref name="length"/> − 1 (views, no
    /// copy).</summary>
    public TensorDataset<T> Slice(int start, int length)
        => new(
            X.Select(t => t.Narrow(0, start, length)).ToArray(),
            Y.Select(t => t.Narrow(0, start, length)).ToArray());

    /// <summary>The samples at <paramref name="indices"/>, in that order (a gather: a shuffled batch).</summary>
    public TensorDataset<T> Select(Tensor<int> indices)
        => new(X.Select(t => t.IndexSelect(0, indices)).ToArray(), Y.Select(t => t.IndexSelect(0, indices)).ToArray());

    /// <summary>
    /// Cuts off the last <paramref name="fraction"/> of the samples as a validation set, before any shuffling —
    /// Keras's <c>validation_split</c>: split at ⌊n·(1 − fraction)⌋.
    /// </summary>
    public (TensorDataset<T> Train, TensorDataset<T> Validation) SplitLast(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new ArgumentException($"validation split must be in (0, 1), got {fraction}");
        int at = (int)Math.Floor(Count * (1 - fraction));
        if (at == 0 || at == Count)
            throw new ArgumentException(
                $"validation split {fraction} of {Count} samples leaves an empty training or validation set");
        return (Slice(0, at), Slice(at, Count - at));
    }
}
