using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DeepSeq.Benchmarks;

/// <summary>
/// A BenchmarkDotNet column "work per call / mean time, in billions per second": GFLOP/s for GEMM
/// (work = 2·m·k·n flops), GB/s for elementwise ops (work = bytes moved).
/// </summary>
/// <param name="name">the column header, e.g. "GFLOP/s"</param>
/// <param name="legend">the legend line BenchmarkDotNet prints under the table</param>
/// <param name="workPerCall">the work one call does, for a benchmark case (0 when unknown: prints "-")</param>
public sealed class ThroughputColumn(string name, string legend, Func<BenchmarkCase, double> workPerCall) : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(ThroughputColumn) + name;
    /// <inheritdoc/>
    public string ColumnName => name;
    /// <inheritdoc/>
    public bool AlwaysShow => true;
    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc/>
    public int PriorityInCategory => 0;
    /// <inheritdoc/>
    public bool IsNumeric => true;
    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc/>
    public string Legend => legend;
    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;
    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        double work = workPerCall(benchmarkCase);
        // units per ns = billions per s
        return meanNs is > 0 && work > 0 ? (work / meanNs.Value).ToString("F1") : "-";
    }
}
