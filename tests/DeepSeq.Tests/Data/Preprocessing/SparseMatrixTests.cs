using DeepSeq.Data;
using Xunit;

namespace DeepSeq.Tests.Data.Preprocessing;

/// <summary>
/// <see cref="SparseMatrix"/>: equality by contents, the dense view, and an empty row of a small CSR matrix.
/// </summary>
public sealed class SparseMatrixTests
{
    [Fact]
    public void SparseMatrixComparesContents()
    {
        // [[0, 5, 0], [0, 0, 0], [7, 0, 8]] in CSR.
        var a = new SparseMatrix([0, 1, 1, 3], [1, 0, 2], [5f, 7f, 8f], 3, 3);
        var b = new SparseMatrix([0, 1, 1, 3], [1, 0, 2], [5f, 7f, 8f], 3, 3);
        Assert.Equal(a, b);
        Assert.Equal([0f, 5f, 0f, 0f, 0f, 0f, 7f, 0f, 8f], a.ToDense().ToArray());
        Assert.Equal(0, a.Row(1).Columns.Length);
    }
}
