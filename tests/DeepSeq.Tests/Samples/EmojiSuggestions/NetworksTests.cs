using DeepSeq.Layers;
using DeepSeq.Samples.EmojiSuggestions.Networks;
using Xunit;

namespace DeepSeq.Tests.Samples.EmojiSuggestions;

/// <summary>
/// The networks of C3–C9 (samples/EmojiSuggestions/Networks): parameter counts with the book's 100 characters ×
/// 167 positions and 13 classes, C3's against its formula on other shapes, the layer and input names C9 relies on,
/// the ensemble's three named inputs, the character encoding, C6's tweet cleaning and the batch generators. The
/// experiments run end to end in EmojiSuggestionsTests.
/// </summary>
public sealed class NetworksTests
{
    [Fact]
    public void TheCharacterCnnHasTheBooksParameterCount()
    {
        Assert.Equal(373_901, CharCnn.Build(100, 167, 13).CountParams());
        Assert.Equal(373_901, CharCnn.ParameterCount(100, 167, 13));
        // Our characters, length or classes change the count only through the formula's terms.
        foreach (var (chars, length, classes) in new[] { (57, 71, 2), (120, 200, 20), (100, 140, 13) })
            Assert.Equal(CharCnn.ParameterCount(chars, length, classes),
                CharCnn.Build(chars, length, classes).CountParams());
    }

    [Fact]
    public void TheMultiWindowCnnHasTheBooksParameterCountWithOrWithoutDropout()
    {
        Assert.Equal(1_538_445, MultiWindowCharCnn.Build(100, 167, 13, 0).CountParams());
        Assert.Equal(1_538_445, MultiWindowCharCnn.Build(100, 167, 13, 0.2).CountParams());
    }

    [Fact]
    public void TheLayersCarryTheNamesTheEnsembleUses()
    {
        var charCnn = CharCnn.Build(30, 80, 4);
        var cnn = WordCnn.Build(50, 8, 20, 4);
        var lstm = WordLstm.Build(50, 8, 20, 4);
        Assert.Equal("char_cnn_input", ((Input)charCnn.Inputs[0]).Name);
        Assert.Equal("char_cnn_predictions", charCnn.Outputs[0].Layer.Name);
        Assert.Equal("cnn_input", ((Input)cnn.Inputs[0]).Name);
        Assert.IsType<Embedding>(cnn.GetLayer("cnn_embedding"));
        Assert.Equal("cnn_predictions", cnn.Outputs[0].Layer.Name);
        Assert.Equal("lstm_input", ((Input)lstm.Inputs[0]).Name);
        Assert.IsType<Embedding>(lstm.GetLayer("lstm_embedding"));
        Assert.Equal("lstm_predictions", lstm.Outputs[0].Layer.Name);

        var ensemble = Ensemble.Build([charCnn, cnn, lstm]);
        Assert.Equal(["char_cnn_input", "cnn_input", "lstm_input"], ensemble.Inputs.Select(t => ((Input)t).Name));
        Assert.IsType<Average>(ensemble.Outputs[0].Layer);
        Assert.Equal(charCnn.CountParams() + cnn.CountParams() + lstm.CountParams(), ensemble.CountParams());
        // The average of three softmax outputs is a distribution.
        Tensor<float>[] x =
        [
            DeepSeq.Tensor.Zeros<float>(new Shape(2, 80, 30)), DeepSeq.Tensor.Ones<float>(new Shape(2, 20)),
            DeepSeq.Tensor.Ones<float>(new Shape(2, 20)),
        ];
        var p = ensemble.Predict<float>(x)[0].ToArray();
        Assert.Equal(1.0, p[..4].Sum(), 5);
    }

    [Fact]
    public void CharactersAreOneHotPaddedWithZeroRowsToTheMinimumLength()
    {
        string[] texts = ["ba", "abc"];
        var encoding = CharacterEncoding.Fit(texts);
        Assert.Equal(['a', 'b', 'c'], encoding.Chars);
        Assert.Equal(3, encoding.Longest);
        Assert.Equal(CharacterEncoding.MinimumLength, encoding.Length);
        var x = encoding.OneHot(texts, [0]);
        Assert.Equal([1, CharacterEncoding.MinimumLength, 3], x.Shape.ToArray());
        float[] v = x.ToArray();
        Assert.Equal([0f, 1, 0, 1, 0, 0], v[..6]);   // b, then a
        Assert.All(v[6..], f => Assert.Equal(0f, f));
        Assert.Contains("U+0078", Assert.Throws<ArgumentException>(() => encoding.OneHot(["x"], [0])).Message);
    }

    [Fact]
    public void TweetsAreCleanedAsTheBookCleansThem()
    {
        Assert.Equal("I &love  you caf", TweetWord2Vec.Clean("RT I &amp;love http://t.co/x1 you café"));
        Assert.Equal("see  now", TweetWord2Vec.Clean("see www.example.com/a now"));
        Assert.Equal("not RT here", TweetWord2Vec.Clean("not RT here"));
    }

    [Fact]
    public void RandomBatchesWithoutReplacementHoldDistinctTweets()
    {
        var data = NetworkDataForTest();
        int[] rows = [.. Enumerable.Range(0, 9)];
        foreach (var batch in TweetBatches.Random(data, rows, 6, false, 1, data.WordBatch).Take(20))
        {
            float[] ids = batch.X[0].ToArray();
            int length = data.Words.Shape[1];
            Assert.Equal(6, batch.Count);
            Assert.Equal(6, Enumerable.Range(0, 6).Select(i => string.Join(",", ids[(i * length)..((i + 1) * length)]))
                .Distinct().Count());
        }
        var epoch = TweetBatches.Shuffled(data, rows, 4, 1, data.WordBatch).Take(TweetBatches.Steps(9, 4)).ToList();
        Assert.Equal([4, 4, 1], epoch.Select(b => b.Count));
    }

    /// <summary>Nine tweets whose word sequences all differ, through the sample's data path.</summary>
    private static NetworkData NetworkDataForTest()
    {
        var tweets = new DeepSeq.Samples.EmojiSuggestions.Tweets.TweetData(
            [.. Enumerable.Range(0, 10).Select(i => $"word{i} and w{i}")],
            [.. Enumerable.Range(0, 10).Select(i => i % 2)],
            ["a", "b"], new DeepSeq.Samples.Data.DataOrigin("test", true, null, "test"));
        return NetworkData.Create(tweets);
    }
}
