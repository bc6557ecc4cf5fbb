using DeepSeq.Data.DataSets;
using DeepSeq.Data.TimeSeries;
using DeepSeq.Layers;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.TextAndSequences.Weather;

/// <summary>
/// The forecasting data of B8–B17, standardised and cut into the book's windows: the Jena climate record when a data
/// root holds <c>jena_climate/jena_climate_2009_2016.csv</c>, else the real Beijing PM2.5 record (the stand-in
/// ../shared has), else a SYNTHETIC Beijing-shaped series.
/// </summary>
/// <remarks>
/// <para>Jena, the book's §6.3 exactly: 10-minute rows, lookback 1440 (10 days), step 6 (hourly), delay 144
/// (24 h); training rows 0–200,000, validation 200,001–300,000, test 300,001–end; every column standardised with the
/// training rows' mean and std; B17's higher resolution is lookback 720, step 3.</para>
/// <para>Beijing: the rows are hourly already, so lookback 240 (10 days), step 1, delay 24 (24 h), and the same
/// split by time in halves and quarters (training rows 0 to N/2, validation N/2 + 1 to 3N/4, test the rest). B17's
/// "higher resolution" is the native hourly rate, the same windows as the others: there is nothing finer.</para>
/// <para>Validation and test steps are the book's: <c>(max_index − min_index − lookback) // batch_size</c>.</para>
/// </remarks>
public sealed class WeatherData
{
    /// <summary>Windows per batch, as the book's generators.</summary>
    public const int BatchSize = 128;

    private WeatherData(WeatherTable table, DataOrigin origin, bool jena, bool higherResolution, int seed)
    {
        Table = table;
        Origin = origin;
        IsJena = jena;
        int n = table.RowCount;
        (TrainEnd, ValidationStart, ValidationEnd, TestStart) = jena
            ? (200_000, 200_001, 300_000, 300_001)
            : (n / 2, n / 2 + 1, 3 * n / 4, 3 * n / 4 + 1);
        (Lookback, Step, Delay) = (jena, higherResolution) switch
        {
            (true, false) => (1440, 6, 144),
            (true, true) => (720, 3, 144),
            _ => (240, 1, 24),
        };
        Data = (float[,])table.Values.Clone();
        (Mean, Std) = TimeSeriesGenerator.Standardize(Data, TrainEnd);
        Target = table.ColumnIndex(jena ? "T (degC)" : "TEMP");
        Seed = seed;
    }

    /// <summary>The loaded table, as read (not standardised).</summary>
    public WeatherTable Table { get; }
    /// <summary>Real (Jena or Beijing) or SYNTHETIC, and which file.</summary>
    public DataOrigin Origin { get; }
    /// <summary>Whether this is the book's own Jena record.</summary>
    public bool IsJena { get; }
    /// <summary>The standardised series (rows, features).</summary>
    public float[,] Data { get; }
    /// <summary>The training rows' mean and std of every column.</summary>
    public float[] Mean { get; }
    /// <inheritdoc cref="Mean"/>
    public float[] Std { get; }
    /// <summary>The temperature column, the target.</summary>
    public int Target { get; }
    /// <summary>The window geometry.</summary>
    public int Lookback { get; }
    /// <inheritdoc cref="Lookback"/>
    public int Step { get; }
    /// <inheritdoc cref="Lookback"/>
    public int Delay { get; }
    /// <summary>The split by time: training rows [0, TrainEnd), validation [ValidationStart, ValidationEnd), test
    /// [TestStart, end).</summary>
    public int TrainEnd { get; }
    /// <inheritdoc cref="TrainEnd"/>
    public int ValidationStart { get; }
    /// <inheritdoc cref="TrainEnd"/>
    public int ValidationEnd { get; }
    /// <inheritdoc cref="TrainEnd"/>
    public int TestStart { get; }
    /// <summary>The seed of the shuffled training windows.</summary>
    public int Seed { get; }

    /// <summary>Steps of a window: lookback / step.</summary>
    public int Timesteps => Lookback / Step;
    /// <summary>Columns of a window.</summary>
    public int Features => Data.GetLength(1);
    /// <summary>The std of the temperature: a normalised MAE times this is °C.</summary>
    public double DegreesPerUnit => Std[Target];

