using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

/// <summary>
/// What the gradient-check properties share: well-conditioned values (away from every kink and tie, since
/// there the two sides of a central difference see different slopes), small shapes (rank 0–3, dimensions
/// 1–4, size-1 dimensions common), broadcasting pairs, inputs laid out as non-contiguous views
/// (<see cref="TensorGen.Case(int[], Gen{double})"/>: permuted, stepped, reversed, offset, broadcast), and the
/// runner that checks an op's gradient on a device and reports the op, the element and the inputs.
/// </summary>
/// <remarks>
/// Values lie on a grid of 1/1024, so a check can place a kink or a tie off the grid (at a multiple of
/// 1/4096, say) and know that no input is within the finite-difference step of it.
/// </remarks>
public static class GradGen
{
    /// <summary>
    /// Cases per property: 40 on the CPU; 10 on ILGPU's CPU accelerator, which simulates a GPU with threads and
    /// pays for every kernel launch — and a gradient check runs two forward passes per input element.
    /// </summary>
    public static int Cases(Device device) => device is IlgpuDevice ? 10 : 40;

    /// <summary>The most elements in one generated input: 48 on the CPU, 24 on ILGPU's CPU accelerator.</summary>
    public static int MaxSize(Device device) => device is IlgpuDevice ? 24 : 48;

    /// <summary>±[0.5, 2] on a 1/1024 grid: at least 0.5 from relu's and abs's kink at 0, a safe divisor, exp and tanh far from saturation.</summary>
    public static readonly Gen<double> Moderate =
        from magnitude in Gen.Choose(512, 2048)
        from negative in Gen.Elements(false, true)
        select (negative ? -magnitude : magnitude) / 1024.0;

    /// <summary>[0.5, 2] on a 1/1024 grid: the domain of log, sqrt and a real power.</summary>
    public static readonly Gen<double> Positive = Gen.Choose(512, 2048).Select(i => i / 1024.0);

    /// <summary><see cref="Moderate"/> moved off the grid by 1/4096: never equal to a <see cref="Moderate"/> value, so a maximum of the two has no tie.</summary>
    public static readonly Gen<double> ModerateOffGrid = Moderate.Select(v => v + 1.0 / 4096);

    /// <summary>
    /// A shape of rank 0–3 (mostly 2 or 3) with dimensions 1–4 (one in five is 1), shrunk to at most
    /// <paramref name="maxSize"/> elements. Bigger on average than <see cref="TensorGen.Shape"/>, whose small
    /// shapes suit value checks: a gradient check wants elements that interact across several axes.
    /// </summary>
    public static Gen<int[]> Shape(int maxSize, int minRank = 0) =>
        from drawn in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Constant(1)), (3, Gen.Constant(2)), (3, Gen.Constant(3)))
        let rank = Math.Max(drawn, minRank)
        from dims in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(1)), (4, Gen.Choose(2, 4))), rank)
        select TensorGen.Fit(dims, maxSize);

    /// <summary>Two shapes that broadcast, e.g. (3,1) with (4), or (2,3) with (1,3): each a weakened copy of one full shape.</summary>
    public static Gen<(int[] A, int[] B)> BroadcastPair(int maxSize) =>
        from full in Shape(maxSize)
        from a in TensorGen.Weaken(full)
        from b in TensorGen.Weaken(full)
        select (a, b);

    /// <summary>An input of this shape in any memory layout (non-contiguous three times in four).</summary>
    public static Gen<TensorCase> Input(int[] shape, Gen<double> value) => TensorGen.Case(shape, value);

    /// <summary>An input of a random shape in any memory layout.</summary>
    public static Gen<TensorCase> Input(int maxSize, Gen<double> value, int minRank = 0) => Shape(maxSize, minRank).SelectMany(s => Input(s, value));

    /// <summary>Two inputs whose shapes broadcast against each other, each in any layout.</summary>
    public static Gen<(TensorCase A, TensorCase B)> BroadcastInputs(int maxSize, Gen<double> a, Gen<double> b) =>
        from shapes in BroadcastPair(maxSize)
        from x in Input(shapes.A, a)
        from y in Input(shapes.B, b)
        select (x, y);

    /// <summary>
    /// An input whose elements are all distinct — a shuffle of 0.25-spaced values — for max and min, whose
    /// gradient at a tie is a convention, not a derivative. Any layout but broadcast (which repeats values).
    /// </summary>
    public static Gen<TensorCase> Distinct(int[] shape)
    {
        int n = RefArray.SizeOf(shape), rank = shape.Length;
        var layouts = rank == 0 ? [MemoryLayout.Contiguous] : Enum.GetValues<MemoryLayout>().Where(l => l != MemoryLayout.Broadcast).ToArray();
        return from order in Gen.Shuffle(Enumerable.Range(0, n))
               from layout in Gen.Elements(layouts)
               from axis in Gen.Choose(0, Math.Max(rank - 1, 0))
               from permutation in Gen.Shuffle(Enumerable.Range(0, rank))
               select new TensorCase(new RefArray(shape, order.Select(i => 0.25 * (i - n / 2) + 0.125).ToArray()),
                   layout, axis, permutation.ToArray(), shape);
    }

    /// <summary>A set of axes of a rank-<paramref name="rank"/> tensor (some negative, null now and then) and a keepDims flag.</summary>
    public static Gen<(int[]? Axes, bool KeepDims)> Reduction(int rank) =>
        from axes in TensorGen.Axes(rank)
        from keepDims in Gen.Elements(false, true)
        select (axes, keepDims);

    /// <summary>
    /// Builds the inputs on <paramref name="device"/> in their generated layouts, runs <see cref="GradCheck.Check"/>
    /// in float64 with its default (PyTorch's) tolerances, and fails with its report plus the inputs.
    /// </summary>
    public static void AssertGradient(Device device, Func<Variable<double>[], Variable<double>> f, string what, params TensorCase[] inputs)
    {
        var tensors = inputs.Select(c => c.Make<double>(device)).ToArray();
        var result = GradCheck.Check(f, tensors);
        Assert.True(result.Passed, $"{what}: {result.Message}\n  inputs: {string.Join("\n          ", inputs.Select(c => c.ToString()))}");
    }
}
