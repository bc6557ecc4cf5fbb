// scikit-learn's TfidfVectorizer = CountVectorizer + TfidfTransformer, with its defaults:
//
//   tf(t, d)  = count of term t in document d                    (sublinear_tf: 1 + ln(count))
//   idf(t)    = ln((1 + n) / (1 + df(t))) + 1                    (smooth_idf=False: ln(n / df(t)) + 1)
//   x(d, t)   = tf(t, d) · idf(t),  then each row divided by its l2 norm (a row of zeros stays zeros)
//
// n is the number of documents fitted on and df(t) the number of them containing t. The "+1" in idf keeps terms
// that occur in every document (idf would be 0) from vanishing; the smoothing acts as one extra document holding
// every term once, so no division by zero. Arithmetic is double, stored as float.

using System.Text.RegularExpressions;

namespace DeepSeq.Data;

/// <summary>How <see cref="TfidfVectorizer"/> normalises each row. scikit-learn: <c>norm</c>.</summary>
public enum TfidfNorm
{
    /// <summary>Rows left as they are (<c>norm=None</c>).</summary>
    None,
    /// <summary>Rows divided by the sum of their absolute values (<c>norm='l1'</c>).</summary>
    L1,
    /// <summary>Rows divided by their Euclidean length (<c>norm='l2'</c>, the default).</summary>
    L2,
}

/// <summary>
/// Turns documents into tf-idf rows of a sparse matrix, one column per vocabulary term. scikit-learn
/// <c>sklearn.feature_extraction.text.TfidfVectorizer</c> with its defaults: lower-casing, token pattern
/// <c>(?u)\b\w\w+\b</c> (words of two or more word characters), <c>smooth_idf=True</c>,
/// <c>sublinear_tf=False</c>, <c>norm='l2'</c>, <c>use_idf=True</c>.
/// </summary>
/// <remarks>
/// <para>The vocabulary is sorted alphabetically (ordinal, as Python sorts strings) and a term's column is its
/// position: the same columns as scikit-learn's <c>vocabulary_</c> / <c>get_feature_names_out()</c>.</para>
/// <para><c>maxFeatures</c> keeps the terms with the highest total count over the fitted corpus. Ties are broken
/// alphabetically: scikit-learn sorts the vocabulary first and then argsorts the negated counts, which keeps
/// alphabetical order among equal counts (NumPy's default argsort is not guaranteed stable, so on very large
/// vocabularies scikit-learn may pick a different term among exact ties).</para>
/// <para>Word characters: .NET's <c>\w</c> (letters, decimal digits, connector punctuation such as '_', and
/// non-spacing marks) agrees with Python's on letters, digits and underscore; it differs only on rare categories
/// (Python also counts other numerics such as '²'). Lower-casing is .NET's invariant one.</para>
/// </remarks>
public sealed class TfidfVectorizer
{
    // scikit-learn's default token_pattern r"(?u)\b\w\w+\b"; .NET's \w is Unicode-aware already, as (?u) asks.
    private static readonly Regex TokenPattern =
        new(@"\b\w\w+\b", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private Dictionary<string, int>? _vocabulary;
    private string[]? _featureNames;
    private double[]? _idf;

    /// <summary>Lower-case documents before tokenizing. scikit-learn: <c>lowercase</c> (default true).</summary>
    public bool Lowercase { get; }

    /// <summary>Keep only this many terms, the most frequent over the corpus; null keeps all. scikit-learn:
    /// <c>max_features</c> (default None).</summary>
    public int? MaxFeatures { get; }

    /// <summary>Row normalisation. scikit-learn: <c>norm</c> (default 'l2').</summary>
    public TfidfNorm Norm { get; }

    /// <summary>Weight by idf. scikit-learn: <c>use_idf</c> (default true).</summary>
    public bool UseIdf { get; }

    /// <summary>Smoothed idf <c>ln((1 + n) / (1 + df)) + 1</c>; otherwise <c>ln(n / df) + 1</c>. scikit-learn:
    /// <c>smooth_idf</c> (default true).</summary>
    public bool SmoothIdf { get; }

    /// <summary>Use <c>1 + ln(tf)</c> in place of tf. scikit-learn: <c>sublinear_tf</c> (default false).</summary>
    public bool SublinearTf { get; }

    /// <summary>Stores and checks the configuration; every default is scikit-learn's.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFeatures"/> is below 1 or
    /// <paramref name="norm"/> unknown.</exception>
    public TfidfVectorizer(bool lowercase = true, int? maxFeatures = null, TfidfNorm norm = TfidfNorm.L2,
                           bool useIdf = true, bool smoothIdf = true, bool sublinearTf = false)
    {
        if (maxFeatures is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxFeatures), maxFeatures,
                "maxFeatures must be >= 1 or null (scikit-learn: Interval(Integral, 1, None)).");
        if (!Enum.IsDefined(norm))
            throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown norm.");
        (Lowercase, MaxFeatures, Norm, UseIdf, SmoothIdf, SublinearTf) =
            (lowercase, maxFeatures, norm, useIdf, smoothIdf, sublinearTf);
    }

