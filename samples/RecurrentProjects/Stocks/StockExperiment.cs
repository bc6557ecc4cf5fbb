using System.Diagnostics;
using System.Globalization;
using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.RecurrentProjects.Stocks;

/// <summary>
/// What the stock experiments (E1–E4) share: the data of <see cref="StockData"/>, the project's network, and its
/// training: batch 8, validation_split 0.1, metrics MSE and MAPE, either 5 epochs or early stopping on val_loss
/// (patience 3, best weights restored), then the test windows.
/// </summary>
public abstract class StockExperiment : Experiment
{
    /// <summary>The project's batch size.</summary>
    public const int BatchSize = 8;

    /// <summary>The most epochs an early-stopping run may take (the project stopped between 10 and 28).</summary>
    public const int MaxEpochs = 50;

    /// <summary>
    /// The project's network: {SimpleRNN, GRU, LSTM}(512, dropout 0.1) → Dense(256, relu) → Dropout(0.1) →
    /// Dense(128, relu) → Dense(2), on windows (30, 2). The GRU is TF2's (reset_after true), as the project's was:
    /// 428,162 / 957,058 / 1,219,202 parameters.
    /// </summary>
    /// <remarks>
    /// The input dropout is drawn as the project's TF2 drew it: its LSTM and GRU run the fused path, one mask per
    /// element of the window shared by the gates, unless recurrent_dropout &gt; 0 (E4), which sends them to the cell
    /// loop and its time-constant masks; a SimpleRNN always runs its cell. The difference matters here: with
    /// time-constant masks on these unscaled prices the networks learned the 1/0.9 gain of the kept inputs and
    /// predicted ≈ 10 % low in inference (README, E1).
    /// </remarks>
    public static Sequential Build(CellKind cell, double recurrentDropout = 0)
    {
        var masks = cell != CellKind.SimpleRnn && recurrentDropout == 0
            ? InputDropoutMask.PerElement
            : InputDropoutMask.TimeConstant;
        RecurrentLayer recurrent = cell switch
        {
            CellKind.SimpleRnn => new SimpleRnn(512, dropout: 0.1, recurrentDropout: recurrentDropout),
            CellKind.Gru => new Gru(512, dropout: 0.1, recurrentDropout: recurrentDropout) { InputDropoutMask = masks },
            _ => new Lstm(512, dropout: 0.1, recurrentDropout: recurrentDropout) { InputDropoutMask = masks },
        };
        return new Sequential(new InputLayer([StockData.Window, 2]), recurrent, new Dense(256, "relu"),
            new Dropout(0.1), new Dense(128, "relu"), new Dense(2));
    }

    /// <summary>One trained network and what it measured.</summary>
    /// <param name="Name">What the run is (e.g. <c>LSTM, early stopping</c>).</param>
    /// <param name="Model">The network, with its best weights under early stopping.</param>
    /// <param name="History">Its per-epoch log.</param>
    /// <param name="Test">Loss, MSE and MAPE on the test windows.</param>
    /// <param name="Seconds">Training time.</param>
    public sealed record Trained(string Name, Sequential Model, History History,
        IReadOnlyDictionary<string, double> Test, double Seconds)
    {
        /// <summary>The epochs that ran.</summary>
        public int Epochs => History.Epochs.Count;
    }

    /// <summary>The stock data of this run, loaded once and shared by the experiments of one run.</summary>
    protected static StockData Load(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Shared("stocks", () => StockData.Load(context.Options));
        context.Output.WriteLine(data.Origin.Description);
        context.Output.WriteLine($"windows {data.X.Shape} → targets {data.Y.Shape} (the target is day i + 31: the " +
                                 $"project skips one day); train {data.Split.XTrain.Shape[0]}, test " +
                                 $"{data.Split.XTest.Shape[0]}");
        return data;
    }

