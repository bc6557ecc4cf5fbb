namespace DeepSeq.Layers;

/// <summary>
/// What <c>Fit</c> returns (Keras's <c>History</c> callback): for every key — <c>loss</c>, each metric, and their
/// <c>val_</c> twins — the value at the end of each epoch, plus the epoch numbers.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);
    private readonly List<int> _epochs = [];

    /// <summary>The epochs recorded, counted from 0 (Keras's <c>history.epoch</c>).</summary>
    public IReadOnlyList<int> Epochs => _epochs;

    /// <summary>The keys, in the order Keras logs them (<c>loss</c>, metrics, then <c>val_loss</c>, validation
    /// metrics).</summary>
    public IReadOnlyCollection<string> Keys => _values.Keys;

    /// <summary>Every key's values per epoch (Keras's <c>history.history</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Values
        => _values.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value);

    /// <summary>The values of <paramref name="key"/> per epoch; a clear error naming the known keys
    /// otherwise.</summary>
    public IReadOnlyList<double> this[string key]
        => _values.TryGetValue(key, out var values) ? values
            : throw new KeyNotFoundException($"history has no key '{key}'; keys: {string.Join(", ", _values.Keys)}");

    /// <summary>Whether <paramref name="key"/> was logged.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>Records the logs of one epoch.</summary>
    public void Append(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        _epochs.Add(epoch);
        foreach (var (key, value) in logs)
        {
            if (!_values.TryGetValue(key, out var list)) // a key that appears late
                _values[key] = list = Enumerable.Repeat(double.NaN, _epochs.Count - 1).ToList();
            list.Add(value);
        }
        foreach (var list in _values.Values.Where(l => l.Count < _epochs.Count)) list.Add(double.NaN);
    }
}
