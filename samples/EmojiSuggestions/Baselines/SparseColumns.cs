// CSC (compressed sparse column), the transpose layout of CSR: column j's entries are
//   RowIndices[ColumnPointers[j] .. ColumnPointers[j+1])  with  Values[same range],  rows ascending.
// A tree's split search reads one feature over many rows, which CSR would make a search per row.

using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>The entries of a <see cref="SparseMatrix"/> stored by column (SciPy's <c>csc_matrix</c>, which
/// scikit-learn's trees convert sparse input to).</summary>
public sealed class SparseColumns
{
    private readonly int[] _pointers, _rows;
    private readonly float[] _values;

    /// <summary>The columns of <paramref name="matrix"/>, each holding its rows in ascending order.</summary>
    public SparseColumns(SparseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        (Rows, Columns) = (matrix.Rows, matrix.Columns);
        _pointers = new int[Columns + 1];
        foreach (int c in matrix.ColumnIndices) _pointers[c + 1]++;
        for (int c = 0; c < Columns; c++) _pointers[c + 1] += _pointers[c];
        _rows = new int[matrix.NonZeroCount];
        _values = new float[matrix.NonZeroCount];
        int[] next = _pointers[..^1];
        for (int i = 0; i < Rows; i++)
            for (int k = matrix.RowPointers[i]; k < matrix.RowPointers[i + 1]; k++)
            {
                int at = next[matrix.ColumnIndices[k]]++;
                (_rows[at], _values[at]) = (i, matrix.Values[k]);
            }
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Columns { get; }

    /// <summary>The rows stored in column <paramref name="column"/>, ascending.</summary>
    public ReadOnlySpan<int> RowsOf(int column)
        => _rows.AsSpan(_pointers[column], _pointers[column + 1] - _pointers[column]);

    /// <summary>The values stored in column <paramref name="column"/>, in the order of <see cref="RowsOf"/>.</summary>
    public ReadOnlySpan<float> ValuesOf(int column)
        => _values.AsSpan(_pointers[column], _pointers[column + 1] - _pointers[column]);
}