    /// <summary>
    /// Compiles <paramref name="model"/> with <paramref name="optimizer"/> and <paramref name="loss"/> (metrics mse
    /// and mape), trains it (5 epochs, or early stopping), prints its log and test figures, and returns them.
    /// </summary>
    protected static Trained Train(ExperimentContext context, StockData data, string name, Sequential model,
        Optimizer optimizer, string loss, bool earlyStopping)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        var output = context.Output;
        output.WriteLine($"--- {name}");
        model.Compile(optimizer, loss, ["mse", "mape"]);
        model.ProgressOutput = output;
        int epochs = earlyStopping ? context.Epochs(MaxEpochs, 2) : context.Epochs(5, 1);
        IReadOnlyList<Callback>? callbacks = earlyStopping
            ? [new EarlyStopping("val_loss", patience: 3, restoreBestWeights: true)]
            : null;
        var (x, y) = context.Quick
            ? (data.Split.XTrain.Narrow(0, 0, 40), data.Split.YTrain.Narrow(0, 0, 40))
            : (data.Split.XTrain, data.Split.YTrain);
        var clock = Stopwatch.StartNew();
        var history = model.Fit(x, y, batchSize: BatchSize, epochs: epochs, validationSplit: 0.1,
            callbacks: callbacks, verbose: 2);
        double seconds = clock.Elapsed.TotalSeconds;
        HistoryTable.Write(history, output);
        var test = model.Evaluate(data.Split.XTest, data.Split.YTest, batchSize: BatchSize);
        output.WriteLine($"{name}: test MSE {F(test["mse"])}, MAPE {F(test["mape"])} %, {history.Epochs.Count} " +
                         $"epochs in {seconds:0} s");
        return new Trained(name, model, history, test, seconds);
    }

    /// <summary>Records a trained network's test MSE and MAPE and its epochs under <paramref name="key"/>.</summary>
    protected static void Record(Dictionary<string, double> metrics, string key, Trained trained)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(trained);
        metrics[$"{key}_test_mse"] = trained.Test["mse"];
        metrics[$"{key}_test_mape"] = trained.Test["mape"];
        metrics[$"{key}_epochs"] = trained.Epochs;
    }

    /// <summary>Pearson's r between the predicted and actual test prices of each stock.</summary>
    protected static double[] PearsonPerStock(Sequential model, StockData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var predicted = model.Predict(data.Split.XTest, BatchSize).ToArray();
        var actual = data.Split.YTest.ToArray();
        return [.. Enumerable.Range(0, 2).Select(s => Pearson(
            [.. predicted.Where((_, i) => i % 2 == s).Select(v => (double)v)],
            [.. actual.Where((_, i) => i % 2 == s).Select(v => (double)v)]))];
    }

    /// <summary>Pearson's correlation coefficient of two equally long samples.</summary>
    public static double Pearson(double[] a, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length != b.Length || a.Length < 2)
            throw new ArgumentException($"pearson: needs two samples of the same length ≥ 2, got {a.Length} and " +
                                        $"{b.Length}");
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>The predicted and actual test prices of both stocks, in date order, as a PNG.</summary>
    protected static string PlotPredictions(ExperimentContext context, StockData data, Trained trained, string file)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trained);
        var predicted = trained.Model.Predict(data.Split.XTest, BatchSize).ToArray();
        var actual = data.Split.YTest.ToArray();
        var order = Enumerable.Range(0, data.Split.TestRows.Length).OrderBy(i => data.Split.TestRows[i]).ToArray();
        double[] days = [.. order.Select(i => (double)data.Split.TestRows[i] + StockData.TargetOffset)];
        var plot = new ScottPlot.Plot();
        for (int s = 0; s < 2; s++)
        {
            int stock = s;
            var real = plot.Add.Scatter(days, [.. order.Select(i => (double)actual[i * 2 + stock])]);
            real.LegendText = $"{StockData.Symbols[s]} actual";
            real.MarkerSize = 0;
            var guess = plot.Add.Scatter(days, [.. order.Select(i => (double)predicted[i * 2 + stock])]);
            guess.LegendText = $"{StockData.Symbols[s]} predicted";
            guess.LineWidth = 0;
            guess.MarkerSize = 4;
        }
        plot.Title($"{trained.Name}: test closes, predicted and actual");
        plot.XLabel("trading day since 2010-01-04");
        plot.YLabel("close (USD)");
        plot.ShowLegend();
        return PlotFiles.SavePng(plot, context.OutPath(file), 900, 500);
    }

    /// <summary>Four decimals, invariant.</summary>
    protected static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
