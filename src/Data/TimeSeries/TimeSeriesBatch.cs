namespace DeepSeq.Data.TimeSeries;

/// <summary>
/// One batch from <see cref="TimeSeriesGenerator"/>: the book's <c>(samples, targets)</c> pair, plus the rows they
/// were cut at.
/// </summary>
/// <remarks>
/// A class, not a record: a record holding arrays would compare them by reference, which reads like value
/// equality but is not.
/// </remarks>
public sealed class TimeSeriesBatch(float[,,] samples, float[] targets, int[] rows)
{
    /// <summary>(batch, lookback / step, features): sample j is the rows
    /// <c>Rows[j] − lookback, … , Rows[j] − step</c>.</summary>
    public float[,,] Samples { get; } = samples;

    /// <summary>(batch): target j is <c>data[Rows[j] + delay, targetColumn]</c>.</summary>
    public float[] Targets { get; } = targets;

    /// <summary>(batch): the book's <c>rows</c>, the row each sample ends just before.</summary>
    public int[] Rows { get; } = rows;

    /// <summary>The number of samples in the batch (the last one without shuffling can be short; see the
    /// generator).</summary>
    public int Count => Targets.Length;
}