    /// <summary>The book's <c>val_steps</c>.</summary>
    public int ValidationSteps => (ValidationEnd - ValidationStart - Lookback) / BatchSize;
    /// <summary>The book's <c>test_steps</c>.</summary>
    public int TestSteps => (Table.RowCount - TestStart - Lookback) / BatchSize;

    /// <summary>
    /// Loads the weather: Jena when found under the data roots, else Beijing PM2.5, else SYNTHETIC (two years of
    /// hourly rows; one in a <c>--quick</c> run). <paramref name="higherResolution"/> picks B17's windows.
    /// </summary>
    public static WeatherData Load(RunOptions options, bool higherResolution)
    {
        ArgumentNullException.ThrowIfNull(options);
        string searched = "";
        var roots = SearchRoots.For(options.DataDir);
        if (!options.Synthetic)
        {
            if (DataSets.FindFiles("jena_climate", roots, out _, out searched) is { } jena)
                return new WeatherData(JenaClimate.Load(jena[0]),
                    new DataOrigin("jena_climate", false, jena[0],
                        $"Jena climate: real 10-minute rows from {DataSetInfo.Show(jena[0])} (the book's data)"),
                    true, higherResolution, options.Seed);
            if (DataSets.FindFiles("beijing_pm25", roots, out _, out searched) is { } beijing)
                return new WeatherData(BeijingPm25.Load(beijing[0]),
                    new DataOrigin("beijing_pm25", false, beijing[0],
                        $"Beijing PM2.5: real hourly rows from {DataSetInfo.Show(beijing[0])}, the stand-in for the " +
                        "Jena climate file, which is not here (lookback 240 h, step 1, delay 24 h, split 50/25/25 " +
                        "by time; target TEMP)"),
                    false, higherResolution, options.Seed);
        }
        string why = options.Synthetic ? "--synthetic given" : $"no data found under {searched}";
        int rows = options.Quick ? 24 * 365 : 2 * 24 * 365;
        return new WeatherData(SyntheticWeather.Beijing(rows, DataSets.SyntheticSeed),
            new DataOrigin("beijing_pm25", true, null,
                $"Weather: SYNTHETIC Beijing-shaped stand-in ({why}): {rows} generated hourly rows, NOT real data"),
            false, higherResolution, options.Seed);
    }

    /// <summary>Shuffled training windows, forever (the book's <c>train_gen</c>), from a generator seeded with
    /// <see cref="Seed"/>.</summary>
    public IEnumerable<TensorDataset<float>> Training(bool reverse = false) =>
        Batches(0, TrainEnd, shuffle: true, reverse);

    /// <summary>Consecutive validation windows (the book's <c>val_gen</c>); take <see cref="ValidationSteps"/>.
    /// </summary>
    public IEnumerable<TensorDataset<float>> Validation(bool reverse = false) =>
        Batches(ValidationStart, ValidationEnd, shuffle: false, reverse);

    /// <summary>Consecutive test windows (the book's <c>test_gen</c>); take <see cref="TestSteps"/>.</summary>
    public IEnumerable<TensorDataset<float>> Test(bool reverse = false) =>
        Batches(TestStart, null, shuffle: false, reverse);

    /// <summary>The raw batches of the validation period, for the baseline.</summary>
    public IEnumerable<TimeSeriesBatch> ValidationBatches() =>
        TimeSeriesGenerator.Generate(Data, Target, Lookback, Delay, ValidationStart, ValidationEnd, false,
            BatchSize, Step).Take(ValidationSteps);

    private IEnumerable<TensorDataset<float>> Batches(int min, int? max, bool shuffle, bool reverse) =>
        TimeSeriesGenerator.Generate(Data, Target, Lookback, Delay, min, max, shuffle, BatchSize, Step,
                shuffle ? new Generator((ulong)Seed) : null, reverse)
            .Select(b => new TensorDataset<float>(Tensor.FromArray<float>(b.Samples),
                Tensor.FromArray(b.Targets, new Shape(b.Count, 1))));
}
