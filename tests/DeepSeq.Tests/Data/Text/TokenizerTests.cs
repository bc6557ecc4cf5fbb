using DeepSeq.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Data.Text;

/// <summary>
/// <see cref="Tokenizer"/> against Keras 2's <c>keras.preprocessing.text.Tokenizer</c>. Golden values are derived
/// by hand from Keras's source: word_counts is an OrderedDict, word_index ranks it with a stable sort by count
/// (descending), the OOV token is put first, and conversions keep index i only if not (num_words and i ≥ num_words).
/// </summary>
public sealed class TokenizerTests
{
    private static readonly string[] CatDog = ["the cat sat", "the dog"];

    private static Tokenizer Fitted(Tokenizer tokenizer, params string[] texts)
    {
        tokenizer.FitOnTexts(texts);
        return tokenizer;
    }

    [Fact]
    public void FitCountsWordsAndDocumentsAndRanksByCount()
    {
        // Keras: Tokenizer().fit_on_texts(['the cat sat', 'the dog']) →
        //   word_counts OrderedDict(the=2, cat=1, sat=1, dog=1), word_docs {the:2, cat:1, sat:1, dog:1},
        //   word_index {'the':1,'cat':2,'sat':3,'dog':4}, document_count 2.
        var t = Fitted(new Tokenizer(), CatDog);
        Assert.Equal([new("the", 2), new("cat", 1), new("sat", 1), new("dog", 1)], t.WordCounts.ToArray());
        Assert.Equal(new Dictionary<string, int> { ["the"] = 2, ["cat"] = 1, ["sat"] = 1, ["dog"] = 1 }, t.WordDocs.ToDictionary());
        Assert.Equal([new("the", 1), new("cat", 2), new("sat", 3), new("dog", 4)], t.WordIndex.ToArray());
        Assert.Equal("dog", t.IndexWord[4]);
        Assert.Equal(2, t.DocumentCount);
        // Keras: texts_to_sequences(['The dog sat!', 'a bird']) → [[1, 4, 3], []]
        Assert.Equal([[1, 4, 3], []], t.TextsToSequences(["The dog sat!", "a bird"]));
        // A word repeated in one document counts once in word_docs: fit_on_texts(['a a b']) → word_docs a:1, word_counts a:2.
        var r = Fitted(new Tokenizer(), "a a b");
        Assert.Equal(1, r.WordDocs["a"]);
        Assert.Equal(2, r.WordCounts["a"]);
    }

    [Fact]
    public void TiesKeepFirstSeenOrderNotAlphabeticalOrder()
    {
        // Keras: fit_on_texts(['z y x', 'x z']) → word_counts (z=2, y=1, x=2) in first-seen order; the stable sort by
        // count keeps z before x (tie at 2) → word_index {'z':1, 'x':2, 'y':3}. Alphabetical would put x first.
        var t = Fitted(new Tokenizer(), "z y x", "x z");
        Assert.Equal([new("z", 1), new("x", 2), new("y", 3)], t.WordIndex.ToArray());
    }

    [Fact]
    public void FittingAgainAccumulatesAndReRanks()
    {
        // Keras: fit_on_texts(['a b']); fit_on_texts(['b']) → word_counts a=1, b=2; word_index {'b':1,'a':2}; document_count 2.
        var t = Fitted(new Tokenizer(), "a b");
        t.FitOnTexts(["b"]);
        Assert.Equal([new("b", 1), new("a", 2)], t.WordIndex.ToArray());
        Assert.Equal(2, t.DocumentCount);
    }

    [Fact]
    public void OovTokenTakesIndexOneAndReplacesUnknownWords()
    {
        // Keras: Tokenizer(oov_token='<OOV>').fit_on_texts(['the cat sat', 'the dog']) →
        //   word_index {'<OOV>':1, 'the':2, 'cat':3, 'sat':4, 'dog':5}; texts_to_sequences(['the bird sat']) → [[2, 1, 4]];
        //   sequences_to_texts([[2, 1, 4, 99]]) → ['the <OOV> sat <OOV>'] (99 is unknown).
        var t = Fitted(new Tokenizer(oovToken: "<OOV>"), CatDog);
        Assert.Equal([new("<OOV>", 1), new("the", 2), new("cat", 3), new("sat", 4), new("dog", 5)], t.WordIndex.ToArray());
        Assert.Equal([[2, 1, 4]], t.TextsToSequences(["the bird sat"]));
        Assert.Equal(["the <OOV> sat <OOV>"], t.SequencesToTexts([[2, 1, 4, 99]]));
    }

