namespace DeepSeq.Data;

/// <summary>
/// One train/test split of <c>n</c> items, as positions into the data: <see cref="Train"/> and <see cref="Test"/>
/// are disjoint. scikit-learn: the <c>(train_index, test_index)</c> pair its splitters yield.
/// </summary>
/// <param name="Train">Positions of the training items.</param>
/// <param name="Test">Positions of the test items.</param>
/// <remarks>A record holding arrays compares them by reference; compare the arrays themselves
/// (<c>SequenceEqual</c>) to test two splits for equality.</remarks>
public readonly record struct SplitIndices(int[] Train, int[] Test)
{
    /// <summary>The items of <paramref name="items"/> at <paramref name="positions"/>, in that order (NumPy's
    /// <c>items[positions]</c>).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="IndexOutOfRangeException">A position is outside <paramref name="items"/>.</exception>
    public static T[] Take<T>(IReadOnlyList<T> items, int[] positions)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(positions);
        var taken = new T[positions.Length];
        for (int i = 0; i < positions.Length; i++) taken[i] = items[positions[i]];
        return taken;
    }
}