    /// <summary>Term → column. scikit-learn: <c>vocabulary_</c>.</summary>
    /// <exception cref="InvalidOperationException">Not fitted yet.</exception>
    public IReadOnlyDictionary<string, int> Vocabulary => _vocabulary ?? throw NotFitted();

    /// <summary>The term of each column, alphabetical. scikit-learn: <c>get_feature_names_out()</c>.</summary>
    public IReadOnlyList<string> FeatureNames => _featureNames ?? throw NotFitted();

    /// <summary>The idf of each column (see the class formula). scikit-learn: <c>idf_</c>.</summary>
    public IReadOnlyList<double> Idf => _idf ?? throw NotFitted();

    /// <summary>The tokens of one document: lower-cased (if <see cref="Lowercase"/>), then every match of
    /// <c>\b\w\w+\b</c>. scikit-learn: <c>build_analyzer()(doc)</c>.</summary>
    public string[] Analyze(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (Lowercase) document = document.ToLowerInvariant();
        return TokenPattern.Matches(document).Select(m => m.Value).ToArray();
    }

    /// <summary>Learns the vocabulary and the idf of each term from <paramref name="documents"/>. scikit-learn:
    /// <c>fit</c>.</summary>
    /// <returns>This vectorizer.</returns>
    /// <exception cref="ArgumentException">No document holds a token ("empty vocabulary", as scikit-learn).</exception>
    public TfidfVectorizer Fit(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var tokenized = documents.Select(Analyze).ToArray();
        var total = new Dictionary<string, long>(StringComparer.Ordinal);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tokens in tokenized)
        {
            foreach (string t in tokens) total[t] = total.GetValueOrDefault(t) + 1;
            foreach (string t in tokens.Distinct(StringComparer.Ordinal))
                documentFrequency[t] = documentFrequency.GetValueOrDefault(t) + 1;
        }
        if (total.Count == 0)
            throw new ArgumentException("empty vocabulary; perhaps the documents only contain stop words (no token " +
                "of two or more word characters).", nameof(documents));

        var terms = total.Keys.Order(StringComparer.Ordinal).ToArray();
        if (MaxFeatures is int limit && terms.Length > limit)
            // OrderByDescending is stable: among equal counts the alphabetical order of `terms` survives.
            terms = terms.OrderByDescending(t => total[t]).Take(limit).Order(StringComparer.Ordinal).ToArray();

        int n = tokenized.Length;
        _featureNames = terms;
        _vocabulary = terms.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        _idf = terms.Select(t => SmoothIdf
            ? Math.Log((1.0 + n) / (1.0 + documentFrequency[t])) + 1.0
            : Math.Log((double)n / documentFrequency[t]) + 1.0).ToArray();
        return this;
    }

    /// <summary>
    /// The tf-idf matrix of <paramref name="documents"/>: one row per document, one column per vocabulary term;
    /// terms not in the vocabulary are ignored. Columns within a row are ascending. scikit-learn: <c>transform</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not fitted yet.</exception>
    public SparseMatrix Transform(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var vocabulary = _vocabulary ?? throw NotFitted();
        var idf = _idf!;
        var rowPointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        foreach (string document in documents)
        {
            var counts = new SortedDictionary<int, int>();
            foreach (string t in Analyze(document))
                if (vocabulary.TryGetValue(t, out int column)) counts[column] = counts.GetValueOrDefault(column) + 1;

            var row = counts.Select(kv => (Column: kv.Key,
                Value: (SublinearTf ? 1.0 + Math.Log(kv.Value) : kv.Value) * (UseIdf ? idf[kv.Key] : 1.0))).ToArray();
            double norm = Norm switch
            {
                TfidfNorm.L2 => Math.Sqrt(row.Sum(e => e.Value * e.Value)),
                TfidfNorm.L1 => row.Sum(e => Math.Abs(e.Value)),
                _ => 1.0,
            };
            if (norm == 0.0) norm = 1.0;   // an empty row stays empty (scikit-learn's normalize does the same)
            foreach (var (column, value) in row)
            {
                columns.Add(column);
                values.Add((float)(value / norm));
            }
            rowPointers.Add(columns.Count);
        }
        return new SparseMatrix(
            rowPointers.ToArray(), columns.ToArray(), values.ToArray(), rowPointers.Count - 1, vocabulary.Count);
    }

    /// <summary><see cref="Fit"/>, then <see cref="Transform"/> on the same documents. scikit-learn:
    /// <c>fit_transform</c>.</summary>
    public SparseMatrix FitTransform(IEnumerable<string> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var items = documents.ToArray();
        return Fit(items).Transform(items);
    }

    private static InvalidOperationException NotFitted()
        => new("This TfidfVectorizer instance is not fitted yet. " +
               "Call 'Fit' with appropriate arguments before using it.");
}
