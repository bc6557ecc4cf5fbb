using FsCheck;
using FsCheck.Fluent;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// FsCheck generators for tensor properties: shapes (rank 0–4, dimensions 1–5, size-1 dimensions
/// common), pairs of shapes that broadcast, well-conditioned values, and tensors laid out as
/// non-contiguous views (<see cref="MemoryLayout"/>).
/// </summary>
public static class TensorGen
{
    // ---- values (all exactly representable as float, so float and double tensors hold the same numbers) ----

    /// <summary>Finite values in [−10, 10] on a 1/8192 grid (17 significant bits): exp stays below 3·10⁴, and float sums still round.</summary>
    public static readonly Gen<double> Real = Gen.Choose(-81920, 81920).Select(i => i / 8192.0);

    /// <summary>Values in (0, 10]: safe for log, sqrt and a non-integer pow.</summary>
    public static readonly Gen<double> Positive = Gen.Choose(1, 10240).Select(i => i / 1024.0);

    /// <summary>Small integers −2…2: ties everywhere, for max, argmax and comparisons.</summary>
    public static readonly Gen<double> Ties = Gen.Choose(-2, 2).Select(i => (double)i);

    /// <summary>Real values with a fair share of ties: comparisons need equal pairs to test ≤ and =.</summary>
    public static readonly Gen<double> RealOrTies = Gen.Frequency((3, Real), (1, Ties));

    // ---- shapes ----

    /// <summary>
    /// A shape of rank minRank…maxRank, shrunk until it has at most maxSize elements. Dimensions are mostly 1…5
    /// (a quarter of them 1); with <paramref name="maxDim"/> above 5, one in five is drawn from 1…maxDim, so
    /// that the CPU's vector loops (16 floats a lane) see long runs and their scalar tails.
    /// </summary>
    public static Gen<int[]> Shape(int maxRank, int maxSize, int minRank = 0, int maxDim = 5) =>
        from rank in Gen.Choose(minRank, maxRank)
        from dims in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(1)), (3, Gen.Choose(1, Math.Min(5, maxDim))), (1, Gen.Choose(1, maxDim))), rank)
        select Fit(dims, maxSize);

    /// <summary>Two shapes that broadcast: one full shape, each operand dropping some leading dimensions and setting others to 1.</summary>
    public static Gen<(int[] A, int[] B)> BroadcastPair(int maxRank, int maxSize, int maxDim = 5) =>
        from full in Shape(maxRank, maxSize, maxDim: maxDim)
        from a in Weaken(full)
        from b in Weaken(full)
        select (a, b);

    /// <summary><paramref name="full"/> with 0…rank leading dimensions dropped (rarely) and each remaining one set to 1 with chance ⅓.</summary>
    public static Gen<int[]> Weaken(int[] full) =>
        from drop in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, full.Length)))
        from ones in Gen.ArrayOf(Gen.Choose(0, 2), full.Length)
        select full.Skip(drop).Select((d, i) => ones[i + drop] == 0 ? 1 : d).ToArray();

    /// <summary>Decrements the largest dimension until the shape has at most <paramref name="maxSize"/> elements.</summary>
    public static int[] Fit(int[] dims, int maxSize)
    {
        var fitted = dims.ToArray();
        while (RefArray.SizeOf(fitted) > maxSize)
        {
            int largest = Array.IndexOf(fitted, fitted.Max());
            fitted[largest]--;
        }
        return fitted;
    }

    // ---- arrays and tensors ----

    public static Gen<RefArray> ArrayOf(int[] shape, Gen<double> value) =>
        Gen.ArrayOf(value, RefArray.SizeOf(shape)).Select(data => new RefArray(shape, data));

    /// <summary>A tensor case of exactly this shape in any applicable layout (contiguous twice as often as each other one).</summary>
    public static Gen<TensorCase> Case(int[] shape, Gen<double> value)
    {
        int rank = shape.Length;
        var layouts = rank == 0
            ? new[] { MemoryLayout.Contiguous, MemoryLayout.Broadcast }
            : Enum.GetValues<MemoryLayout>();
        var layout = Gen.Frequency(layouts.Select(l => (l == MemoryLayout.Contiguous ? 2 : 1, Gen.Constant(l))));
        return from kind in layout
               from axis in Gen.Choose(0, Math.Max(rank - 1, 0))
               from permutation in Gen.Shuffle(Enumerable.Range(0, rank))
               from source in kind == MemoryLayout.Broadcast ? Weaken(shape) : Gen.Constant(shape)
               from values in ArrayOf(source, value)
               select new TensorCase(
                   kind == MemoryLayout.Broadcast ? values.BroadcastTo(shape) : values,
                   kind, axis, permutation.ToArray(), source);
    }

    /// <summary>A tensor case of a random shape.</summary>
    public static Gen<TensorCase> Case(int maxRank, int maxSize, Gen<double> value, int minRank = 0, int maxDim = 5) =>
        Shape(maxRank, maxSize, minRank, maxDim).SelectMany(shape => Case(shape, value));

    /// <summary>Two tensor cases whose shapes broadcast against each other.</summary>
    public static Gen<(TensorCase A, TensorCase B)> BroadcastCases(int maxRank, int maxSize, Gen<double> value, int maxDim = 5) =>
        from shapes in BroadcastPair(maxRank, maxSize, maxDim)
        from a in Case(shapes.A, value)
        from b in Case(shapes.B, value)
        select (a, b);

    /// <summary>A set of distinct axes of a rank-<paramref name="rank"/> tensor, some given as negative numbers; null (= all axes) now and then.</summary>
    public static Gen<int[]?> Axes(int rank) =>
        Gen.Frequency(
            (1, Gen.Constant<int[]?>(null)),
            (6, from chosen in Gen.SubListOf(Enumerable.Range(0, rank))
                from negative in Gen.ArrayOf(Gen.Choose(0, 1), chosen.Count)
                from order in Gen.Shuffle(chosen.Select((a, i) => negative[i] == 1 ? a - rank : a))
                select (int[]?)order.ToArray()));
}
