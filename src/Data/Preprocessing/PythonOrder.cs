namespace DeepSeq.Data;

/// <summary>
/// The order NumPy's <c>np.unique</c> / Python's <c>sorted</c> give labels: strings by Unicode code point
/// (ordinal), everything else by its default comparer.
/// </summary>
/// <remarks>.NET's default string comparer is culture-aware ("a" &lt; "B"), Python's is not ("B" &lt; "a"):
/// scikit-learn's class order depends on this, so strings are compared ordinally here.</remarks>
internal static class PythonOrder
{
    /// <summary>The comparer matching Python's sort for <typeparamref name="T"/>.</summary>
    public static IComparer<T> Comparer<T>()
        => typeof(T) == typeof(string)
            ? (IComparer<T>)(object)StringComparer.Ordinal
            : System.Collections.Generic.Comparer<T>.Default;
}
