using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.RecurrentProjects.Stocks;

namespace DeepSeq.Samples.RecurrentProjects;

/// <summary>The sample's name and its experiments, in the order <c>run all</c> runs them (public so tests can run
/// them in-process).</summary>
public static class RecurrentProjectsSample
{
    /// <summary>The sample's name; its default output folder is <c>out/RecurrentProjects</c>.</summary>
    public const string Name = "RecurrentProjects";

    /// <summary>The project's experiments built so far.</summary>
    public static IReadOnlyList<Experiment> Experiments { get; } =
        [new StockModels(), new StockLosses(), new StockOptimizers(), new StockRecurrentDropout()];
}
