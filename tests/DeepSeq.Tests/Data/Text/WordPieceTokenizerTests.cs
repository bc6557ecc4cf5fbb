extern alias MLTokenizers;
using System.Diagnostics;
using System.Text;
using DeepSeq.Data;
using DeepSeq.Data.Loaders;
using DeepSeq.Tests.Layers.Transformers;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using Xunit.Abstractions;
using MLBertOptions = MLTokenizers::Microsoft.ML.Tokenizers.BertOptions;
using MLBertTokenizer = MLTokenizers::Microsoft.ML.Tokenizers.BertTokenizer;

namespace DeepSeq.Tests.Data.Text;

/// <summary>
/// BERT's uncased WordPiece tokenizer (src/Data/Text/WordPieceTokenizer.cs) on all-MiniLM-L6-v2's vocabulary,
/// against Microsoft.ML.Tokenizers 3.0.0's BertTokenizer (a test-only anchor) on edge cases and on the 24,783 real
/// Davidson tweets, and against pieces written by hand where that anchor departs from Hugging Face's tokenizer
/// (Google's tokenization.py), which ours follows.
/// </summary>
public sealed class WordPieceTokenizerTests(ITestOutputHelper output)
{
    private static readonly Lazy<WordPieceTokenizer> Ours =
        new(() => WordPieceTokenizer.FromVocabulary(MiniLm.Vocabulary()));
    private static readonly Lazy<MLBertTokenizer> Anchor = new(() =>
        MLBertTokenizer.Create(
            new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', MiniLm.Vocabulary()) + "\n")),
            new MLBertOptions
            {
                LowerCaseBeforeTokenization = true, ApplyBasicTokenization = true, RemoveNonSpacingMarks = true,
                SplitOnSpecialTokens = true, IndividuallyTokenizeCjk = true,
            }));

    /// <summary>Inputs both tokenizers give the same ids for.</summary>
    public static TheoryData<string> AgreedCases =>
    [
        "我爱北京天安门", new string('a', 150), "", "   \t\n ", "[CLS] already special", "state-of-the-art don't it's",
        "&amp; &lt;b&gt; &#128514;", "Hello, world!", "x\u2028y", "a[SEP]b[MASK]", "unaffable",
    ];

    [Theory]
    [MemberData(nameof(AgreedCases))]
    public void EdgeCasesGiveMicrosoftMlTokenizersIds(string text)
        => Assert.Equal(Anchor.Value.EncodeToIds(text).ToArray(), Ours.Value.Encode(text));

    /// <summary>Where Microsoft.ML.Tokenizers differs from Hugging Face: it drops emoji and the ASCII symbols
    /// <c>$+&lt;=&gt;^`|~</c> (HF splits them off as punctuation, or [UNK] when not in the vocabulary), cannot strip
    /// accents under invariant globalization (it gives [UNK]), lowercases a final Σ as σ (Python: ς) and İ as [UNK].
    /// </summary>
    [Theory]
    [InlineData("Café naïve résumé", "cafe naive resume")]
    [InlineData("I ❤️ 🍕 pizza!!", "i [UNK] [UNK] pizza ! !")]
    [InlineData("$5.00 10%", "$ 5 . 00 10 %")]
    [InlineData("a\u0000b\u0001c\u200Bd\uFFFDe", "abc ##de")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("unaffable", "una ##ffa ##ble")]
    [InlineData("我爱", "我 [UNK]")]
    public void PiecesAreHuggingFacesWhereTheAnchorDiffers(string text, string pieces)
        => Assert.Equal(pieces, string.Join(' ', Ours.Value.Tokenize(text)));

    [Fact]
    public void EncodeWrapsInClsAndSepTruncatesKeepingSepAndBatchesPad()
    {
        var t = Ours.Value;
        int[] ids = t.Encode("hello world, this is a test", maxLength: 4);
        Assert.Equal([t.ClsId, .. t.Encode("hello world")[1..3], t.SepId], ids);
        Assert.Equal([t.ClsId, t.SepId], t.Encode(""));
        var batch = t.EncodeBatch(["hello", "hello world again", ""], maxLength: 64);
        Assert.Equal((3, 5), (batch.Count, batch.Length));
        Assert.Equal([t.ClsId, t.Encode("hello")[1], t.SepId, t.PadId, t.PadId], batch.InputIds[..5]);
        Assert.Equal([1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0], batch.AttentionMask);
        Assert.All(batch.TokenTypeIds, v => Assert.Equal(0, v));
        Assert.Equal(2, t.EncodeBatch(["a long sentence of many words"], maxLength: 2).Length);
    }

