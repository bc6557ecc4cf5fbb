using DeepSeq.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Data.Preprocessing;

/// <summary>
/// <see cref="TfidfVectorizer"/>: a three-document tf-idf worked out by hand with scikit-learn's default formulas,
/// max_features ties, options, errors, and the unit-norm property of the <see cref="SparseMatrix"/> it returns.
/// </summary>
public sealed class TfidfVectorizerTests
{
    // Tokens (two or more word characters, lower-cased; "a" is dropped):
    //   d0 = the cat sat    d1 = the cat cat    d2 = dog
    // Vocabulary (alphabetical): cat 0, dog 1, sat 2, the 3.  n = 3; df: cat 2, dog 1, sat 1, the 2.
    // idf = ln((1 + 3) / (1 + df)) + 1:  df 2 → ln(4/3) + 1 = 1.287682;  df 1 → ln 2 + 1 = 1.693147.
    // d0: (1.287682, 1.693147, 1.287682) / sqrt(2·1.287682² + 1.693147²) = / 2.486479 → (0.517856, 0.680919, 0.517856)
    // d1: (2·1.287682, 1.287682) / (1.287682·sqrt 5) → (2/√5, 1/√5) = (0.894427, 0.447214)
    // d2: (1.693147) / 1.693147 → 1
    private static readonly string[] Corpus = ["The cat sat.", "the CAT, cat", "A dog"];

    [Fact]
    public void ThreeDocumentsMatchTheHandDerivedValues()
    {
        var vectorizer = new TfidfVectorizer();
        var x = vectorizer.FitTransform(Corpus);
        Assert.Equal(["cat", "dog", "sat", "the"], vectorizer.FeatureNames);
        Assert.Equal(2, vectorizer.Vocabulary["sat"]);
        Assert.Equal(1.287682, vectorizer.Idf[0], 6);
        Assert.Equal(1.693147, vectorizer.Idf[1], 6);

        Assert.Equal([0, 3, 5, 6], x.RowPointers);
        Assert.Equal([0, 2, 3, 0, 3, 1], x.ColumnIndices);
        float[] expected = [0.517856f, 0.680919f, 0.517856f, 0.894427f, 0.447214f, 1f];
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], x.Values[k], 5e-6f);

        var dense = x.ToDense();
        Assert.Equal([3, 4], dense.Shape.ToArray());
        Assert.Equal(0.680919f, dense.ToArray()[2], 5e-6f);   // row 0, column 2 (sat)
        Assert.Equal(0f, dense.ToArray()[1]);                 // row 0, column 1 (dog): not stored
    }

    [Fact]
    public void UnknownTermsAreIgnoredAndEmptyRowsStayEmpty()
    {
        var vectorizer = new TfidfVectorizer().Fit(Corpus);
        var x = vectorizer.Transform(["zebra!", "dog dog zebra"]);
        Assert.Equal([0, 0, 1], x.RowPointers);
        Assert.Equal([1], x.ColumnIndices);
        Assert.Equal(1f, x.Values[0], 1e-6f);
    }

    [Fact]
    public void MaxFeaturesKeepsTheMostFrequentTiesAlphabetical()
    {
        // Corpus totals: cat 3, the 2, sat 1, dog 1. max_features=3 → cat, the, then the tie sat/dog → dog (alphabetical).
        var vectorizer = new TfidfVectorizer(maxFeatures: 3).Fit(Corpus);
        Assert.Equal(["cat", "dog", "the"], vectorizer.FeatureNames);
        Assert.Equal(2, vectorizer.Vocabulary["the"]);
    }

    [Fact]
    public void OptionsFollowScikitLearnFormulas()
    {
        // smooth_idf=False: idf = ln(n / df) + 1 → cat ln(3/2) + 1 = 1.405465, dog ln 3 + 1 = 2.098612.
        var raw = new TfidfVectorizer(smoothIdf: false).Fit(Corpus);
        Assert.Equal(1.405465, raw.Idf[0], 6);
        Assert.Equal(2.098612, raw.Idf[1], 6);
        // norm=None, use_idf=False: plain counts. d1 = cat 2, the 1 ("the CAT, cat").
        var counts = new TfidfVectorizer(norm: TfidfNorm.None, useIdf: false).FitTransform(Corpus);
        Assert.Equal([1f, 1f, 1f, 2f, 1f, 1f], counts.Values);
        // sublinear_tf: 1 + ln 2 = 1.693147 for the count of 2; l1 norm makes d1 = (2, 1) / 3 = (0.666667, 0.333333).
        var sub = new TfidfVectorizer(norm: TfidfNorm.None, useIdf: false, sublinearTf: true).FitTransform(Corpus);
        Assert.Equal(1.693147f, sub.Values[3], 5e-6f);
        var l1 = new TfidfVectorizer(norm: TfidfNorm.L1, useIdf: false).FitTransform(Corpus);
        Assert.Equal(0.666667f, l1.Values[3], 1e-6f);
        // lowercase=False keeps "The" and "the" apart.
        Assert.Contains("The", new TfidfVectorizer(lowercase: false).Fit(Corpus).FeatureNames);
    }

    [Fact]
    public void ErrorsAreClear()
    {
        Assert.Throws<InvalidOperationException>(() => new TfidfVectorizer().Transform(["x"]));
        var e = Assert.Throws<ArgumentException>(() => new TfidfVectorizer().Fit(["a b", "!"]));
        Assert.Contains("empty vocabulary", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TfidfVectorizer(maxFeatures: 0));
        Assert.Throws<ArgumentException>(() => new SparseMatrix([0, 2], [0], [1f], 1, 3));      // pointer past the end
        Assert.Throws<ArgumentException>(() => new SparseMatrix([0, 1], [3], [1f], 1, 3));      // column out of range
    }

    /// <summary>For random corpora over a small alphabet of words, every l2 row has norm 1 or is empty, and dense = sparse.</summary>
    [Property(MaxTest = 200)]
    public Property L2RowsHaveUnitNormOrAreEmpty(int seed)
    {
        var rng = new Random(seed);
        string[] words = ["ab", "cd", "ef", "gh", "x", "ij"];
        var corpus = Enumerable.Range(0, rng.Next(1, 6))
            .Select(_ => string.Join(' ', Enumerable.Range(0, rng.Next(0, 8)).Select(_ => words[rng.Next(words.Length)])))
            .Append("ab")   // never an empty vocabulary
            .ToArray();
        var x = new TfidfVectorizer().FitTransform(corpus);
        var dense = x.ToDense().ToArray();
        bool ok = true;
        for (int i = 0; i < x.Rows; i++)
        {
            var (_, values) = x.Row(i);
            double norm = Math.Sqrt(values.ToArray().Sum(v => (double)v * v));
            ok &= values.Length == 0 || Math.Abs(norm - 1.0) < 1e-5;
            ok &= Math.Abs(dense.Skip(i * x.Columns).Take(x.Columns).Sum(v => (double)v * v) - norm * norm) < 1e-5;
        }
        return ok.Label(string.Join(" | ", corpus));
    }
}
