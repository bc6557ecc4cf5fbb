using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.EmojiSuggestions.Classical;
using DeepSeq.Samples.EmojiSuggestions.Networks;
using DeepSeq.Samples.EmojiSuggestions.Tweets;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.EmojiSuggestions;

/// <summary>The sample's name and its experiments, in the order <c>run all</c> runs them (public so tests can run
/// them in-process).</summary>
public static class EmojiSuggestionsSample
{
    /// <summary>The sample's name; its default output folder is <c>out/EmojiSuggestions</c>.</summary>
    public const string Name = "EmojiSuggestions";

    /// <summary>The chapter's experiments. C5's embedding starts from C6's vectors (trained
    /// first when C5 runs); C8 and C9
    /// reuse the networks of C3, C5 and C7 (trained once per run, or when run alone, trained first).</summary>
    public static IReadOnlyList<Experiment> Experiments { get; } =
    [
        new ClassicalBaselines(), new NaiveBayesWords(), new CharCnn(), new MultiWindowCharCnn(), new WordCnn(),
        new TweetWord2Vec(), new WordLstm(), new Agreement(), new Ensemble(),
    ];

    /// <summary>What <c>run</c> takes beyond the shared options: <c>--emoji-csv FILE</c> and
    /// <c>--emoji-min N</c>.</summary>
    public static IReadOnlyList<SampleOption> RunOptions { get; } =
    [
        new(TweetData.EmojiCsvOption, EmojiTweets.OptionHelp),
        new(TweetData.EmojiMinOption, EmojiTweets.MinimumHelp),
    ];

    /// <summary>Runs the sample's command line (Program.cs and the tests).</summary>
    public static int Run(string[] args, TextWriter? output = null)
        => SampleApp.Run(Name, Experiments, args, output, RunOptions);
}
