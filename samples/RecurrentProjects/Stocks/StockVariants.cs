using System.Globalization;
using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.RecurrentProjects.Stocks;

/// <summary>
/// The project's variations on E1's LSTM, each trained with early stopping and compared on the test windows: a row
/// per variant with its epochs, test MSE and MAPE, and Pearson's r per stock.
/// </summary>
public abstract class StockVariants : StockExperiment
{
    /// <summary>The variants: a label, the network, the optimizer, the loss.</summary>
    protected abstract IEnumerable<(string Label, Func<Sequential> Model, Func<Optimizer> Optimizer, string Loss)>
        Variants();

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        var data = Load(context);
        var metrics = new Dictionary<string, double>();
        var table = new TextTable("variant", "epochs", "test MSE", "test MAPE %", "r GOOG", "r AAPL", "train s");
        foreach (var (label, model, optimizer, loss) in Variants())
        {
            Session.SetRandomSeed((ulong)context.Seed);
            var trained = Train(context, data, label, model(), optimizer(), loss, earlyStopping: true);
            var r = PearsonPerStock(trained.Model, data);
            string key = label.Replace(' ', '_').Replace("=", "");
            Record(metrics, key, trained);
            metrics[$"{key}_r_goog"] = r[0];
            metrics[$"{key}_r_aapl"] = r[1];
            table.Add(label, trained.Epochs.ToString(CultureInfo.InvariantCulture), F(trained.Test["mse"]),
                F(trained.Test["mape"]), r[0].ToString("0.00000", CultureInfo.InvariantCulture),
                r[1].ToString("0.00000", CultureInfo.InvariantCulture), trained.Seconds.ToString("0"));
        }
        table.Write(context.Output);
        return new ExperimentResult(data.Origin, metrics, 0);
    }
}

/// <summary>E2: the LSTM trained with MSE and with MAPE as its loss (Adam 1e-4).</summary>
public sealed class StockLosses : StockVariants
{
    /// <inheritdoc/>
    public override string Id => "E2";
    /// <inheritdoc/>
    public override string Title => "Stocks: E1's LSTM trained with MSE vs with MAPE as the loss; both metrics and " +
                                    "Pearson r per stock";
    /// <inheritdoc/>
    public override string Reference => "MSE-trained: MSE 80.8, MAPE 2.59, r 0.99908 / 0.99622; MAPE-trained: " +
                                        "MSE 141.4, MAPE 1.89, r 0.99799 / 0.99823";

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<Sequential>, Func<Optimizer>, string)> Variants() =>
    [
        ("loss mse", () => Build(CellKind.Lstm), () => new Adam(1e-4), "mse"),
        ("loss mape", () => Build(CellKind.Lstm), () => new Adam(1e-4), "mape"),
    ];
}

/// <summary>E3: the LSTM with Adam, Adagrad and RMSprop at their default learning rate, 1e-3 (loss MSE).</summary>
public sealed class StockOptimizers : StockVariants
{
    /// <inheritdoc/>
    public override string Id => "E3";
    /// <inheritdoc/>
    public override string Title => "Stocks: E1's LSTM with Adam vs Adagrad vs RMSprop at 1e-3";
    /// <inheritdoc/>
    public override string Reference => "Adagrad > Adam > RMSprop (Adagrad stopped at epochs 21/19/28)";

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<Sequential>, Func<Optimizer>, string)> Variants() =>
    [
        ("adam", () => Build(CellKind.Lstm), () => new Adam(1e-3), "mse"),
        ("adagrad", () => Build(CellKind.Lstm), () => new Adagrad(1e-3), "mse"),
        ("rmsprop", () => Build(CellKind.Lstm), () => new RmsProp(1e-3), "mse"),
    ];
}

/// <summary>E4: the LSTM with recurrent_dropout 0, 0.01, 0.05 and 0.2 (Adam 1e-4, loss MSE).</summary>
public sealed class StockRecurrentDropout : StockVariants
{
    /// <inheritdoc/>
    public override string Id => "E4";
    /// <inheritdoc/>
    public override string Title => "Stocks: E1's LSTM with recurrent_dropout 0 / 0.01 / 0.05 / 0.2";
    /// <inheritdoc/>
    public override string Reference => "0 → 0.01: MSE 109.7 → 93.6, MAPE 3.99 → 2.00; 0.05 and 0.2 worse than 0";

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<Sequential>, Func<Optimizer>, string)> Variants() =>
        new[] { 0.0, 0.01, 0.05, 0.2 }.Select(rate => (
            $"recurrent_dropout {rate.ToString(CultureInfo.InvariantCulture)}",
            (Func<Sequential>)(() => Build(CellKind.Lstm, rate)), (Func<Optimizer>)(() => new Adam(1e-4)), "mse"));
}
