using DeepSeq.Data.Download;
using Xunit;

namespace DeepSeq.Tests.Data.Download;

/// <summary>
/// <see cref="ConsoleProgressBar"/>: the bar's text with and without a known total, drawn in place with a carriage
/// return and redrawn only when that text changes.
/// </summary>
public sealed class ConsoleProgressBarTests
{
    [Fact]
    public void TheConsoleBarDrawsInPlaceAndOnlyWhenItChanges()
    {
        Assert.Equal("f [#####-----]  50%   0.5 / 1.0 MB", ConsoleProgressBar.Format("f", new DownloadProgress(500_000, 1_000_000), width: 10));
        Assert.Equal("f   0.5 MB", ConsoleProgressBar.Format("f", new DownloadProgress(500_000, null)));

        var writer = new StringWriter();
        var bar = new ConsoleProgressBar("f", writer, width: 4);
        bar.Report(new DownloadProgress(0, 1_000_000));
        bar.Report(new DownloadProgress(10, 1_000_000));        // same text: not redrawn
        bar.Report(new DownloadProgress(1_000_000, 1_000_000));
        bar.Done();
        Assert.Equal("\rf [----]   0%   0.0 / 1.0 MB\rf [####] 100%   1.0 / 1.0 MB" + Environment.NewLine, writer.ToString());
    }
}