    [Fact]
    public void NumWordsCutsOffIndicesAtOrAboveIt()
    {
        // Keras: Tokenizer(num_words=3).fit_on_texts(['the cat sat', 'the dog']) → word_index still holds all 4 words;
        //   texts_to_sequences(['the cat sat the dog']) → [[1, 2, 1]] (sat=3, dog=4 are ≥ 3: dropped);
        //   sequences_to_texts([[1, 2, 3, 4, 0]]) → ['the cat'].
        var t = Fitted(new Tokenizer(numWords: 3), CatDog);
        Assert.Equal(4, t.WordIndex.Count);
        Assert.Equal([[1, 2, 1]], t.TextsToSequences(["the cat sat the dog"]));
        Assert.Equal(["the cat"], t.SequencesToTexts([[1, 2, 3, 4, 0]]));

        // Keras: Tokenizer(num_words=3, oov_token='<OOV>') on the same texts → word_index <OOV>1 the2 cat3 sat4 dog5;
        //   texts_to_sequences(['the cat sat the dog']) → [[2, 1, 1, 2, 1]] (cat, sat, dog are ≥ 3 → OOV);
        //   sequences_to_texts([[2, 3]]) → ['the <OOV>'].
        var o = Fitted(new Tokenizer(numWords: 3, oovToken: "<OOV>"), CatDog);
        Assert.Equal([[2, 1, 1, 2, 1]], o.TextsToSequences(["the cat sat the dog"]));
        Assert.Equal(["the <OOV>"], o.SequencesToTexts([[2, 3]]));
    }

    [Fact]
    public void CharLevelCountsLowerCasedCharactersWithoutFiltering()
    {
        // Keras: Tokenizer(char_level=True).fit_on_texts(['Abba!']) → 'abba!' → word_counts (a=2, b=2, !=1) →
        //   word_index {'a':1, 'b':2, '!':3} ('!' kept: char level applies no filters);
        //   texts_to_sequences(['AB c!']) → [[1, 2, 3]] (' ' and 'c' unknown, dropped);
        //   sequences_to_texts([[1, 2, 3]]) → ['a b !'] (tokens always joined with a space).
        var t = Fitted(new Tokenizer(charLevel: true), "Abba!");
        Assert.Equal([new("a", 1), new("b", 2), new("!", 3)], t.WordIndex.ToArray());
        Assert.Equal([[1, 2, 3]], t.TextsToSequences(["AB c!"]));
        Assert.Equal(["a b !"], t.SequencesToTexts([[1, 2, 3]]));
    }

