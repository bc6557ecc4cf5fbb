using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Tensor.Init;

/// <summary>src/Tensor/Init/HouseholderQr.cs: the QR decomposition reconstructs A with an orthonormal Q, rank-deficient
/// columns included.</summary>
public sealed class HouseholderQrTests
{
    [Property(MaxTest = 30)]
    public Property HouseholderQrReconstructsA()
    {
        var dims = Gen.Choose(1, 10).Two().Where(t => t.Item1 >= t.Item2).ToArbitrary();
        return Prop.ForAll(dims, ArbMap.Default.ArbFor<ulong>(), (mn, seed) =>
        {
            var (m, n) = mn;
            var a = new double[m * n];
            new Generator(seed).Uniform(a.AsSpan(), -1.0, 1.0);
            var (q, r) = HouseholderQr.Decompose(a, m, n);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < i; j++)
                    Assert.Equal(0.0, r[i * n + j]); // upper triangular
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double qr = 0;
                    for (int k = 0; k < n; k++) qr += q[i * n + k] * r[k * n + j];
                    Assert.True(Math.Abs(qr - a[i * n + j]) < 1e-12, $"(QR − A)[{i},{j}] = {qr - a[i * n + j]}");
                }
            AssertGram(q, m, n, 1.0, 1e-12);
        });
    }

    [Fact]
    public void HouseholderQrHandlesRankDeficientColumns()
    {
        // Column 1 is zero and column 2 already points along e₀ below row 2: no reflection, no NaN.
        double[] a = [2, 0, 1,
                      0, 0, 3,
                      0, 0, 0,
                      0, 0, 0];
        var (q, r) = HouseholderQr.Decompose(a, 4, 3);
        Assert.All(q.Concat(r), e => Assert.True(double.IsFinite(e)));
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++)
            {
                double qr = 0;
                for (int k = 0; k < 3; k++) qr += q[i * 3 + k] * r[k * 3 + j];
                Assert.Equal(a[i * 3 + j], qr, 12);
            }
    }

    // ---- helpers ----

    /// <summary>The Gram matrix of the short side (WᵀW if rows ≥ cols, else WWᵀ) equals gain²·I
    /// within <paramref name="tolerance"/>.</summary>
    internal static void AssertGram(double[] w, int rows, int cols, double gainSquared, double tolerance)
    {
        bool tall = rows >= cols;
        int n = Math.Min(rows, cols), m = Math.Max(rows, cols);
        double At(int k, int i) => tall ? w[k * cols + i] : w[i * cols + k]; // k along the long side
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int k = 0; k < m; k++) dot += At(k, i) * At(k, j);
                double expected = i == j ? gainSquared : 0;
                Assert.True(Math.Abs(dot - expected) < tolerance, $"Gram[{i},{j}] = {dot}, expected {expected}");
            }
    }
}
