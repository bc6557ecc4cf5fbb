namespace DeepSeq.Data.DataSets;

/// <summary>SYNTHETIC digit-like images: <see cref="Count"/> images of 28×28 bytes (0–255), row-major, and their labels
/// 0–9.</summary>
/// <param name="Pixels">(Count, 28, 28) flattened, as MNIST's IDX <c>|u1</c> images.</param>
/// <param name="Labels">One label 0–9 per image.</param>
public sealed record SyntheticDigits(byte[] Pixels, byte[] Labels)
{
    /// <summary>Rows and columns of every image.</summary>
    public const int Side = 28;

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;
}

/// <summary>
/// A SYNTHETIC stand-in for MNIST: each digit drawn as a seven-segment figure (like a pocket calculator's) with a
/// random shift, size, slant and stroke width, plus faint noise. Not real handwriting; it only lets a sample run.
/// </summary>
/// <remarks>Segments <c>a</c> top, <c>b</c> upper right, <c>c</c> lower right, <c>d</c> bottom, <c>e</c> lower left,
/// <c>f</c> upper left, <c>g</c> middle. The same seed gives the same images.</remarks>
public static class SyntheticMnist
{
    // Which of the segments a..g each digit lights, as in a seven-segment display.
    private static readonly string[] Segments =
        ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"];

    /// <summary><paramref name="count"/> images with labels 0–9 drawn uniformly.</summary>
    public static SyntheticDigits Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        const int S = SyntheticDigits.Side;
        var pixels = new byte[count * S * S];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            int digit = random.Next(10);
            labels[n] = (byte)digit;
            // The figure's box: left x0, top y0, width w, height h, slant (x shift per unit of height), stroke radius.
            double w = 8 + 4 * random.NextDouble(), h = 16 + 4 * random.NextDouble();
            double x0 = (S - w) / 2 + random.Next(-2, 3), y0 = (S - h) / 2 + random.Next(-2, 3);
            double slant = 0.25 * (random.NextDouble() - 0.5), radius = 1.0 + 0.8 * random.NextDouble();
            var strokes = new List<(double X1, double Y1, double X2, double Y2)>();
            foreach (char segment in Segments[digit])
            {
                strokes.Add(segment switch
                {
                    'a' => (0, 0, 1, 0), 'b' => (1, 0, 1, 0.5), 'c' => (1, 0.5, 1, 1), 'd' => (0, 1, 1, 1),
                    'e' => (0, 0.5, 0, 1), 'f' => (0, 0, 0, 0.5), _ => (0, 0.5, 1, 0.5),
                });
            }
            Span<byte> image = pixels.AsSpan(n * S * S, S * S);
            for (int y = 0; y < S; y++)
            for (int x = 0; x < S; x++)
            {
                // Distance from the pixel centre to the nearest stroke, in pixels; ink falls off over one pixel.
                double best = double.MaxValue;
                foreach (var (u1, v1, u2, v2) in strokes)
                {
                    double ax = x0 + u1 * w + slant * (1 - v1) * h, ay = y0 + v1 * h;
                    double bx = x0 + u2 * w + slant * (1 - v2) * h, by = y0 + v2 * h;
                    best = Math.Min(best, DistanceToSegment(x + 0.5, y + 0.5, ax, ay, bx, by));
                }
                double ink = Math.Clamp(radius + 1 - best, 0, 1) * 255 + 20 * random.NextDouble();
                image[y * S + x] = (byte)Math.Clamp(ink >= 25 ? ink : 0, 0, 255);
            }
        }
        return new SyntheticDigits(pixels, labels);
    }

    private static double DistanceToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double t = Math.Clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0, 1);
        double ex = ax + t * dx - px, ey = ay + t * dy - py;
        return Math.Sqrt(ex * ex + ey * ey);
    }
}