    // Fitted on ['the cat sat', 'the dog']: word_index the1 cat2 sat3 dog4; document_count 2;
    // index_docs {1:2, 2:1, 3:1, 4:1}. No num_words → Keras's width len(word_index) + 1 = 5.
    // texts ['the cat the', 'dog bird'] → sequences [[1, 2, 1], [4]] ('bird' unknown, dropped).
    [Theory]
    [InlineData(MatrixMode.Binary, new float[] { 0, 1, 1, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(MatrixMode.Count, new float[] { 0, 2, 1, 0, 0, 0, 0, 0, 0, 1 })]
    // freq: c / len(seq): 2/3 and 1/3 in row 0; 1/1 in row 1.
    [InlineData(MatrixMode.Freq, new float[] { 0, 2f / 3, 1f / 3, 0, 0, 0, 0, 0, 0, 1 })]
    // tfidf: the (c=2, df=2): (1 + ln 2)·ln(1 + 2/3) = 1.6931472 · 0.5108256 = 0.8649030;
    //        cat (c=1, df=1): (1 + ln 1)·ln(1 + 2/2) = ln 2 = 0.6931472; dog likewise 0.6931472.
    [InlineData(MatrixMode.TfIdf, new float[] { 0, 0.8649030f, 0.6931472f, 0, 0, 0, 0, 0, 0, 0.6931472f })]
    public void TextsToMatrixScoresAsKerasDoes(MatrixMode mode, float[] expected)
    {
        var t = Fitted(new Tokenizer(), CatDog);
        var x = t.TextsToMatrix(["the cat the", "dog bird"], mode);
        Assert.Equal(new[] { 2, 5 }, x.Shape.ToArray());
        var actual = x.ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"{mode} element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void MatrixWidthIsNumWordsAndFreqDividesByTheFullSequenceLength()
    {
        // Keras: Tokenizer(num_words=3) fitted on ['the cat sat', 'the dog']; sequences_to_matrix([[1, 1, 4]], 'freq')
        //   → width 3; index 4 skipped but len(seq) = 3 still divides: [[0, 2/3, 0]].
        var t = Fitted(new Tokenizer(numWords: 3), CatDog);
        var x = t.SequencesToMatrix([[1, 1, 4]], MatrixMode.Freq);
        Assert.Equal(new[] { 1, 3 }, x.Shape.ToArray());
        Assert.Equal([0f, 2f / 3, 0f], x.ToArray());

        // Keras: idf with df 0 (an index nobody fitted): Tokenizer(num_words=3) with document_count 3 after
        //   fit_on_sequences([[1], [1], [1]]); sequences_to_matrix([[2]], 'tfidf') → ln(1 + 3/1) = 1.3862944 at column 2.
        var s = new Tokenizer(numWords: 3);
        s.FitOnSequences([[1], [1], [1]]);
        Assert.Equal(3, s.DocumentCount);
        Assert.Equal(1.3862944f, s.SequencesToMatrix([[2]], MatrixMode.TfIdf).ToArray()[2], 6);
    }

    [Fact]
    public void BadArgumentsAndStatesThrowClearly()
    {
        Assert.Contains("numWords", Assert.Throws<ArgumentOutOfRangeException>(() => new Tokenizer(numWords: 0)).Message);
        Assert.Throws<ArgumentException>(() => new Tokenizer(split: ""));
        Assert.Throws<ArgumentNullException>(() => new Tokenizer(filters: null!));
        // Unfitted and no num_words: Keras raises "Specify a dimension (`num_words` argument), or fit on some text data first."
        Assert.Contains("numWords", Assert.Throws<InvalidOperationException>(() => new Tokenizer().TextsToMatrix(["a"])).Message);
        // Keras raises "Fit the Tokenizer on some data before using tfidf mode."
        Assert.Contains("tf-idf", Assert.Throws<InvalidOperationException>(() => new Tokenizer(numWords: 5).SequencesToMatrix([[1]], MatrixMode.TfIdf)).Message);
        Assert.Contains("FitOnTexts", Assert.Throws<InvalidOperationException>(() => new Tokenizer(oovToken: "?").TextsToSequences(["a"])).Message);
        var t = Fitted(new Tokenizer(), CatDog);
        Assert.Throws<ArgumentException>(() => t.SequencesToMatrix([[-1]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.SequencesToMatrix([[1]], (MatrixMode)9));
        Assert.Throws<ArgumentNullException>(() => t.FitOnTexts(["a", null!]));
    }

    /// <summary>
    /// With nothing cut off (no num_words, texts fitted), indices → text gives back exactly the filtered,
    /// lower-cased words of each text, joined by spaces. Texts mix capitals, punctuation, tabs and repeated spaces.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property SequencesToTextsInvertsTextsToSequences(int seed)
    {
        var rng = new Random(seed);
        string[] pieces = ["The", "cat", "SAT", "on", "mat", "it's", "dog", ",", "!", " ", "  ", "\t", "-", "Ü", "x.y"];
        var texts = Enumerable.Range(0, rng.Next(1, 5))
            .Select(_ => string.Join(" ", Enumerable.Range(0, rng.Next(0, 12)).Select(_ => pieces[rng.Next(pieces.Length)])))
            .ToArray();
        var t = Fitted(new Tokenizer(), texts);
        var back = t.SequencesToTexts(t.TextsToSequences(texts));
        var expected = texts.Select(text => string.Join(" ", TextPreprocessing.TextToWordSequence(text))).ToArray();
        return back.SequenceEqual(expected).Label($"texts [{string.Join(" | ", texts)}] back [{string.Join(" | ", back)}]");
    }
}
