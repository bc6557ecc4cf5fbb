using System.Globalization;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;

namespace DeepSeq.Samples.TextAndSequences.Weather;

/// <summary>
/// B8, the common-sense baseline: the temperature 24 hours from now is the temperature now (the window's last row).
/// Its validation MAE is the bar every weather model of the chapter is measured against. Also the book's two plots
/// of the temperature: the whole record and its first ten days.
/// </summary>
public sealed class CommonSenseBaseline : Experiment
{
    /// <inheritdoc/>
    public override string Id => "B8";
    /// <inheritdoc/>
    public override string Title => "Weather: the common-sense baseline (tomorrow's temperature = now's), its " +
                                    "validation MAE, and the temperature plots";
    /// <inheritdoc/>
    public override string Reference => "Jena: val MAE 0.29 (notebook 0.2897) ≈ 2.57 °C";

    /// <summary>The baseline's MAE over the validation windows, in standardised units.</summary>
    public static double ValidationMae(WeatherData weather)
    {
        ArgumentNullException.ThrowIfNull(weather);
        double sum = 0;
        long count = 0;
        foreach (var batch in weather.ValidationBatches())
        {
            int last = batch.Samples.GetLength(1) - 1;
            for (int j = 0; j < batch.Count; j++)
                sum += Math.Abs(batch.Samples[j, last, weather.Target] - batch.Targets[j]);
            count += batch.Count;
        }
        return sum / count;
    }

    /// <summary>The baseline's validation MAE on <paramref name="weather"/>, computed once per data set and shared by
    /// the weather experiments of one run.</summary>
    internal static double SharedValidationMae(ExperimentContext context, WeatherData weather) =>
        context.Shared($"baseline-{weather.Origin.Source}", () => ValidationMae(weather));

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var weather = WeatherExperiment.Load(context, higherResolution: false);
        var output = context.Output;
        output.WriteLine(weather.Origin.Description);
        double mae = SharedValidationMae(context, weather);
        output.WriteLine($"Baseline validation MAE over {weather.ValidationSteps} batches: {F(mae)} " +
                         $"(standardised) = {F(mae * weather.DegreesPerUnit)} °C");
        var temperature = Enumerable.Range(0, weather.Table.RowCount)
            .Select(r => (double)weather.Table.Values[r, weather.Target]).ToArray();
        int tenDays = 10 * 24 * 6 / (weather.IsJena ? 1 : 6);
        output.WriteLine("plot: " + Series(temperature, context.OutPath("B8_temperature.png"),
            $"{weather.Table.Columns[weather.Target]} over the whole record"));
        output.WriteLine("plot: " + Series(temperature[..tenDays], context.OutPath("B8_temperature_10_days.png"),
            $"{weather.Table.Columns[weather.Target]} over the first ten days"));
        var metrics = new Dictionary<string, double>
        {
            ["val_mae"] = mae, ["val_mae_degrees"] = mae * weather.DegreesPerUnit,
        };
        return new ExperimentResult(weather.Origin, metrics, 0);
    }

    /// <summary>A line plot of <paramref name="values"/> against their row number, as the book's.</summary>
    private static string Series(double[] values, string path, string title)
    {
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Signal(values);
        line.LineWidth = 1;
        plot.Title(title);
        plot.XLabel("row");
        plot.YLabel("°C");
        return PlotFiles.SavePng(plot, path, 800, 400);
    }

    internal static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
