using System.Globalization;

namespace DeepSeq.Data.Download;

/// <summary>
/// A one-line text progress bar for samples, redrawn in place with a carriage return:
/// <c>mnist.npz [############------------------]  40%   4.4 / 11.0 MB</c>.
/// </summary>
/// <remarks>
/// It implements <see cref="IProgress{T}"/> directly rather than through <see cref="Progress{T}"/>, so every report is
/// drawn at once on the downloading thread (<see cref="Progress{T}"/> would post them to a thread-pool queue, out of
/// order). A line is written only when its text changes, so a fast download does not flood the console.
/// </remarks>
public sealed class ConsoleProgressBar : IProgress<DownloadProgress>
{
    private readonly string _label;
    private readonly TextWriter _writer;
    private readonly int _width;
    private string? _lastLine;

    /// <summary>A bar named <paramref name="label"/>, <paramref name="width"/> characters wide (default 30), written to
    /// <paramref name="writer"/> (default <see cref="Console.Out"/>).</summary>
    public ConsoleProgressBar(string label, TextWriter? writer = null, int width = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _label = label;
        _writer = writer ?? Console.Out;
        _width = width;
    }

    /// <summary>Redraws the bar if its text changed.</summary>
    public void Report(DownloadProgress value)
    {
        string line = Format(_label, value, _width);
        if (line == _lastLine) return;
        // Pad with spaces to the old length so a shorter line leaves no tail of the previous one behind.
        string padded = _lastLine is null || line.Length >= _lastLine.Length ? line : line.PadRight(_lastLine.Length);
        _lastLine = line;
        _writer.Write('\r' + padded);
        _writer.Flush();
    }

    /// <summary>Ends the line, so the next output starts below the bar.</summary>
    public void Done()
    {
        if (_lastLine is not null) _writer.WriteLine();
        _lastLine = null;
    }

    /// <summary>
    /// The bar's text: <c>label [####------]  40%   4.4 / 11.0 MB</c> when the total is known,
    /// <c>label   4.4 MB</c> when not.
    /// </summary>
    public static string Format(string label, DownloadProgress progress, int width = 30)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string received = (progress.BytesReceived / 1e6).ToString("F1", inv);
        if (progress.Fraction is not double fraction || progress.TotalBytes is not long total)
            return $"{label} {received,5} MB";

        int filled = (int)Math.Floor(fraction * width);
        string bar = new string('#', filled) + new string('-', width - filled);
        string percent = ((int)Math.Floor(fraction * 100)).ToString(inv);
        string whole = (total / 1e6).ToString("F1", inv);
        return $"{label} [{bar}] {percent,3}% {received,5} / {whole} MB";
    }
}
