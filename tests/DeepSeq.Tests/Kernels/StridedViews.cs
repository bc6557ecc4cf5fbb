using DeepSeq.Kernels;
using Xunit;

namespace DeepSeq.Tests.Kernels;

/// <summary>
/// Random strided views for the kernel tests, and the definition every kernel is checked against: walk every
/// element by its row-major index and find it with <see cref="StridedLayout.OffsetOf"/>. A view is a dense
/// buffer seen through permuted, reversed (negative stride), sliced (stride 2, offset) and broadcast (stride 0)
/// dimensions, so the coalescing and the vector fast paths of the CPU's strided loop all get exercised.
/// </summary>
internal static class StridedViews
{
    /// <summary>
    /// A random view of <paramref name="shape"/> into a fresh buffer: each dimension independently dense,
    /// reversed, stepped by 2, or broadcast (unless <paramref name="allowBroadcast"/> is false, as an output
    /// must be), in a random dimension order. Values are multiples of 0.01 in [−10, 10].
    /// </summary>
    public static (float[] Buffer, StridedLayout Layout) RandomView(Random rng, int[] shape, bool allowBroadcast = true)
    {
        int rank = shape.Length;
        var order = Enumerable.Range(0, rank).OrderBy(_ => rng.Next()).ToArray();
        var strides = new int[rank];
        int step = 1;
        var kinds = new int[rank];
        foreach (int d in order.Reverse())
        {
            kinds[d] = rng.Next(allowBroadcast ? 4 : 3);     // 0 dense, 1 reversed, 2 every other, 3 broadcast
            int spacing = kinds[d] == 2 ? 2 : 1;
            strides[d] = kinds[d] == 3 ? 0 : step * spacing * (kinds[d] == 1 ? -1 : 1);
            if (kinds[d] != 3) step *= shape[d] * spacing;
        }
        int offset = 0;
        for (int d = 0; d < rank; d++) if (strides[d] < 0) offset += (shape[d] - 1) * -strides[d];
        var buffer = new float[Math.Max(step, 1) + offset + 1];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (float)Math.Round(rng.NextDouble() * 20 - 10, 2);
        return (buffer, new StridedLayout(shape, strides, offset));
    }

    /// <summary>A shape of rank 0 to <paramref name="maxRank"/>, each size 1 to <paramref name="maxDim"/>.</summary>
    public static int[] RandomShape(Random rng, int maxRank = 4, int maxDim = 6)
        => Enumerable.Range(0, rng.Next(maxRank + 1)).Select(_ => rng.Next(1, maxDim + 1)).ToArray();

    /// <summary>
    /// <paramref name="n"/> multiples of 1/1024 in [−8, 8): exact in float, and products of two exact in double,
    /// so only a kernel's own sums round.
    /// </summary>
    public static float[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.Next(-8192, 8192) / 1024.0)).ToArray();
    }

    /// <summary>The view's elements in row-major order: the definition of what a layout means.</summary>
    public static T[] Read<T>(T[] buffer, StridedLayout layout)
        => Enumerable.Range(0, layout.Size).Select(i => buffer[layout.OffsetOf(i)]).ToArray();

    /// <summary>
    /// Fails unless the views a test ran on include a broadcast (stride 0) and a reversed (negative stride)
    /// dimension of size above 1, so a test over a few random views cannot pass on dense ones only.
    /// </summary>
    public static void AssertCoversStridedViews(IEnumerable<StridedLayout> layouts)
    {
        var list = layouts.ToList();
        Assert.Contains(list, l => Enumerable.Range(0, l.Rank).Any(d => l.Shape[d] > 1 && l.Strides[d] == 0));
        Assert.Contains(list, l => Enumerable.Range(0, l.Rank).Any(d => l.Shape[d] > 1 && l.Strides[d] < 0));
    }
}
