using System.Diagnostics;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.TextAndSequences.Weather;

/// <summary>
/// What the chapter's forecasting models (B9–B17) share: the windows of <see cref="WeatherData"/>, a network from
/// <see cref="Build"/> compiled with RMSprop (Keras defaults) and the mean absolute error, <see cref="Epochs"/> epochs
/// of 500 shuffled training batches, the book's validation steps after each, and the result measured against the
/// common-sense baseline (<see cref="CommonSenseBaseline"/>): the best validation MAE, in standardised units and in
/// °C, and its ratio to the baseline's, which is what carries over between Jena and the Beijing stand-in.
/// </summary>
public abstract class WeatherExperiment : Experiment
{
    /// <summary>Training batches per epoch, the book's <c>steps_per_epoch</c>.</summary>
    public const int StepsPerEpoch = 500;

    /// <summary>The book's epoch count: 20, or 40 for the models with dropout.</summary>
    public virtual int Epochs => 20;

    /// <summary>Whether every window runs backwards in time (B13).</summary>
    public virtual bool Reversed => false;

    /// <summary>Whether the model reads B17's higher-resolution windows.</summary>
    public virtual bool HigherResolution => false;

    /// <summary>The book's parameter count on Jena's 14 columns (the Beijing stand-in has 11, so fewer).</summary>
    public abstract long JenaParams { get; }

    /// <summary>The network for windows of <paramref name="timesteps"/> × <paramref name="features"/>, uncompiled.
    /// </summary>
    public abstract Sequential Build(int timesteps, int features);

    /// <summary>The weather of this run, loaded once per resolution and shared by the experiments of one run.</summary>
    internal static WeatherData Load(ExperimentContext context, bool higherResolution) =>
        context.Shared($"weather-{higherResolution}", () => WeatherData.Load(context.Options, higherResolution));

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var weather = Load(context, HigherResolution);
        output.WriteLine(weather.Origin.Description);
        output.WriteLine($"windows ({weather.Timesteps}, {weather.Features}): lookback {weather.Lookback}, step " +
                         $"{weather.Step}, delay {weather.Delay}" + (Reversed ? ", each window reversed" : ""));
        var standard = Load(context, higherResolution: false);
        double baseline = CommonSenseBaseline.SharedValidationMae(context, standard);

        Session.SetRandomSeed((ulong)context.Seed);
        var model = Build(weather.Timesteps, weather.Features);
        model.Compile(new RmsProp(), "mae");
        model.ProgressOutput = output;
        model.Summary(output);
        if (weather.IsJena && model.CountParams() != JenaParams)
            throw new InvalidOperationException(
                $"{Id}: the network has {model.CountParams():N0} parameters, the book's has {JenaParams:N0}");
        int epochs = context.Epochs(Epochs, 1);
        int steps = context.Quick ? 5 : StepsPerEpoch;
        int validationSteps = context.Quick ? Math.Min(3, weather.ValidationSteps) : weather.ValidationSteps;
        var clock = Stopwatch.StartNew();
        var history = model.Fit(weather.Training(Reversed), steps, epochs, weather.Validation(Reversed),
            validationSteps, verbose: 2);
        double secondsPerEpoch = clock.Elapsed.TotalSeconds / epochs;
        HistoryTable.Write(history, output);
        var validation = history["val_loss"];
        int best = Enumerable.Range(0, validation.Count).MinBy(i => validation[i]);
        double ratio = validation[best] / baseline;
        output.WriteLine($"Best validation MAE {CommonSenseBaseline.F(validation[best])} at epoch {best + 1} = " +
                         $"{CommonSenseBaseline.F(validation[best] * weather.DegreesPerUnit)} °C; baseline " +
                         $"{CommonSenseBaseline.F(baseline)}; ratio {ratio:0.000}; {secondsPerEpoch:0.0} s per epoch");
        foreach (string png in HistoryPlots.Save(history, context.OutDir, Id, "loss"))
            output.WriteLine($"plot: {png}");
        var metrics = new Dictionary<string, double>
        {
            ["params"] = model.CountParams(),
            ["val_mae"] = validation[^1],
            ["best_val_mae"] = validation[best],
            ["best_epoch"] = best + 1,
            ["best_val_mae_degrees"] = validation[best] * weather.DegreesPerUnit,
            ["baseline_val_mae"] = baseline,
            ["ratio_to_baseline"] = ratio,
            ["seconds_per_epoch"] = secondsPerEpoch,
        };
        return new ExperimentResult(weather.Origin, metrics, epochs);
    }

    /// <summary>A sequential network on windows of <paramref name="timesteps"/> × <paramref name="features"/>.
    /// </summary>
    protected static Sequential Network(int timesteps, int features, params Layer[] layers) =>
        new([new InputLayer([timesteps, features]), .. layers]);
}
