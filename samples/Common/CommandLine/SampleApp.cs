using System.CommandLine;
using System.Diagnostics;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.CommandLine;

/// <summary>
/// The command line every sample shares:
/// <code>
/// &lt;sample&gt; list                          the experiment ids, one line each
/// &lt;sample&gt; run &lt;id|all&gt; [options]         run one experiment, or all in order
///   --data DIR      search DIR for data first      --epochs N   N epochs for every training run
///   --quick         small subset, few epochs       --seed N     seed of weights and shuffles (default 42)
///   --out DIR       plots, weights, results.json (default out/&lt;sample&gt;)
///   --synthetic     use the SYNTHETIC stand-in even when the real data is there
/// </code>
/// </summary>
/// <remarks>After each experiment its entry is merged into <c>results.json</c> (so a later crash keeps earlier
/// results); a run ends with <see cref="ResultsTable"/>. A failing experiment is reported and the others still run;
/// the exit code is then 1.</remarks>
public static class SampleApp
{
    /// <summary>Parses <paramref name="args"/> and does what they ask; returns the exit code.</summary>
    /// <param name="sampleName">The sample's name, e.g. <c>NeuralNetworkAnatomy</c> (the default output folder is <c>out/&lt;name&gt;</c>).</param>
    /// <param name="experiments">The sample's experiments, in the order <c>run all</c> runs them.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where everything is printed; the console by default (tests pass a <see cref="StringWriter"/>).</param>
    /// <param name="runOptions">Options this sample adds to <c>run</c> (their values reach the experiments through
    /// <see cref="RunOptions.Extra"/>).</param>
    /// <param name="commands">Sub-commands this sample adds beside <c>list</c> and <c>run</c>, each made for the
    /// writer everything is printed to.</param>
    public static int Run(string sampleName, IReadOnlyList<Experiment> experiments, string[] args, TextWriter? output = null,
        IReadOnlyList<SampleOption>? runOptions = null, IReadOnlyList<Func<TextWriter, Command>>? commands = null)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        output ??= Console.Out;

        var list = new Command("list", "List the experiments: id and what each does.");
        list.SetAction(_ =>
        {
            foreach (var e in experiments) output.WriteLine($"{e.Id,-5} {e.Title}");
            return 0;
        });

        var id = new Argument<string>("id") { Description = "An experiment id (see list), or 'all'." };
        var data = new Option<string?>("--data") { Description = "A data folder searched before DEEPSEQ_DATA, ../shared/data and the cache." };
        var epochs = new Option<int?>("--epochs") { Description = "Train every model of the experiment for N epochs instead of the book's count." };
        var quick = new Option<bool>("--quick") { Description = "A small subset and few epochs: the whole run takes seconds." };
        var seed = new Option<int>("--seed") { Description = "The seed of weights and shuffles.", DefaultValueFactory = _ => 42 };
        var outDir = new Option<string>("--out") { Description = "Where plots, weights and results.json go.", DefaultValueFactory = _ => Path.Combine("out", sampleName) };
        var synthetic = new Option<bool>("--synthetic") { Description = "Use the SYNTHETIC stand-in even when the real data set is found." };
        epochs.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--epochs must be at least 1"); });

        var run = new Command("run", "Run one experiment, or all of them in order.") { id, data, epochs, quick, seed, outDir, synthetic };
        var extra = (runOptions ?? []).Select(o => new Option<string?>(o.Name) { Description = o.Description }).ToList();
        foreach (var option in extra) run.Options.Add(option);
        run.SetAction(parse => RunExperiments(experiments, parse.GetValue(id)!,
            new RunOptions(parse.GetValue(data), parse.GetValue(epochs), parse.GetValue(quick), parse.GetValue(seed), parse.GetValue(outDir)!, parse.GetValue(synthetic))
            {
                Extra = extra.Where(o => parse.GetValue(o) is not null).ToDictionary(o => o.Name, o => parse.GetValue(o)!),
            },
            output));

        var root = new RootCommand($"{sampleName}: the experiments of one chapter, on real data when it is found.") { list, run };
        foreach (var command in commands ?? []) root.Subcommands.Add(command(output));
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
    }

    /// <summary>Runs the experiment <paramref name="id"/> (or all), records each in <c>results.json</c>, prints the table.</summary>
    public static int RunExperiments(IReadOnlyList<Experiment> experiments, string id, RunOptions options, TextWriter output)
    {
        var chosen = string.Equals(id, "all", StringComparison.OrdinalIgnoreCase)
            ? experiments
            : experiments.Where(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            output.WriteLine($"error: no experiment '{id}'; known: {string.Join(", ", experiments.Select(e => e.Id))}, all");
            return 2;
        }

        var context = new ExperimentContext(options, output);
        string resultsPath = context.OutPath(ResultsFile.FileName);
        var entries = new List<ResultEntry>();
        bool failed = false;
        foreach (var experiment in chosen)
        {
            output.WriteLine();
            output.WriteLine($"=== {experiment.Id}: {experiment.Title}{(options.Quick ? " [--quick]" : "")}");
            output.WriteLine($"    reference: {experiment.Reference}");
            var clock = Stopwatch.StartNew();
            ExperimentResult result;
            try
            {
                result = experiment.Run(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One broken experiment should not hide the results of the others; the exit code still says it failed.
                output.WriteLine($"{experiment.Id} FAILED after {clock.Elapsed.TotalSeconds:F1} s: {e.GetType().Name}: {e.Message}");
                failed = true;
                continue;
            }
            double seconds = clock.Elapsed.TotalSeconds;
            foreach (var (name, value) in result.Metrics.Where(m => !double.IsFinite(m.Value)))
                output.WriteLine($"WARNING: {experiment.Id}: metric {name} is {value}");
            var entry = new ResultEntry(experiment.Id, experiment.Title, result.Data.Source, result.Data.Path, result.Metrics,
                result.Epochs, Math.Round(seconds, 2), experiment.Reference, options.Quick, options.Seed);
            entries.Add(entry);
            ResultsFile.Merge(resultsPath, [entry]);
            output.WriteLine($"{experiment.Id} done in {seconds:F1} s");
        }

        output.WriteLine();
        ResultsTable.Write(entries, output);
        output.WriteLine($"results: {resultsPath}");
        return failed ? 1 : 0;
    }
}
