using DeepSeq.Data;
using Xunit;

namespace DeepSeq.Tests.Data.Preprocessing;

/// <summary>
/// <see cref="SparseMatrix"/>: equality by contents, the dense view, an empty row of a small CSR matrix, and row
/// selection against the dense rows.
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

    [Fact]
    public void SelectRowsTakesTheRowsInTheOrderGivenRepeatsIncluded()
    {
        var a = new SparseMatrix([0, 1, 1, 3], [1, 0, 2], [5f, 7f, 8f], 3, 3);
        var picked = a.SelectRows([2, 1, 2, 0]);
        Assert.Equal((4, 3), (picked.Rows, picked.Columns));
        Assert.Equal([7f, 0f, 8f, 0f, 0f, 0f, 7f, 0f, 8f, 0f, 5f, 0f], picked.ToDense().ToArray());
        Assert.Equal(0, a.SelectRows([]).Rows);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => a.SelectRows([0, 3]));
        Assert.Contains($"SelectRows: row 3 is outside the matrix {a.Shape}", error.Message);
    }
}
