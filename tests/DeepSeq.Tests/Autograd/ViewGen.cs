using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;

namespace DeepSeq.Tests.Autograd;

/// <summary>
/// FsCheck generators for the arguments of view, joining and indexing ops: axes, permutations, Python slices
/// (negative steps included), reshape targets, split sizes and index values. Shapes and tensors come from
/// <see cref="TensorGen"/>.
/// </summary>
public static class ViewGen
{
    /// <summary>An axis of a rank-<paramref name="rank"/> tensor (≥ 1), as often negative as not.</summary>
    public static Gen<int> Axis(int rank) => Gen.Choose(-rank, rank - 1);

    /// <summary>A permutation of 0 … rank−1, each axis written as a negative number with chance ½.</summary>
    public static Gen<int[]> Permutation(int rank) =>
        from order in Gen.Shuffle(Enumerable.Range(0, rank))
        from negative in Gen.ArrayOf(Gen.Choose(0, 1), rank)
        select order.Select((a, i) => negative[i] == 1 ? a - rank : a).ToArray();

    /// <summary>A Python slice bound for an axis of size n: null (the edge) or a position in [−n−2, n+2], so clamping is exercised.</summary>
    public static Gen<int?> Bound(int n) =>
        Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(-n - 2, n + 2).Select(i => (int?)i)));

    /// <summary>A slice step: negative half the time (−1 reverses a sequence), never zero.</summary>
    public static readonly Gen<int> Step = Gen.Elements(-3, -2, -1, -1, 1, 1, 2, 3);

    /// <summary>A new shape with the same number of elements: the dimensions shuffled, size-1 dimensions added, one of them −1 now and then.</summary>
    public static Gen<int[]> ReshapeTarget(int[] shape) =>
        from order in Gen.Shuffle(shape)
        from ones in Gen.Choose(0, 2)
        from at in Gen.ArrayOf(Gen.Choose(0, shape.Length + 2), ones)
        from infer in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Target(order.ToList(), at, infer);

    private static int[] Target(List<int> dims, int[] insertOnesAt, bool infer)
    {
        foreach (int at in insertOnesAt) dims.Insert(Math.Min(at, dims.Count), 1);
        var target = dims.ToArray();
        if (infer && target.Length > 0 && target.All(d => d > 0)) target[Array.IndexOf(target, target.Max())] = -1;
        return target;
    }

    /// <summary>Sizes ≥ 0 that add up to <paramref name="n"/>, in 1…4 parts (a zero-length part now and then).</summary>
    public static Gen<int[]> Composition(int n) =>
        from parts in Gen.Choose(1, 4)
        from cuts in Gen.ArrayOf(Gen.Choose(0, n), parts - 1)
        select Sizes(n, cuts);

    private static int[] Sizes(int n, int[] cuts)
    {
        var points = cuts.Order().Prepend(0).Append(n).ToArray();
        return points.Skip(1).Select((p, i) => p - points[i]).ToArray();
    }

    /// <summary>
    /// <see cref="TensorGen.Case(int[], Gen{double})"/>, extended to shapes with a zero dimension (an empty slice, a
    /// zero-length part), which TensorGen never makes and whose broadcast layout <see cref="TensorCase"/> cannot
    /// build: those are always contiguous.
    /// </summary>
    public static Gen<TensorCase> Case(int[] shape, Gen<double> value) => shape.Contains(0)
        ? Gen.Constant(new TensorCase(new RefArray(shape, []), MemoryLayout.Contiguous, 0, Enumerable.Range(0, shape.Length).ToArray(), shape))
        : TensorGen.Case(shape, value);

    /// <summary>Index values in [−n, n) (every valid position along an axis of size n, negative ones included).</summary>
    public static Gen<double> IndexIn(int n) => Gen.Choose(-n, n - 1).Select(i => (double)i);

    /// <summary>
    /// <paramref name="count"/> indices in [−n, n) of which at least two name the same position (when count ≥ 2):
    /// the repeated token that makes the scatter in the backward pass add rather than overwrite.
    /// </summary>
    public static Gen<int[]> IndicesWithRepeats(int n, int count) =>
        from picks in Gen.ArrayOf(Gen.Choose(-n, n - 1), count)
        from source in Gen.Choose(0, count - 1)
        from to in Gen.Choose(0, count - 1)
        from negate in Gen.Elements(false, true)
        select Repeat(picks, source, to, negate, n);

    private static int[] Repeat(int[] picks, int source, int to, bool negate, int n)
    {
        var result = (int[])picks.Clone();
        int k = picks[source] < 0 ? picks[source] + n : picks[source];
        // The same position, possibly written the other way (k and k − n): the backward must treat both alike.
        result[to == source ? (to + 1) % picks.Length : to] = negate ? k - n : k;
        return result;
    }

    /// <summary>
    /// An input of rank <paramref name="minRank"/>–4 (dimensions 1–5, at most <paramref name="maxSize"/> elements) with
    /// values in ±10, laid out as any view (<see cref="TensorGen.Case(int, int, Gen{double}, int, int)"/>).
    /// </summary>
    public static Gen<TensorCase> Input(int maxSize, int minRank = 1) =>
        TensorGen.Case(4, maxSize, TensorGen.Real, minRank: minRank);

    /// <summary>
    /// Cases per property for the view and joining ops: 50 on the CPU, 6 on ILGPU's CPU accelerator: these ops reach it
    /// only through the copy, zip and reduce kernels, which the tensor tests cover (the indexing tests run its
    /// gather/scatter kernels at more). Each case runs two forward passes per input element.
    /// </summary>
    public static int ViewCases(Device device) => device is IlgpuDevice ? 6 : 50;

    /// <summary>
    /// Cases per property for the indexing ops: 50 on the CPU, 10 on ILGPU's CPU accelerator, where they run its Gather
    /// kernel forward and its ScatterAdd kernel backward. Each case runs two forward passes per input element.
    /// </summary>
    public static int IndexingCases(Device device) => device is IlgpuDevice ? 10 : 50;

    /// <summary>
    /// The most elements in one generated input of a view, joining or indexing op: 120 on the CPU, 24 on ILGPU's CPU
    /// accelerator, which pays a kernel launch per op of every forward pass.
    /// </summary>
    public static int MaxSize(Device device) => device is IlgpuDevice ? 24 : 120;
}
