using DeepSeq.Data.TimeSeries;
using Xunit;

namespace DeepSeq.Tests.Data.TimeSeries;

/// <summary>
/// The generator against the book's definition: every window is a direct slice of the data, rows follow the book's
/// arithmetic (golden row lists worked out by hand from the Python), shuffling repeats by seed, reverse reverses.
/// Random cases come from a seeded <see cref="Random"/>, 200 per property, so a failure names its case and repeats.
/// </summary>
public sealed class TimeSeriesGeneratorTests
{
    private static float[,] RandomData(Random random, int rows, int features)
    {
        var data = new float[rows, features];
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < features; f++) data[r, f] = (float)random.NextDouble() * 10 - 5;
        return data;
    }

    [Fact]
    public void EveryWindowIsADirectSliceOfTheData()
    {
        var random = new Random(1234);
        for (int c = 0; c < 200; c++)
        {
            int step = random.Next(1, 4), lookback = step * random.Next(1, 6), delay = random.Next(0, 5);
            int features = random.Next(1, 4), batch = random.Next(1, 9);
            int rows = lookback + delay + random.Next(3, 40);
            int minIndex = random.Next(0, 3);
            int? maxIndex = random.Next(2) == 0 ? null : random.Next(minIndex + lookback + 1, rows - delay + 1);
            bool shuffle = random.Next(2) == 0;
            var data = RandomData(random, rows, features);
            int target = random.Next(features);
            int max = maxIndex ?? rows - delay - 1;
            if (minIndex + lookback >= max) continue;
            string where = $"case {c}: rows {rows} step {step} lookback {lookback} delay {delay} min {minIndex} max {maxIndex?.ToString() ?? "null"} batch {batch} shuffle {shuffle}";

            foreach (var b in TimeSeriesGenerator.Generate(data, target, lookback, delay, minIndex, maxIndex, shuffle, batch, step,
                         shuffle ? new Generator((ulong)c) : null).Take(5))
            {
                Assert.True(b.Samples.GetLength(0) == b.Count && b.Samples.GetLength(1) == lookback / step && b.Samples.GetLength(2) == features, where);
                for (int j = 0; j < b.Count; j++)
                {
                    int row = b.Rows[j];
                    Assert.True(row >= minIndex + lookback && row < max, $"{where}: row {row} outside [{minIndex + lookback}, {max})");
                    for (int t = 0; t < lookback / step; t++)
                        for (int f = 0; f < features; f++)
                            Assert.True(b.Samples[j, t, f] == data[row - lookback + t * step, f], $"{where}: sample {j} step {t} feature {f}");
                    Assert.True(b.Targets[j] == data[row + delay, target], $"{where}: target {j}");
                }
            }
        }
    }

    [Fact]
    public void UnshuffledRowsFollowTheBooksArithmeticAndWrapAround()
    {
        // min 0, lookback 2, max 10, batch 3: i = 2 → rows 2,3,4; i = 5 → 5,6,7; i = 8: 8 + 3 ≥ 10 so i = 2 → 2,3,4.
        var data = new float[20, 1];
        var batches = TimeSeriesGenerator.Generate(data, 0, lookback: 2, delay: 1, minIndex: 0, maxIndex: 10, batchSize: 3, step: 1).Take(4).ToList();
        Assert.Equal([2, 3, 4], batches[0].Rows);
        Assert.Equal([5, 6, 7], batches[1].Rows);
        Assert.Equal([2, 3, 4], batches[2].Rows);   // rows 8 and 9 are never visited: a full batch would reach max
        Assert.Equal([5, 6, 7], batches[3].Rows);
    }

    [Fact]
    public void ARangeShorterThanOneBatchRepeatsAsAShortBatch()
    {
        // min 0, lookback 2, max 4, batch 3: i + 3 ≥ 4 so i = 2, rows = arange(2, min(5, 4)) = 2, 3, every time.
        var data = new float[10, 1];
        foreach (var b in TimeSeriesGenerator.Generate(data, 0, lookback: 2, delay: 1, minIndex: 0, maxIndex: 4, batchSize: 3, step: 1).Take(3))
            Assert.Equal([2, 3], b.Rows);
    }

    [Fact]
    public void MaxIndexNullMeansLengthMinusDelayMinusOne()
    {
        // 12 rows, delay 2 → max 9; lookback 3, batch 1: rows 3, 4, …, 7, then 8 + 1 ≥ 9 wraps back to 3.
        var data = new float[12, 2];
        var rows = TimeSeriesGenerator.Generate(data, 1, lookback: 3, delay: 2, batchSize: 1, step: 1).Take(7).Select(b => b.Rows[0]);
        Assert.Equal([3, 4, 5, 6, 7, 3, 4], rows);
    }

    [Fact]
    public void ShuffleIsReproducibleBySeedAndCoversTheRange()
    {
        var data = RandomData(new Random(5), 300, 3);
        List<int> Draw(ulong seed) => TimeSeriesGenerator.Generate(data, 1, lookback: 12, delay: 6, minIndex: 10, maxIndex: 200, shuffle: true,
            batchSize: 64, step: 3, generator: new Generator(seed)).Take(10).SelectMany(b => b.Rows).ToList();

        var a = Draw(42);
        Assert.Equal(a, Draw(42));
        Assert.NotEqual(a, Draw(43));
        Assert.All(a, r => Assert.InRange(r, 22, 199));
        Assert.True(a.Distinct().Count() > 150, "640 uniform draws over 178 rows should hit most of them");
        Assert.NotEqual(a.Take(64), a.Skip(64).Take(64));   // successive batches draw new rows
    }

    [Fact]
    public void ReverseReversesEachSamplesTimeAxis()
    {
        var random = new Random(7);
        for (int c = 0; c < 50; c++)
        {
            int step = random.Next(1, 4), lookback = step * random.Next(1, 6), features = random.Next(1, 4);
            var data = RandomData(random, lookback + 30, features);
            var forward = TimeSeriesGenerator.Generate(data, 0, lookback, 3, batchSize: 4, step: step).First();
            var backward = TimeSeriesGenerator.Generate(data, 0, lookback, 3, batchSize: 4, step: step, reverse: true).First();
            Assert.Equal(forward.Rows, backward.Rows);
            Assert.Equal(forward.Targets, backward.Targets);
            int length = lookback / step;
            for (int j = 0; j < forward.Count; j++)
                for (int t = 0; t < length; t++)
                    for (int f = 0; f < features; f++)
                        Assert.Equal(forward.Samples[j, t, f], backward.Samples[j, length - 1 - t, f]);
        }
    }

    [Fact]
    public void NothingIsComputedUntilABatchIsAskedFor()
    {
        var data = new float[50, 1];
        var generator = new Generator(3);
        var batches = TimeSeriesGenerator.Generate(data, 0, 5, 1, shuffle: true, batchSize: 8, step: 1, generator: generator);
        Assert.Equal(0UL, generator.Offset);
        _ = batches.First();
        Assert.NotEqual(0UL, generator.Offset);
    }

    [Fact]
    public void BadArgumentsThrowWhenCalled()
    {
        var data = new float[30, 2];
        Assert.Throws<ArgumentException>(() => TimeSeriesGenerator.Generate(data, 0, lookback: 10, delay: 1, step: 3));   // 3 ∤ 10
        Assert.Throws<ArgumentException>(() => TimeSeriesGenerator.Generate(data, 0, lookback: 28, delay: 1, step: 1));   // no rows left
        Assert.Throws<ArgumentException>(() => TimeSeriesGenerator.Generate(data, 0, lookback: 4, delay: 5, maxIndex: 27, step: 1));   // target past the end
        Assert.Throws<ArgumentException>(() => TimeSeriesGenerator.Generate(data, 0, lookback: 4, delay: 1, shuffle: true, step: 1));   // no generator
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSeriesGenerator.Generate(data, 2, lookback: 4, delay: 1, step: 1));   // no column 2
    }

    [Fact]
    public void StandardizeUsesOnlyTheTrainingRows()
    {
        var random = new Random(11);
        var data = RandomData(random, 100, 3);
        for (int r = 60; r < 100; r++) data[r, 0] = 1e4f + r;   // the later rows are far off: they must not move the statistics
        var copy = (float[,])data.Clone();
        for (int r = 60; r < 100; r++) copy[r, 0] = -7f;

        var (mean, std) = TimeSeriesGenerator.Standardize(data, trainRows: 60);
        var (mean2, std2) = TimeSeriesGenerator.Standardize(copy, trainRows: 60);
        Assert.Equal(mean, mean2);
        Assert.Equal(std, std2);

        for (int f = 0; f < 3; f++)
        {
            double m = 0, s = 0;
            for (int r = 0; r < 60; r++) m += data[r, f];
            m /= 60;
            for (int r = 0; r < 60; r++) s += (data[r, f] - m) * (data[r, f] - m);
            Assert.InRange(m, -1e-5, 1e-5);                  // the training rows end with mean 0 …
            Assert.InRange(Math.Sqrt(s / 60), 1 - 1e-5, 1 + 1e-5);   // … and population std 1
        }
        Assert.Equal((1e4f + 70 - mean[0]) / std[0], data[70, 0], 2f);   // later rows rescaled with the training numbers
    }

    [Fact]
    public void StandardizeOnlyCentresAConstantColumn()
    {
        var data = new float[,] { { 3, 1 }, { 3, 2 }, { 3, 3 }, { 9, 4 } };
        var (mean, std) = TimeSeriesGenerator.Standardize(data, trainRows: 3);
        Assert.Equal(3f, mean[0]);
        Assert.Equal(0f, std[0]);
        Assert.Equal([0f, 0f, 0f, 6f], Enumerable.Range(0, 4).Select(r => data[r, 0]));
        Assert.Equal(2f, mean[1]);
        Assert.Equal((float)Math.Sqrt(2.0 / 3), std[1], 6);
    }
}
