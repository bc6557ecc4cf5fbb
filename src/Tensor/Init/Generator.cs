// A generator is a seed plus a position in the counter stream:
//
//   draw k uses blocks [offset_k, offset_k + BlocksFor<T>(n_k)),   offset_{k+1} = offset_k + BlocksFor<T>(n_k)
//
// so consecutive draws never share a Philox counter (independent numbers), and a new Generator with the same
// seed walks the same sequence of offsets (the whole run reproduces). The numbers themselves come from
// DeepSeq.Kernels.RandomNumbers.RandomStream; the mapping is documented there.
//
// Orthogonal (a Haar-random orthogonal matrix, the fill behind Keras's "orthogonal"):
//   A ~ N(0, 1) of shape (m, n) = (max(rows, cols), min(rows, cols)), drawn in double;  A = Q·R (HouseholderQr);
//   Q ← Q·sign(diag R) (flip column j where R[j, j] < 0);  W = Q if rows ≥ cols, else Qᵀ;  W ← gain·W
// Fixing R's diagonal positive makes Q the unique such factor of A, so Q inherits A's rotation invariance.

using System.Numerics;
using DeepSeq.Kernels.Cpu;

namespace DeepSeq;

/// <summary>
/// A seeded source of random numbers: a seed and a running offset (counter blocks consumed so far).
/// Every draw takes the next unused blocks, so successive draws differ, and two generators built with the
/// same seed produce the same sequence of draws. PyTorch <c>torch.Generator</c>; Keras <c>SeedGenerator</c>.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: two threads drawing at once may receive the same offset. Give each thread its own
/// generator (different seeds), or lock around it.</para>
/// <para>Tensors are drawn on the host and then copied to their device (see <c>Tensor.RandomUniform</c>).
/// The stream is also implemented as ILGPU kernels (<c>DeepSeq.Kernels.Gpu.RandomFill</c>, tested
/// bit-identical): a device draw would take its offset with <see cref="Reserve{T}"/> and launch them.</para>
/// </remarks>
/// <param name="seed">the Philox key; any value, 0 included</param>
public sealed class Generator(ulong seed)
{
    /// <summary>The seed this generator was built with.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>Counter blocks consumed so far: the offset the next draw will start at.</summary>
    public ulong Offset { get; private set; }

    /// <summary>
    /// Claims the blocks for a draw of <paramref name="count"/> elements of <typeparamref name="T"/> and returns
    /// the offset to draw them at (the current <see cref="Offset"/>, which then moves past them).
    /// </summary>
    public ulong Reserve<T>(long count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ulong offset = Offset;
        Offset = checked(offset + RandomFill.BlocksFor<T>(count));
        return offset;
    }

    /// <summary>dst[i] ~ U[low, high) (<see cref="RandomFill.Uniform{T}"/> at the next offset).</summary>
    public void Uniform<T>(Span<T> dst, T low, T high) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.Uniform(dst, Seed, Reserve<T>(dst.Length), low, high);

    /// <summary>dst[i] ~ N(mean, std²) (<see cref="RandomFill.Normal{T}"/> at the next offset).</summary>
    public void Normal<T>(Span<T> dst, T mean, T std) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.Normal(dst, Seed, Reserve<T>(dst.Length), mean, std);

    /// <summary>dst[i] ~ N(mean, std²) re-drawn beyond 2·std
    /// (<see cref="RandomFill.TruncatedNormal{T}"/> at the next offset).</summary>
    public void TruncatedNormal<T>(Span<T> dst, T mean, T std) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.TruncatedNormal(dst, Seed, Reserve<T>(dst.Length), mean, std);

    /// <summary>dst[i] = 1 with probability p, else 0
    /// (<see cref="RandomFill.Bernoulli{T}"/> at the next offset).</summary>
    public void Bernoulli<T>(Span<T> dst, T p) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.Bernoulli(dst, Seed, Reserve<T>(dst.Length), p);

    /// <summary>
    /// dst = <paramref name="gain"/> times a random (semi-)orthogonal <paramref name="rows"/>×<paramref name="cols"/>
    /// matrix, row-major: orthonormal columns (WᵀW = I) when rows ≥ cols, orthonormal rows (WWᵀ = I) otherwise.
    /// A ~ N(0, 1) of shape (max, min) is drawn in double (rows·cols normals at the next offset) and factorised
    /// by <see cref="HouseholderQr"/>; Q·sign(diag R), transposed when rows &lt; cols, is the result, so float and
    /// double fills from the same seed agree up to rounding. SciPy <c>ortho_group</c>; Keras <c>Orthogonal</c>.
    /// </summary>
    /// <remarks>A zero on R's diagonal (probability 0) counts as positive, where TensorFlow's sign(0) = 0 would
    /// zero the column.</remarks>
    public void Orthogonal<T>(Span<T> dst, int rows, int cols, double gain = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != dst.Length)
            throw new ArgumentException(
                $"orthogonal: a {rows}×{cols} matrix needs {(long)rows * cols} elements, the span has {dst.Length}");
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);

        var a = new double[m * n];
        Normal(a.AsSpan(), 0.0, 1.0);
        var (q, r) = HouseholderQr.Decompose(a, m, n);

        // q·sign(diag r): flip column j where R[j, j] < 0.
        for (int j = 0; j < n; j++)
        {
            if (r[j * n + j] >= 0) continue;
            for (int i = 0; i < m; i++) q[i * n + j] = -q[i * n + j];
        }

        // Q is m×n. rows ≥ cols: W = Q (rows×cols). rows < cols: W = Qᵀ, W[i, j] = Q[j, i].
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                double value = rows >= cols ? q[i * n + j] : q[j * n + i];
                dst[i * cols + j] = T.CreateChecked(gain * value);
            }
    }
}
