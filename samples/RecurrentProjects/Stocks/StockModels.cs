using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.RecurrentProjects.Stocks;

/// <summary>
/// E1: the three recurrent networks of the project on the stock windows, Adam lr 1e-4, loss MSE, under both of its
/// protocols (5 epochs; early stopping), with test MSE, MAPE and training time per model, the curves, and the
/// predicted against the actual test prices.
/// </summary>
public sealed class StockModels : StockExperiment
{
    /// <inheritdoc/>
    public override string Id => "E1";
    /// <inheritdoc/>
    public override string Title => "Stocks: {SimpleRNN, GRU, LSTM}(512) → Dense head on 30-day GOOG/AAPL windows, " +
                                    "Adam 1e-4, MSE; 5 epochs and early stopping";
    /// <inheritdoc/>
    public override string Reference => "params 428,162 / 957,058 / 1,219,202; early stopping: LSTM MSE 86.9 / MAPE " +
                                        "2.18 %, GRU 94.5 / 1.99 %, SimpleRNN 132.1 / 3.30 %";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        var data = Load(context);
        var metrics = new Dictionary<string, double>();
        var table = new TextTable("model", "protocol", "params", "epochs", "test MSE", "test MAPE %", "train s");
        foreach (var (cell, label) in new[] { (CellKind.SimpleRnn, "simple_rnn"), (CellKind.Gru, "gru"),
                     (CellKind.Lstm, "lstm") })
            foreach (bool early in new[] { false, true })
            {
                Session.SetRandomSeed((ulong)context.Seed);
                var model = Build(cell);
                if (cell == CellKind.Lstm && !early) model.Summary(context.Output);
                string protocol = early ? "early stopping" : "5 epochs";
                var trained = Train(context, data, $"{label}, {protocol}", model, new Adam(1e-4), "mse", early);
                string key = $"{label}_{(early ? "early" : "5ep")}";
                Record(metrics, key, trained);
                metrics[$"{key}_seconds"] = trained.Seconds;
                metrics[$"{label}_params"] = model.CountParams();
                table.Add(label, protocol, model.CountParams().ToString("N0"), trained.Epochs.ToString(),
                    F(trained.Test["mse"]), F(trained.Test["mape"]), trained.Seconds.ToString("0"));
                if (!early) continue;
                foreach (string png in HistoryPlots.Save(trained.History, context.OutDir, $"E1_{label}", "mse",
                             "mape"))
                    context.Output.WriteLine($"plot: {png}");
                context.Output.WriteLine("plot: " + PlotPredictions(context, data, trained, $"E1_{label}_test.png"));
            }
        table.Write(context.Output);
        return new ExperimentResult(data.Origin, metrics, 0);
    }
}
