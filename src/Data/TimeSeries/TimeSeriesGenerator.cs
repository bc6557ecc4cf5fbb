namespace DeepSeq.Data.TimeSeries;

/// <summary>
/// Cuts a time series into (window, future value) training pairs: the <c>generator</c> of Chollet's
/// <i>Deep Learning with Python</i> §6.3.2, and its normalisation.
/// </summary>
public static class TimeSeriesGenerator
{
    /// <summary>
    /// Yields batches of windows of <paramref name="data"/> and the value of <paramref name="targetColumn"/>
    /// <paramref name="delay"/> rows after each window: the book's
    /// <c>generator(data, lookback, delay, min_index, max_index, shuffle, batch_size, step)</c>.
    /// </summary>
    /// <remarks>
    /// <para>The book's row arithmetic, exactly (N = rows of <paramref name="data"/>):</para>
    /// <code>
    /// max_index = max_index ?? N − delay − 1
    /// i = min_index + lookback
    /// forever:
    ///   shuffle:   rows = batch_size draws, uniform over [min_index + lookback, max_index)   (np.random.randint)
    ///   otherwise: if i + batch_size ≥ max_index: i = min_index + lookback                             (wrap around)
    ///              rows = i, i+1, …, min(i + batch_size, max_index) − 1;   i += len(rows)
    ///   samples[j] = data[rows[j] − lookback], data[rows[j] − lookback + step], …, data[rows[j] − step]
    ///                (lookback / step rows)
    ///   targets[j] = data[rows[j] + delay][targetColumn]
    /// </code>
    /// <para>Consequences of the book's wrap-around, kept on purpose so that step counts match the book: the wrap
    /// happens when a <em>full</em> batch would reach <c>max_index</c>, so the rows near the end of the range that do
    /// not fill a whole batch are never visited, and every batch is full, except when the whole range is shorter than
    /// one batch: then every batch is that same short range. Row <c>max_index</c> itself is never a row (both
    /// branches exclude it), so the last target read is row <c>max_index − 1 + delay</c>.</para>
    /// <para>The sequence is infinite, as in Keras' <c>fit_generator</c>: take what you need
    /// (<c>.Take(steps)</c>). It is lazy: each batch is built when it is asked for. Enumerating it again starts again
    /// at <c>min_index + lookback</c>; shuffled rows keep drawing from <paramref name="generator"/>, so a second
    /// enumeration gives new rows, and only a new <c>Generator(seed)</c> repeats the old ones.</para>
    /// <para><paramref name="reverse"/> reverses each sample's time axis (the book's §6.3.8,
    /// <c>samples[:, ::-1, :]</c>): sample j then starts at row <c>rows[j] − step</c> and ends at
    /// <c>rows[j] − lookback</c>.</para>
    /// <para>Shapes: samples (batch, lookback / step, features), targets (batch). Arguments are checked when the method
    /// is called, not at the first batch.</para>
    /// </remarks>
    /// <param name="data">The series, (rows, features), usually standardised with <see cref="Standardize"/>.</param>
    /// <param name="targetColumn">The column to predict (the book hard-codes 1, the temperature of Jena).</param>
    /// <param name="lookback">How many rows back a window reaches (book: 1440 = 10 days of 10-minute rows); a multiple
    /// of <paramref name="step"/>.</param>
    /// <param name="delay">How many rows after the window's end the target lies (book: 144 = 24 hours).</param>
    /// <param name="minIndex">The first row the windows may read (book: 0 for training, 200001 for validation).</param>
    /// <param name="maxIndex">The end of the rows windows end at (exclusive); null (the book's <c>None</c>) means
    /// <c>N − delay − 1</c>.</param>
    /// <param name="shuffle">Default false: consecutive rows, wrapping around. True: random rows (for
    /// training).</param>
    /// <param name="batchSize">Samples per batch; default 128, as the book.</param>
    /// <param name="step">Keep every step-th row of a window; default 6 (hourly from 10-minute rows), as the
    /// book.</param>
    /// <param name="generator">The seeded source of shuffled rows (<c>new Generator(seed)</c>); required when
    /// shuffling.</param>
    /// <param name="reverse">Default false. True: each sample runs backwards in time.</param>
    public static IEnumerable<TimeSeriesBatch> Generate(
        float[,] data, int targetColumn, int lookback, int delay, int minIndex = 0, int? maxIndex = null,
        bool shuffle = false, int batchSize = 128, int step = 6, Generator? generator = null, bool reverse = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.GetLength(0), features = data.GetLength(1);
        int max = maxIndex ?? n - delay - 1;
        if (targetColumn < 0 || targetColumn >= features)
            throw new ArgumentOutOfRangeException(nameof(targetColumn),
                $"the target column {targetColumn} is not one of the {features} columns");
        if (step < 1) throw new ArgumentOutOfRangeException(nameof(step), $"step is {step}; it must be at least 1");
        if (lookback < step || lookback % step != 0)
            // The book's samples array has lookback // step rows but range(row − lookback, row, step) has
            // ⌈lookback / step⌉: numpy only agrees when step divides lookback.
            throw new ArgumentException(
                $"lookback {lookback} must be a positive multiple of step {step}", nameof(lookback));
        if (delay < 0) throw new ArgumentOutOfRangeException(nameof(delay),
            $"delay is {delay}; it must not be negative");
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize),
                $"batch size is {batchSize}; it must be at least 1");
        if (minIndex < 0)
            throw new ArgumentOutOfRangeException(nameof(minIndex),
                $"min index is {minIndex}; it must not be negative");
        if (minIndex + lookback >= max)
            throw new ArgumentException($"there are no rows to end a window at: min index {minIndex} + lookback " +
                $"{lookback} must be below max index {max}", nameof(maxIndex));
        if (max - 1 + delay >= n)
            throw new ArgumentException($"max index {max} + delay {delay} reaches past the last row ({n - 1}): the " +
                $"last target would be row {max - 1 + delay}", nameof(maxIndex));
        if (shuffle && generator is null)
            throw new ArgumentException(
                "shuffling needs a seeded generator: pass generator: new Generator(seed)", nameof(generator));

        return Batches(
            data, targetColumn, lookback, delay, minIndex, max, shuffle, batchSize, step, generator, reverse);
    }

    // The book's loop, once the arguments are known to be valid. An iterator, so nothing runs until a batch is asked
    // for.
    private static IEnumerable<TimeSeriesBatch> Batches(
        float[,] data, int targetColumn, int lookback, int delay, int minIndex, int maxIndex,
        bool shuffle, int batchSize, int step, Generator? generator, bool reverse)
    {
        int features = data.GetLength(1), length = lookback / step;
        int first = minIndex + lookback;
        int i = first;
        var draws = shuffle ? new double[batchSize] : [];
        while (true)
        {
            int[] rows;
            if (shuffle)
            {
                // np.random.randint(low, high): floor of a uniform draw over [low, high). The Min guards the one case
                // rounding could reach high (a draw just below 1 times a large range).
                generator!.Uniform<double>(draws, 0.0, 1.0);
                rows = new int[batchSize];
                for (int j = 0; j < batchSize; j++)
                    rows[j] = Math.Min(first + (int)Math.Floor(draws[j] * (maxIndex - first)), maxIndex - 1);
            }
            else
            {
                if (i + batchSize >= maxIndex) i = first;   // the book's wrap-around (see remarks)
                int count = Math.Min(i + batchSize, maxIndex) - i;
                rows = new int[count];
                for (int j = 0; j < count; j++) rows[j] = i + j;
                i += count;
            }

            var samples = new float[rows.Length, length, features];
            var targets = new float[rows.Length];
            for (int j = 0; j < rows.Length; j++)
            {
                for (int t = 0; t < length; t++)
                {
                    int source = rows[j] - lookback + t * step;
                    int position = reverse ? length - 1 - t : t;
                    for (int f = 0; f < features; f++) samples[j, position, f] = data[source, f];
                }
                targets[j] = data[rows[j] + delay, targetColumn];
            }
            yield return new TimeSeriesBatch(samples, targets, rows);
        }
    }

    /// <summary>
    /// Standardises every column in place with the mean and standard deviation of the first
    /// <paramref name="trainRows"/> rows only: <c>x ← (x − mean) / std</c>, the book's
    /// <c>mean = float_data[:200000].mean(axis=0); float_data -= mean;</c>
    /// <c>std = float_data[:200000].std(axis=0); float_data /= std</c>.
    /// </summary>
    /// <remarks>
    /// <para>Only the training rows are measured, so nothing about the validation and test periods leaks into the
    /// model's inputs; all rows are rescaled with those numbers, so the three periods share one scale.</para>
    /// <para>std is the population standard deviation (divide by n, numpy's default <c>ddof=0</c>). Sums are in
    /// double: 200,000 float additions would lose digits. A column that is constant over the training rows (std 0)
    /// is only centred, not divided, as scikit-learn's <c>StandardScaler</c> does: dividing by 0 would fill it with
    /// NaN and ±∞.</para>
    /// </remarks>
    /// <param name="data">(rows, features); overwritten.</param>
    /// <param name="trainRows">How many leading rows are the training period (book: 200000); 1 to rows.</param>
    /// <returns>The mean and the std used, one per column (std 0 where the column was only centred).</returns>
    public static (float[] Mean, float[] Std) Standardize(float[,] data, int trainRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.GetLength(0), features = data.GetLength(1);
        if (trainRows < 1 || trainRows > n)
            throw new ArgumentOutOfRangeException(nameof(trainRows),
                $"train rows is {trainRows}; it must be between 1 and the {n} rows");

        var mean = new float[features];
        var std = new float[features];
        for (int f = 0; f < features; f++)
        {
            double sum = 0;
            for (int r = 0; r < trainRows; r++) sum += data[r, f];
            double m = sum / trainRows;
            double squares = 0;
            // two passes: no E[x²] − E[x]² cancellation
            for (int r = 0; r < trainRows; r++) { double d = data[r, f] - m; squares += d * d; }
            double s = Math.Sqrt(squares / trainRows);
            double scale = s > 0 ? s : 1.0;
            for (int r = 0; r < n; r++) data[r, f] = (float)((data[r, f] - m) / scale);
            mean[f] = (float)m;
            std[f] = (float)s;
        }
        return (mean, std);
    }
}
