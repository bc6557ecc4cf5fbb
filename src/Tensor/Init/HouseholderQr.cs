// A = Q·R      A: (m, n), m ≥ n      Q: (m, n), QᵀQ = I      R: (n, n) upper triangular      (row-major)
//
// Householder: for k = 0 … n−1, reflect column k of what is left below row k onto a multiple of e_k:
//   x = A[k:, k],   α = −sign(x₀)·‖x‖,   v = x − α·e₁,   H_k = I − 2·v·vᵀ / (vᵀv)
//   A[k:, k:] ← H_k · A[k:, k:]       (column k becomes (α, 0, …, 0): the k-th row of R)
// then Q = H_0 · H_1 ⋯ H_{n−1} · I[:, :n], applied right to left to the first n columns of the identity.
//
// α takes the sign opposite to x₀ so that v₀ = x₀ − α adds two numbers of the same sign: no cancellation,
// which is why Householder QR is backward stable where Gram–Schmidt loses orthogonality.

namespace DeepSeq;

/// <summary>
/// Thin QR decomposition by Householder reflections, in double: A = Q·R with Q's columns orthonormal and R upper
/// triangular. NumPy <c>np.linalg.qr(a, mode="reduced")</c>, TensorFlow <c>tf.linalg.qr(a, full_matrices=False)</c>.
/// Used by <see cref="Generator.Orthogonal{T}"/>; O(m·n²), meant for weight-sized matrices.
/// </summary>
/// <remarks>
/// The signs of R's diagonal (and of Q's columns) are this algorithm's choice, as in LAPACK; a caller that needs a
/// unique answer normalises them, as Keras's orthogonal initialiser does with q·sign(diag(r)).
/// A column that is already zero below the diagonal gets no
/// reflection: R's diagonal keeps its entry, zero for a zero column.
/// </remarks>
public static class HouseholderQr
{
    /// <summary>Decomposes the row-major m×n matrix <paramref name="a"/>
    /// (m ≥ n) into row-major Q (m×n) and R (n×n).</summary>
    /// <param name="a">the matrix, row-major, m·n elements; not modified</param>
    /// <param name="m">rows</param>
    /// <param name="n">columns, at most <paramref name="m"/></param>
    public static (double[] Q, double[] R) Decompose(ReadOnlySpan<double> a, int m, int n)
    {
        if (n < 0 || m < n) throw new ArgumentException($"HouseholderQr: need m >= n >= 0, got m = {m}, n = {n}");
        if (a.Length != m * n)
            throw new ArgumentException($"HouseholderQr: expected {m}·{n} = {m * n} elements, got {a.Length}");

        double[] w = a.ToArray();          // reduced in place to R (upper part)
        var reflectors = new double[n][];  // v_k, length m − k; empty when column k needed no reflection
        var betas = new double[n];         // 2 / (vᵀv)
        var s = new double[n];             // vᵀ·M, one entry per column, reused by every reflection

        for (int k = 0; k < n; k++)
        {
            double x0 = w[k * n + k];
            double below2 = 0; // Σ x_i² below the diagonal
            for (int i = k + 1; i < m; i++) below2 += w[i * n + k] * w[i * n + k];
            if (below2 == 0)
            {
                // Already (x₀, 0, …, 0): nothing to reflect; R[k, k] = x₀ as it stands.
                reflectors[k] = [];
                continue;
            }
            double norm = Math.Sqrt(x0 * x0 + below2);

            double alpha = x0 >= 0 ? -norm : norm;
            var v = new double[m - k];
            for (int i = k; i < m; i++) v[i - k] = w[i * n + k];
            v[0] = x0 - alpha;
            double vtv = v[0] * v[0] + below2;
            double beta = 2.0 / vtv;
            reflectors[k] = v;
            betas[k] = beta;

            // A[k:, k:] ← A[k:, k:] − β·v·(vᵀ·A[k:, k:])
            Reflect(w, n, k, m, k, v, beta, s);
            // Exactly what the reflection produces, without the rounding noise below the diagonal.
            w[k * n + k] = alpha;
            for (int i = k + 1; i < m; i++) w[i * n + k] = 0;
        }

        var r = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                r[i * n + j] = w[i * n + j];

        // Q = H_0 ⋯ H_{n−1} · I[:, :n]: start from the identity's first n columns and apply H_{n−1} first.
        var q = new double[m * n];
        for (int i = 0; i < n; i++) q[i * n + i] = 1.0;
        for (int k = n - 1; k >= 0; k--)
        {
            double[] v = reflectors[k];
            if (v.Length == 0) continue;
            Reflect(q, n, k, m, 0, v, betas[k], s);
        }
        return (q, r);
    }

    /// <summary>
    /// M[k:, from:] ← M[k:, from:] − β·v·(vᵀ·M[k:, from:]) for the row-major matrix <paramref name="x"/> with
    /// <paramref name="n"/> columns. Rows outer, columns inner, so both passes walk memory in order: column by
    /// column (stride n) took seconds for a 2048 × 512 matrix. Each s[j] still sums its products in row order, so the
    /// result is bit for bit the column-by-column one.
    /// </summary>
    private static void Reflect(double[] x, int n, int k, int m, int from, double[] v, double beta, double[] s)
    {
        Array.Clear(s);
        for (int i = k; i < m; i++)
        {
            double vi = v[i - k];
            int row = i * n;
            for (int j = from; j < n; j++) s[j] += vi * x[row + j];
        }
        for (int j = from; j < n; j++) s[j] *= beta;
        for (int i = k; i < m; i++)
        {
            double vi = v[i - k];
            int row = i * n;
            for (int j = from; j < n; j++) x[row + j] -= s[j] * vi;
        }
    }
}
