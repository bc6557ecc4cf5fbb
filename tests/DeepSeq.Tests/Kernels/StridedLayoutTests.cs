using DeepSeq.Kernels;
using Xunit;

namespace DeepSeq.Tests.Kernels;

/// <summary>
/// The layout arithmetic every kernel reads its operands through, on small hand-checked views. (Every kernel test
/// also checks it implicitly: their definitions find elements with <see cref="StridedLayout.OffsetOf"/>.)
/// </summary>
public sealed class StridedLayoutTests
{
    [Fact]
    public void RowMajorStridesAreTheProductsOfTheLaterSizesWithEmptyDimensionsCountedAsOne()
    {
        Assert.Equal([12, 4, 1], StridedLayout.RowMajorStrides([2, 3, 4]));
        Assert.Equal([4, 4, 1], StridedLayout.RowMajorStrides([2, 0, 4]));
        Assert.Empty(StridedLayout.RowMajorStrides([]));
        Assert.Equal(1, StridedLayout.RowMajor([]).Size);     // a scalar holds one element
    }

    [Fact]
    public void OffsetOfWalksTheViewInRowMajorOrder()
    {
        // A (2, 3) view that is the transpose of a dense (3, 2) buffer, reversed along its rows, from offset 1.
        var view = new StridedLayout([2, 3], [-1, 2], 1);
        Assert.Equal([1, 3, 5, 0, 2, 4], Enumerable.Range(0, 6).Select(view.OffsetOf).ToArray());
    }

    [Fact]
    public void OffsetOfBatchFindsEachMatrixStartFromTheBatchDimensionsAlone()
    {
        // Batch (2, 3) of 4×5 matrices, the first batch dimension broadcast: matrices repeat every 3.
        var view = new StridedLayout([2, 3, 4, 5], [0, 20, 5, 1], 7);
        Assert.Equal([7, 27, 47, 7, 27, 47], Enumerable.Range(0, 6).Select(view.OffsetOfBatch).ToArray());
    }

    [Fact]
    public void WithoutAxisDropsOneDimensionAndKeepsTheOffset()
    {
        var view = new StridedLayout([2, 3, 4], [12, 4, 1], 5).WithoutAxis(1);
        Assert.Equal((2, 2, 4, 12, 1, 5), (view.Rank, view.Shape[0], view.Shape[1], view.Strides[0], view.Strides[1], view.Offset));
    }

    [Fact]
    public void ExtentCoversNegativeStridesAndIsEmptyForAnEmptyView()
    {
        Assert.Equal((0, 9), new StridedLayout([2, 3], [-1, 4], 1).Extent());   // 1 − 1 … 1 + 2·4
        Assert.Equal((5, 4), new StridedLayout([2, 0], [1, 1], 5).Extent());
        Assert.Equal((3, 3), new StridedLayout([4], [0], 3).Extent());   // a broadcast reads one element
    }
}
