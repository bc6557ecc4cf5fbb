using DeepSeq.Data;
using DeepSeq.Data.DataSets;
using DeepSeq.Data.Loaders;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.RecurrentProjects.Stocks;

/// <summary>
/// The project's stock data: the <c>Close</c> prices of GOOG and AAPL from 2010-01-04 to 2018-12-31, a (2264, 2)
/// series, <b>not scaled</b>; windows of 30 days with the target the row at i + 31, and the shuffled 10 % test split.
/// </summary>
/// <remarks>
/// <para>The project's code builds <c>X.append(data[i:i+30]); y.append(data[i+31])</c> for i below n − 31, so the
/// day right after a window (i + 30) is skipped and the target is the one after it: 2,233 windows of the 2,264
/// days. We keep that one-day skip, as the reference numbers come from it.</para>
/// <para>AAPL is put back on the project's share basis: its files predate Apple's 4:1 split of 2020-08-31, while
/// the Yahoo export here (2020-12) is adjusted for it, so its 2010–2018 closes are a quarter of the project's (7.64
/// on 2010-01-04 against 30.57). The prices are not scaled for the network, so the basis matters: at a quarter of
/// the size, AAPL's errors weigh a quarter as much in the MSE loss and four times as much in MAPE. We multiply them
/// by <see cref="AaplSplit2020"/> and say so in the output.</para>
/// <para>The split is scikit-learn's <c>train_test_split(test_size=0.1, random_state=42)</c> in its sizes (2,009 /
/// 224); which windows land where cannot be NumPy's (see <see cref="TrainTestSplit"/>). Training then holds out its
/// last 10 % for validation (Keras's <c>validation_split=0.1</c>).</para>
/// </remarks>
public sealed class StockData
{
    /// <summary>The project's dates and sizes.</summary>
    public static readonly DateOnly First = new(2010, 1, 4), Last = new(2018, 12, 31);

    /// <summary>Days per window, and how far after a window's first day its target lies.</summary>
    public const int Window = 30, TargetOffset = 31;

    /// <summary>Apple's split of 2020-08-31, which the Yahoo export applies to every earlier price.</summary>
    public const int AaplSplit2020 = 4;

    /// <summary>The seed of the split (<c>random_state=42</c>).</summary>
    public const ulong SplitSeed = 42;

    private StockData(double[,] closes, DataOrigin origin)
    {
        Closes = closes;
        Origin = origin;
        (X, Y) = Windows(closes);
        Split = HeldOutSplit.Of(X, Y, 0.1, SplitSeed);
    }

    /// <summary>The two stocks, in column order.</summary>
    public static readonly string[] Symbols = ["GOOG", "AAPL"];

    /// <summary>The closes, (days, 2).</summary>
    public double[,] Closes { get; }
    /// <summary>Real or SYNTHETIC, and which files.</summary>
    public DataOrigin Origin { get; }
    /// <summary>Every window (2233, 30, 2) and its target (2233, 2).</summary>
    public Tensor<float> X { get; }
    /// <inheritdoc cref="X"/>
    public Tensor<float> Y { get; }
    /// <summary>The training part (2,009 windows) and the test part (224); <see cref="HeldOutSplit.TestRows"/> says
    /// which window (its first day) each test row is.</summary>
    public HeldOutSplit Split { get; }

    /// <summary>The windows of a (days, stocks) series: x[i] = rows i … i + 29, y[i] = row i + 31, for i below
    /// days − 31.</summary>
    public static (Tensor<float> X, Tensor<float> Y) Windows(double[,] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        int days = series.GetLength(0), stocks = series.GetLength(1), count = days - TargetOffset;
        if (count < 1)
            throw new ArgumentException($"stock windows: {days} days leave no window of {Window} with a target " +
                                        $"{TargetOffset} days on");
        var x = new float[count * Window * stocks];
        var y = new float[count * stocks];
        for (int i = 0; i < count; i++)
            for (int s = 0; s < stocks; s++)
            {
                for (int t = 0; t < Window; t++) x[(i * Window + t) * stocks + s] = (float)series[i + t, s];
                y[i * stocks + s] = (float)series[i + TargetOffset, s];
            }
        return (Tensor.FromArray(x, new Shape(count, Window, stocks)), Tensor.FromArray(y, new Shape(count, stocks)));
    }

    /// <summary>Loads both stocks from a data root, or makes a SYNTHETIC pair of random walks of the same length.
    /// </summary>
    public static StockData Load(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (DataFiles.Find("stocks", options, out string why) is not { } files)
        {
            return new StockData(RandomWalks(2264, DataSets.SyntheticSeed),
                new DataOrigin("stocks", true, null,
                    $"Stocks: SYNTHETIC stand-in ({why}): two seeded random walks of 2,264 days, NOT real prices"));
        }
        if (!files.Select(Path.GetFileNameWithoutExtension).SequenceEqual(Symbols))
            throw new InvalidOperationException($"stocks: expected {string.Join(", ", Symbols)}, found " +
                                                string.Join(", ", files.Select(Path.GetFileName)));
        var prices = files.Select(f => StockPrices.Load(f).Between(First, Last)).ToArray();
        if (prices[0].Count != prices[1].Count || !prices[0].Dates.SequenceEqual(prices[1].Dates))
            throw new InvalidDataException($"{files[0]} and {files[1]}: the two stocks do not share their trading days " +
                                           $"between {First} and {Last} ({prices[0].Count} and {prices[1].Count})");
        var closes = new double[prices[0].Count, 2];
        for (int s = 0; s < 2; s++)
            for (int d = 0; d < prices[s].Count; d++)
                closes[d, s] = prices[s].Close[d] * (Symbols[s] == "AAPL" ? AaplSplit2020 : 1);
        return new StockData(closes, new DataOrigin("stocks", false, files[0],
            $"Stocks: real Yahoo daily closes of GOOG and AAPL ({DataSetInfo.Show(files[0])}, " +
            $"{Path.GetFileName(files[1])}), {First:yyyy-MM-dd} to {Last:yyyy-MM-dd}: {prices[0].Count} days, " +
            $"not scaled; AAPL × {AaplSplit2020}, undoing Apple's 2020 split to match the project's pre-2020 files"));
    }

    /// <summary>Geometric random walks starting at 300 and 30, like the two stocks' 2010 prices.</summary>
    private static double[,] RandomWalks(int days, int seed)
    {
        var random = new Random(seed);
        var series = new double[days, 2];
        double[] price = [300, 30];
        for (int d = 0; d < days; d++)
            for (int s = 0; s < 2; s++)
            {
                price[s] *= Math.Exp(0.0004 + 0.015 * (random.NextDouble() * 2 - 1));
                series[d, s] = price[s];
            }
        return series;
    }
}