    [Fact]
    public void BadArgumentsAndVocabulariesAreClearErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ours.Value.Encode("x", maxLength: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ours.Value.IdToToken(-1));
        var e = Assert.Throws<ArgumentException>(() => WordPieceTokenizer.FromVocabulary(["[PAD]", "[UNK]", "a"]));
        Assert.Contains("[CLS]", e.Message);
        string missing = Path.Combine(Path.GetTempPath(), "deepseq-no-such-vocab.txt");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => WordPieceTokenizer.FromFile(missing))
            .Message);
    }

    /// <summary>For random texts of letters, accented letters, digits, punctuation and spaces: ids in range, [CLS]
    /// first and [SEP] last, and — when no piece is [UNK] — the pieces without "##" spell the lowercased,
    /// accent-stripped text without its spaces.</summary>
    [Fact]
    public void PiecesSpellTheNormalisedText() => Check.One(
        Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true),
        Prop.ForAll(Gen.ArrayOf(Gen.Elements("abcxyzABQéèüñÅ0189 .,!?-'".ToCharArray()))
            .Select(c => new string(c)).ToArbitrary(), text =>
        {
            var t = Ours.Value;
            int[] ids = t.Encode(text);
            Assert.All(ids, id => Assert.InRange(id, 0, t.VocabularySize - 1));
            Assert.Equal((t.ClsId, t.SepId), (ids[0], ids[^1]));
            var pieces = t.Tokenize(text);
            if (pieces.Contains("[UNK]")) return;
            string expected = new(text.ToLowerInvariant().Replace(" ", "").Select(Unaccented).ToArray());
            Assert.Equal(expected, string.Concat(pieces.Select(p => p.StartsWith("##") ? p[2..] : p)));
        }));

    private static char Unaccented(char c) => c switch
    {
        'é' or 'è' => 'e', 'ü' => 'u', 'ñ' => 'n', 'å' => 'a', _ => c,
    };

    /// <summary>All 24,783 real tweets: the same ids as the anchor after rewriting, in the anchor's input, the
    /// characters it mishandles (whitespace controls it deletes, '_' it does not split, the symbols it drops) in a
    /// way that cannot change Hugging Face's result, and dropping those symbols' ids from ours.</summary>
    [Fact]
    public void RealTweetsGiveTheAnchorsIds()
    {
        if (SharedData.Find(output, "hate_speech", "labeled_data.csv") is not string path) return;
        var tweets = HateSpeechTweets.Load(path).Texts;
        var clock = Stopwatch.StartNew();
        var ours = tweets.Select(tweet => Ours.Value.Encode(tweet)).ToArray();
        output.WriteLine($"{tweets.Count:N0} tweets tokenised in {clock.ElapsedMilliseconds} ms");
        const string Dropped = "$+<=>^`|~";
        var droppedIds = Dropped.Select(c => Ours.Value.Encode(c.ToString())[1]).ToHashSet();
        int matched = 0;
        var first = new List<string>();
        for (int i = 0; i < tweets.Count; i++)
        {
            var rewritten = new StringBuilder();
            foreach (char c in tweets[i])
                rewritten.Append(c is '\r' or '\n' or '\t' || Dropped.Contains(c) ? " " : c == '_' ? " _ " : c);
            int[] expected = Anchor.Value.EncodeToIds(rewritten.ToString()).ToArray();
            if (expected.SequenceEqual(ours[i].Where(id => !droppedIds.Contains(id)))) matched++;
            else if (first.Count < 5) first.Add(tweets[i]);
        }
        output.WriteLine($"{matched:N0} of {tweets.Count:N0} tweets give the anchor's ids");
        Assert.True(matched == tweets.Count, $"{tweets.Count - matched} tweets differ, e.g. {string.Join(" | ", first)}");
    }
}
