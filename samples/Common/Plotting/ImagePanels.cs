using DeepSeq.IO;
using SkiaSharp;

namespace DeepSeq.Samples.Plotting;

/// <summary>
/// Small images as PNG panels, each under its title: matplotlib's <c>subplot</c> grids of <c>imshow</c> calls, drawn
/// with SkiaSharp (ScottPlot's renderer). An image is a row-major (height × width) array of values in [0, 1]
/// (grey) or, with <see cref="Panel.Rgb"/>, (height × width × 3).
/// </summary>
public static class ImagePanels
{
    /// <summary>One image of a figure.</summary>
    /// <param name="Title">Text above the image.</param>
    /// <param name="Pixels">height · width values (grey) or height · width · 3 (RGB), in [0, 1]; values outside
    /// are clamped.</param>
    /// <param name="Height">Rows.</param>
    /// <param name="Width">Columns.</param>
    /// <param name="Rgb">Whether <paramref name="Pixels"/> holds three values a pixel.</param>
    public sealed record Panel(string Title, float[] Pixels, int Height, int Width, bool Rgb = false);

    private const int TitleHeight = 22, Margin = 8;

    /// <summary>
    /// Writes <paramref name="panels"/> as a grid of <paramref name="columns"/> per row to <paramref name="path"/>
    /// (atomically), each image magnified <paramref name="scale"/> times with nearest-neighbour pixels.
    /// </summary>
    /// <returns><paramref name="path"/>.</returns>
    public static string Save(string path, IReadOnlyList<Panel> panels, int columns, int scale = 6)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0 || columns < 1 || scale < 1)
            throw new ArgumentException($"image panels {path}: need panels, columns ≥ 1 and scale ≥ 1");
        foreach (var p in panels)
            if (p.Pixels.Length != p.Height * p.Width * (p.Rgb ? 3 : 1))
                throw new ArgumentException($"image panels {path}: '{p.Title}' has {p.Pixels.Length} values for " +
                                            $"{p.Height} × {p.Width}{(p.Rgb ? " × 3" : "")}");
        int cellW = panels.Max(p => p.Width) * scale + 2 * Margin;
        int cellH = panels.Max(p => p.Height) * scale + TitleHeight + Margin;
        int rows = (panels.Count + columns - 1) / columns;
        var size = new SKImageInfo(Math.Min(columns, panels.Count) * cellW, rows * cellH + Margin);
        using var surface = SKSurface.Create(size);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 14);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (int k = 0; k < panels.Count; k++)
        {
            var p = panels[k];
            float left = k % columns * cellW + Margin, top = k / columns * cellH + Margin;
            canvas.DrawText(p.Title, left + p.Width * scale / 2f, top + 14, SKTextAlign.Center, font, ink);
            using var bitmap = ToBitmap(p);
            canvas.DrawBitmap(bitmap, new SKRect(left, top + TitleHeight, left + p.Width * scale,
                top + TitleHeight + p.Height * scale), new SKPaint());   // no filtering: pixels stay square
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
        return path;
    }

    /// <summary>
    /// Matplotlib's <c>jet</c> colour map at <paramref name="v"/> ∈ [0, 1] (dark blue → cyan → yellow → dark red),
    /// as the Grad-CAM recipes colour their heatmaps.
    /// </summary>
    public static (float R, float G, float B) Jet(float v)
    {
        v = Math.Clamp(v, 0f, 1f);
        static float Ramp(float x) => Math.Clamp(1.5f - Math.Abs(x), 0f, 1f);
        return (Ramp(4 * v - 3), Ramp(4 * v - 2), Ramp(4 * v - 1));
    }

    private static SKBitmap ToBitmap(Panel p)
    {
        var bitmap = new SKBitmap(p.Width, p.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (int r = 0; r < p.Height; r++)
            for (int c = 0; c < p.Width; c++)
            {
                int i = r * p.Width + c;
                bitmap.SetPixel(c, r, p.Rgb
                    ? new SKColor(Byte(p.Pixels[3 * i]), Byte(p.Pixels[3 * i + 1]), Byte(p.Pixels[3 * i + 2]))
                    : new SKColor(Byte(p.Pixels[i]), Byte(p.Pixels[i]), Byte(p.Pixels[i])));
            }
        return bitmap;

        static byte Byte(float v) => (byte)Math.Round(255 * Math.Clamp(float.IsNaN(v) ? 0 : v, 0f, 1f));
    }
}
