namespace DeepSeq.Samples.CommandLine;

/// <summary>The options of <c>run</c>, shared by every sample.</summary>
/// <param name="DataDir">The folder named by <c>--data DIR</c>, searched before every other data root; null when not given.</param>
/// <param name="Epochs">The <c>--epochs N</c> override: every training run of the experiment uses N epochs; null keeps each run's own.</param>
/// <param name="Quick">The <c>--quick</c> flag: a small subset and few epochs, so that a run takes seconds (the test suite runs this).</param>
/// <param name="Seed">The <c>--seed N</c> every model's weights and shuffles derive from (default 42).</param>
/// <param name="OutDir">The <c>--out DIR</c> folder for plots, weights and <c>results.json</c> (default <c>out/&lt;sample name&gt;</c>).</param>
/// <param name="Synthetic">The <c>--synthetic</c> flag: use the SYNTHETIC stand-in even when the real data set is there.</param>
public sealed record RunOptions(string? DataDir, int? Epochs, bool Quick, int Seed, string OutDir, bool Synthetic)
{
    /// <summary>The values of the options a sample adds to <c>run</c> (<see cref="SampleOption"/>), by name (e.g.
    /// <c>--corpus</c>); an option not given is absent.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}

/// <summary>An option one sample adds to its <c>run</c> command, e.g. <c>--corpus FILE</c>: a string value that
/// reaches the experiments through <see cref="RunOptions.Extra"/>.</summary>
/// <param name="Name">The option, with its dashes.</param>
/// <param name="Description">The help line.</param>
public sealed record SampleOption(string Name, string Description);
