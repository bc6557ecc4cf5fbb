// CSR (compressed sparse row), as scipy.sparse.csr_matrix:
//
//   row i's entries are  Values[RowPointers[i] .. RowPointers[i+1])  at columns  ColumnIndices[same range]
//
// e.g. [[0, 5, 0], [0, 0, 0], [7, 0, 8]]  →  RowPointers [0, 1, 1, 3], ColumnIndices [1, 0, 2], Values [5, 7, 8].

namespace DeepSeq.Data;

/// <summary>
/// A float matrix stored in compressed sparse row (CSR) form: only its non-zero entries, row by row.
/// SciPy <c>scipy.sparse.csr_matrix</c> (<c>indptr</c>, <c>indices</c>, <c>data</c>, <c>shape</c>), the type
/// scikit-learn's vectorizers return.
/// </summary>
/// <remarks>Equality compares the contents of the arrays (a record would otherwise compare array references).</remarks>
public sealed record SparseMatrix
{
    /// <summary>Where each row starts in <see cref="ColumnIndices"/>/<see cref="Values"/>; length <c>Rows + 1</c>, last
    /// = number of stored entries. SciPy: <c>indptr</c>.</summary>
    public int[] RowPointers { get; }

    /// <summary>The column of each stored entry. SciPy: <c>indices</c>.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>The value of each stored entry. SciPy: <c>data</c>.</summary>
    public float[] Values { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Wraps CSR arrays (not copied) after checking they are consistent.</summary>
    /// <exception cref="ArgumentException">The arrays do not describe a <paramref name="rows"/> ×
    /// <paramref name="columns"/> CSR matrix.</exception>
    public SparseMatrix(int[] rowPointers, int[] columnIndices, float[] values, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(rowPointers);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 0 || columns < 0)
            throw new ArgumentException($"Shape must be non-negative, got ({rows}, {columns}).");
        if (rowPointers.Length != rows + 1 || rowPointers[0] != 0 || rowPointers[^1] != values.Length)
            throw new ArgumentException($"rowPointers must have length rows + 1 = {rows + 1}, start at 0 and end at " +
                $"values.Length = {values.Length}.", nameof(rowPointers));
        if (columnIndices.Length != values.Length)
            throw new ArgumentException($"columnIndices ({columnIndices.Length}) and values ({values.Length}) must " +
                "have the same length.", nameof(columnIndices));
        for (int i = 0; i < rows; i++)
            if (rowPointers[i + 1] < rowPointers[i])
                throw new ArgumentException($"rowPointers must not decrease (row {i}).", nameof(rowPointers));
        foreach (int c in columnIndices)
            if (c < 0 || c >= columns)
                throw new ArgumentException($"Column index {c} is outside 0 .. {columns - 1}.", nameof(columnIndices));
        (RowPointers, ColumnIndices, Values, Rows, Columns) = (rowPointers, columnIndices, values, rows, columns);
    }

    /// <summary>The shape <c>(Rows, Columns)</c>.</summary>
    public Shape Shape => new(Rows, Columns);

    /// <summary>Number of stored entries. SciPy: <c>nnz</c>.</summary>
    public int NonZeroCount => Values.Length;

    /// <summary>The stored columns and values of row <paramref name="row"/>.</summary>
    public (ReadOnlyMemory<int> Columns, ReadOnlyMemory<float> Values) Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        int start = RowPointers[row], length = RowPointers[row + 1] - start;
        return (ColumnIndices.AsMemory(start, length), Values.AsMemory(start, length));
    }

    /// <summary>The rows <paramref name="rows"/>, in that order (a row may repeat), as a new matrix. SciPy:
    /// <c>matrix[rows]</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside the matrix.</exception>
    public SparseMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pointers = new int[rows.Count + 1];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r] < 0 || rows[r] >= Rows)
                throw new ArgumentOutOfRangeException(nameof(rows), rows[r],
                    $"SparseMatrix.SelectRows: row {rows[r]} is outside the matrix {Shape}");
            pointers[r + 1] = pointers[r] + RowPointers[rows[r] + 1] - RowPointers[rows[r]];
        }
        var columns = new int[pointers[^1]];
        var values = new float[pointers[^1]];
        for (int r = 0; r < rows.Count; r++)
        {
            int start = RowPointers[rows[r]], length = pointers[r + 1] - pointers[r];
            Array.Copy(ColumnIndices, start, columns, pointers[r], length);
            Array.Copy(Values, start, values, pointers[r], length);
        }
        return new SparseMatrix(pointers, columns, values, rows.Count, Columns);
    }

    /// <summary>The dense <c>(Rows, Columns)</c> tensor, zeros where nothing is stored. SciPy:
    /// <c>toarray()</c>.</summary>
    /// <remarks>An entry stored twice is summed, as SciPy does.</remarks>
    public Tensor<float> ToDense()
    {
        var dense = new float[(long)Rows * Columns];
        for (int i = 0; i < Rows; i++)
            for (int k = RowPointers[i]; k < RowPointers[i + 1]; k++)
                dense[(long)i * Columns + ColumnIndices[k]] += Values[k];
        return Tensor.FromArray<float>(dense, new Shape(Rows, Columns));
    }

    /// <summary>Same shape and the same stored arrays, element by element.</summary>
    public bool Equals(SparseMatrix? other)
        => other is not null && Rows == other.Rows && Columns == other.Columns
           && RowPointers.AsSpan().SequenceEqual(other.RowPointers)
           && ColumnIndices.AsSpan().SequenceEqual(other.ColumnIndices)
           && Values.AsSpan().SequenceEqual(other.Values);

    /// <summary>A hash of the sizes and the number of stored values, so equal matrices hash alike.</summary>
    public override int GetHashCode() => HashCode.Combine(Rows, Columns, Values.Length);
}
