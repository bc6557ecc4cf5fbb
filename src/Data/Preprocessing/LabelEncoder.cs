namespace DeepSeq.Data;

/// <summary>
/// Maps class labels to integers <c>0 .. classes − 1</c> and back. scikit-learn
/// <c>sklearn.preprocessing.LabelEncoder</c>.
/// </summary>
/// <typeparam name="TLabel">The label type: anything with an order (strings, numbers, enums).</typeparam>
/// <remarks>
/// <para>As in scikit-learn, <see cref="Classes"/> are the distinct labels sorted (NumPy's <c>np.unique</c>), and a
/// label's code is its position there: <c>Fit(["paris", "paris", "tokyo", "amsterdam"])</c> gives classes
/// <c>["amsterdam", "paris", "tokyo"]</c> and <c>Transform(["tokyo", "paris"])</c> gives <c>[2, 1]</c>.</para>
/// <para>Strings sort by code point (ordinal), as in Python: <c>"B"</c> comes before <c>"a"</c>. Pass a comparer to
/// choose another order.</para>
/// </remarks>
/// <param name="comparer">The order of the classes. Default: Python's (ordinal for strings, the default comparer
/// otherwise).</param>
public sealed class LabelEncoder<TLabel>(IComparer<TLabel>? comparer = null) where TLabel : notnull
{
    private readonly IComparer<TLabel> _comparer = comparer ?? PythonOrder.Comparer<TLabel>();
    private TLabel[]? _classes;
    private Dictionary<TLabel, int>? _codes;

    /// <summary>The distinct labels seen by <see cref="Fit"/>, sorted; a label's code is its index. scikit-learn:
    /// <c>classes_</c>.</summary>
    /// <exception cref="InvalidOperationException">The encoder is not fitted yet.</exception>
    public IReadOnlyList<TLabel> Classes => _classes ?? throw NotFitted();

    /// <summary>Learns the classes: the distinct labels of <paramref name="labels"/>, sorted. Refitting replaces
    /// them.</summary>
    /// <returns>This encoder, so calls can be chained (scikit-learn's <c>fit</c> returns <c>self</c>).</returns>
    public LabelEncoder<TLabel> Fit(IEnumerable<TLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _classes = labels.Distinct().OrderBy(c => c, _comparer).ToArray();
        _codes = _classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        return this;
    }

    /// <summary>The code of each label: its index in <see cref="Classes"/>. scikit-learn: <c>transform</c>.</summary>
    /// <exception cref="ArgumentException">A label was not seen by <see cref="Fit"/> (scikit-learn: "y contains
    /// previously unseen labels").</exception>
    /// <exception cref="InvalidOperationException">The encoder is not fitted yet.</exception>
    public int[] Transform(IEnumerable<TLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var codes = _codes ?? throw NotFitted();
        var items = labels.ToArray();
        var unseen = items.Where(l => !codes.ContainsKey(l)).Distinct().ToArray();
        if (unseen.Length > 0)
            throw new ArgumentException($"labels contains previously unseen labels: [{string.Join(", ", unseen)}]; " +
                $"known classes: [{string.Join(", ", _classes!)}].", nameof(labels));
        return items.Select(l => codes[l]).ToArray();
    }

    /// <summary><see cref="Fit"/>, then <see cref="Transform"/>. scikit-learn: <c>fit_transform</c>.</summary>
    public int[] FitTransform(IEnumerable<TLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var items = labels.ToArray();
        return Fit(items).Transform(items);
    }

    /// <summary>The label of each code: <c>Classes[code]</c>. scikit-learn: <c>inverse_transform</c>.</summary>
    /// <exception cref="ArgumentException">A code is outside <c>0 .. Classes.Count − 1</c>.</exception>
    /// <exception cref="InvalidOperationException">The encoder is not fitted yet.</exception>
    public TLabel[] InverseTransform(IEnumerable<int> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var classes = _classes ?? throw NotFitted();
        var items = codes.ToArray();
        var bad = items.Where(c => c < 0 || c >= classes.Length).Distinct().ToArray();
        if (bad.Length > 0)
            throw new ArgumentException($"codes contains previously unseen labels: [{string.Join(", ", bad)}]; valid " +
                $"codes are 0 .. {classes.Length - 1}.", nameof(codes));
        return items.Select(c => classes[c]).ToArray();
    }

    private static InvalidOperationException NotFitted()
        => new("This LabelEncoder instance is not fitted yet. Call 'Fit' with appropriate arguments before using " +
            "this encoder.");
}
