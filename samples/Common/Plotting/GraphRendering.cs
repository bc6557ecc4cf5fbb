using System.Diagnostics;
using System.Numerics;
using DeepSeq.Autograd;
using DeepSeq.IO;

namespace DeepSeq.Samples.Plotting;

/// <summary>
/// Draws an autograd graph (<see cref="GraphExport.ToDot{T}"/>) as PNG or SVG with Graphviz's <c>dot</c> program,
/// when it is installed (Debian's <c>graphviz</c> package). Lives with the samples, not in the autograd core,
/// because it starts an external process.
/// </summary>
public static class GraphRendering
{
    /// <summary>True when Graphviz's <c>dot</c> is on the PATH.</summary>
    public static bool CanRender => FindDot() is not null;

    /// <summary>
    /// Writes the graph to <paramref name="path"/> as PNG or SVG (chosen by the extension) with Graphviz's <c>dot</c>.
    /// Throws <see cref="InvalidOperationException"/> when <c>dot</c> is missing (install Debian's <c>graphviz</c>)
    /// or fails; the file is written through a temporary file, so a failed render leaves no half-written image.
    /// </summary>
    public static void Render<T>(Variable<T> output, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string format = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "png",
            ".svg" => "svg",
            var other => throw new ArgumentException(
                $"graph render: {path}: use a .png or .svg file name, not '{other}'"),
        };
        string dot = FindDot() ?? throw new InvalidOperationException(
            "graph render: Graphviz's 'dot' is not installed (apt-get install graphviz); GraphExport.ToDot gives the DOT text");
        AtomicFile.WriteVia(path, temp =>
        {
            var start = new ProcessStartInfo(dot, ["-T" + format, "-o", temp])
            {
                RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            process.StandardInput.Write(GraphExport.ToDot(output));
            process.StandardInput.Close();
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(temp))
                throw new InvalidOperationException($"graph render: dot exited with {process.ExitCode}: {errors.Trim()}");
        });
    }

    private static string? FindDot() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "dot"))
            .FirstOrDefault(File.Exists);

}
