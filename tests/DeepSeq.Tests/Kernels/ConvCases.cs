using DeepSeq.Kernels;

namespace DeepSeq.Tests.Kernels;

/// <summary>
/// Random convolution and pooling geometries for the kernel tests: batch 1–3, images up to 7 × 7 with 1–4
/// channels, kernels 1–3 × 1–4 (non-square), strides 1–4 (so also larger than the kernel), dilation 1–2 and
/// padding 0–2 on each side — every combination the geometry accepts — and integer-valued buffers, so that every
/// sum is exact in any order.
/// </summary>
internal static class ConvCases
{
    /// <summary>A valid geometry drawn from <paramref name="rng"/> (pooling when <paramref name="pooling"/>: OutC = InC).
    /// </summary>
    public static ConvGeometry Geometry(Random rng, bool pooling = false, int maxSide = 7)
    {
        while (true)
        {
            int inC = rng.Next(1, 5), kh = rng.Next(1, 4), kw = rng.Next(1, 5);
            int dh = pooling ? 1 : rng.Next(1, 3), dw = pooling ? 1 : rng.Next(1, 3);
            int padMax = pooling ? 0 : 3;   // pooling pads by "same" only: checked in its own tests
            try
            {
                return ConvGeometry.Create("test", rng.Next(1, 4), rng.Next(1, maxSide + 1), rng.Next(1, maxSide + 1),
                    inC, kh, kw, pooling ? inC : rng.Next(1, 6), (rng.Next(1, 5), rng.Next(1, 5)), (dh, dw),
                    (rng.Next(padMax), rng.Next(padMax), rng.Next(padMax), rng.Next(padMax)));
            }
            catch (ArgumentException)
            {
                // the window did not fit: draw again
            }
        }
    }

    /// <summary>n small integers in [−4, 4], as <typeparamref name="T"/>.</summary>
    public static T[] Values<T>(Random rng, long n) where T : System.Numerics.INumber<T>
    {
        var values = new T[n];
        for (long i = 0; i < n; i++) values[i] = T.CreateChecked(rng.Next(-4, 5));
        return values;
    }

    /// <summary>Σ a·b in double.</summary>
    public static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
