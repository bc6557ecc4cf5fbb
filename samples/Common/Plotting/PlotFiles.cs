using DeepSeq.IO;

namespace DeepSeq.Samples.Plotting;

/// <summary>ScottPlot figures written as every DeepSeq file is: all at once (<see cref="AtomicFile"/>), so a reader
/// never sees half a PNG.</summary>
public static class PlotFiles
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> pixels and
    /// writes it to <paramref name="path"/> (its folder must exist); returns the path.</summary>
    public static string SavePng(ScottPlot.Plot plot, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        using var image = plot.GetImage(width, height);
        byte[] png = image.GetImageBytes(ScottPlot.ImageFormat.Png, 100);
        AtomicFile.Write(path, stream => stream.Write(png));
        return path;
    }
}
