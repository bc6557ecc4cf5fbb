// What the three fused cells (Cpu/SimpleRnn.cs, Cpu/Lstm.cs, Cpu/Gru.cs) share: splitting the batch across cores,
// the recurrent GEMMs of one step, the activations and their derivatives, and the buffer checks.
//
// Why the batch is split and not the step: the rows of a recurrence are independent (row b of h_t depends only on
// row b of h_{t-1}), so each core runs the whole time loop on its own rows, with no synchronisation between the 500
// steps of a sequence. Splitting each step's GEMM across cores instead would cost two barriers per step, which at a
// few microseconds each is the whole budget of a 128 × 32 step.
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu.Recurrent;

/// <summary>The step machinery the fused recurrent cells share (see the file header).</summary>
internal static class RecurrentSteps
{
    /// <summary>Below this many multiply-adds per sequence a second core costs more than it saves.</summary>
    private const long ParallelWork = 1 << 18;

    /// <summary>Bytes of u that still stay in a core's cache from step to step (Zen 5: 1 MB of L2).</summary>
    private const long CachedKernel = 1 << 20;

    /// <summary>Rows per block from which a step's GEMM is bound by its multiply-adds rather than by reading an
    /// uncached u (about 60 G multiply-adds/s against 13 GB/s of u per core: 4·60/13 ≈ 18).</summary>
    private const int StreamingRows = 16;

    /// <summary>
    /// Runs <paramref name="body"/>(first row, rows) on contiguous blocks of the batch, one per core when the work is
    /// large enough. A row's arithmetic never depends on its block, so the result does not depend on the core count.
    /// </summary>
    /// <remarks>
    /// Every block reads all of u at every step. Where u outgrows a core's cache (<see cref="CachedKernel"/>) a step's
    /// GEMM is bound by reading u, not by its multiply-adds, until a block has about <see cref="StreamingRows"/> rows:
    /// below that a second block only doubles the traffic. E5 (LSTM(1024), u 16 MB, batch 8, kernels alone, three
    /// interleaved runs): two blocks of 4 rows forward 525–556 ms and backward 646–659 ms, one block of 8 rows
    /// 305–310 and 399–441 ms.
    /// </remarks>
    public static void ForRowBlocks<T>(RecurrentGeometry g, Action<int, int> body)
    {
        long work = (long)g.Batch * g.Steps * g.Units * g.Width;
        long kernelBytes = (long)g.Units * g.Width * Unsafe.SizeOf<T>();
        int rowLimit = kernelBytes > CachedKernel ? g.Batch / StreamingRows : g.Batch;
        int blocks = work < ParallelWork ? 1 : Math.Min(Environment.ProcessorCount, rowLimit);
        if (blocks <= 1)
        {
            if (g.Batch > 0) body(0, g.Batch);
            return;
        }
        Parallel.For(0, blocks, block =>
        {
            int r0 = (int)((long)g.Batch * block / blocks), r1 = (int)((long)g.Batch * (block + 1) / blocks);
            if (r1 > r0) body(r0, r1 - r0);
        });
    }

    /// <summary>A scratch array of at least <paramref name="length"/> elements from the shared pool.</summary>
    public static T[] Rent<T>(long length) => ArrayPool<T>.Shared.Rent(checked((int)Math.Max(length, 1)));

    /// <summary>Returns scratch arrays to the pool.</summary>
    public static void Return<T>(params T[][] arrays)
    {
        foreach (var a in arrays) ArrayPool<T>.Shared.Return(a);
    }

    /// <summary>Offset of operand <paramref name="p"/>, row <paramref name="b"/>, step <paramref name="t"/>.</summary>
    public static int OperandAt(RecurrentGeometry g, int p, int b, int t) =>
        ((p * g.Batch + b) * g.Steps + t) * g.Units;

    /// <summary>
    /// r[rows, gates of p] = operand p[rows, t] · u[:, gates of p] for every direct operand p: the recurrent products
    /// of step <paramref name="t"/> that do not wait for a gate (<see cref="RecurrentGeometry.DirectOperands"/>), into
    /// r (rows × Width).
    /// </summary>
    public static void Products<T>(RecurrentGeometry g, T[] operands, T[] u, T[] r, int r0, int rows, int t)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < g.DirectOperands; p++)
        {
            var (gate, count) = g.GatesOf(p);
            Product(g, operands, p, u, gate, count, r, r0, rows, t);
        }
    }

    /// <summary>r[rows, gates gate … gate+count) = operand p at step t · u[:, those gates].</summary>
    public static void Product<T>(RecurrentGeometry g, T[] operands, int p, T[] u, int gate, int count, T[] r,
        int r0, int rows, int t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, col = gate * n;
        Gemm.MultiplyOnThisThread(false, false, rows, count * n, n, T.One,
            operands.AsSpan(OperandAt(g, p, r0, t)), g.Steps * n, u.AsSpan(col), w,
            T.Zero, r.AsSpan(col), w);
    }

    /// <summary>
    /// dA[rows, units] = dz[rows, gates gate … gate+count) · u[:, those gates]ᵀ: the gradient that reaches a step's
    /// operand through the recurrent product, from dz with row stride <paramref name="ldz"/>.
    /// </summary>
    public static void ProductGradient<T>(RecurrentGeometry g, ReadOnlySpan<T> dz, int ldz, T[] u, int gate,
        int count, Span<T> dA, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, col = gate * n;
        Gemm.MultiplyOnThisThread(false, true, rows, n, count * n, T.One, dz[col..], ldz, u.AsSpan(col), g.Width,
            T.Zero, dA, n);
    }

    /// <summary>
    /// dh ← ∂L/∂h₋₁ of step t through the recurrent products: Σ over the direct operands p of (dz_p · U_pᵀ) ⊙ m_p
    /// (no mask without recurrent dropout), replacing dh or, with <paramref name="accumulate"/>, added to it (the
    /// GRU's other paths to h₋₁). A padded row keeps its dh. dz has rows (B, T, Width).
    /// </summary>
    public static void PreviousStateGradient<T>(RecurrentGeometry g, T[] dz, T[] u, T[] recurrentMask, T[] mask,
        T[] dh, T[] dA, int r0, int rows, int t, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, steps = g.Steps;
        for (int p = 0; p < g.DirectOperands; p++)
        {
            var (gate, count) = g.GatesOf(p);
            ProductGradient(g, dz.AsSpan((r0 * steps + t) * w), steps * w, u, gate, count, dA.AsSpan(0, rows * n),
                rows);
            for (int i = 0; i < rows; i++)
            {
                int b = r0 + i;
                if (!IsReal(g, mask, b, t)) continue;
                var dhRow = dh.AsSpan(i * n, n);
                var dARow = dA.AsSpan(i * n, n);
                if (g.RecurrentDropout) Multiply(dARow, dARow, RecurrentMaskRow(g, recurrentMask, p, b));
                if (p == 0 && !accumulate) dARow.CopyTo(dhRow);
                else Add(dhRow, dhRow, dARow);
            }
        }
    }

    /// <summary>
    /// du[:, gates of each operand] = Σ_b,t operand[b, t]ᵀ · dz[b, t, those gates]: the recurrent kernel's gradient
    /// in one GEMM per operand over every step, after the time loop (on all cores).
    /// </summary>
    public static void KernelGradient<T>(RecurrentGeometry g, T[] du, T[] operands, T[] dz)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, k = g.Batch * g.Steps;
        du.AsSpan(0, n * w).Clear();
        for (int p = 0; p < g.Operands; p++)
        {
            var (gate, count) = g.GatesOf(p);
            Gemm.Multiply(true, false, n, count * n, k, T.One, operands.AsSpan(OperandAt(g, p, 0, 0)), n,
                dz.AsSpan(gate * n), w, T.Zero, du.AsSpan(gate * n), w);
        }
    }

    /// <summary>
    /// Writes h (one row) as row <paramref name="b"/>, step <paramref name="t"/> of the operands that are h itself:
    /// h once without recurrent dropout, else h ⊙ mask of each gate that multiplies h directly.
    /// </summary>
    public static void WriteOperands<T>(RecurrentGeometry g, T[] operands, T[] recurrentMask, int b, int t,
        ReadOnlySpan<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units;
        if (!g.RecurrentDropout)
        {
            h.CopyTo(operands.AsSpan(OperandAt(g, 0, b, t), n));
            return;
        }
        for (int p = 0; p < g.DirectOperands; p++)
            Multiply(operands.AsSpan(OperandAt(g, p, b, t), n), h, RecurrentMaskRow(g, recurrentMask, p, b));
    }

    /// <summary>Row b of gate <paramref name="gate"/>'s recurrent dropout mask.</summary>
    public static ReadOnlySpan<T> RecurrentMaskRow<T>(RecurrentGeometry g, T[] recurrentMask, int gate, int b) =>
        recurrentMask.AsSpan((gate * g.Batch + b) * g.Units, g.Units);

    /// <summary>Whether step t of row b is a real step (always, without a mask).</summary>
    public static bool IsReal<T>(RecurrentGeometry g, T[] mask, int b, int t) where T : INumber<T> =>
        !g.Masked || mask[b * g.Steps + t] != T.Zero;

    /// <summary>y = a ⊙ b (vectorised; exact, so the same products as a scalar loop).</summary>
    public static void Multiply<T>(Span<T> y, ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, INumber<T> =>
        Zip.Contiguous<T, MultiplyOp<T>>(y, a, b);

    /// <summary>y = a + b (vectorised; exact, so the same sums as a scalar loop).</summary>
    public static void Add<T>(Span<T> y, ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : unmanaged, INumber<T> =>
        Zip.Contiguous<T, AddOp<T>>(y, a, b);

    /// <summary>x = f(x) in place, vectorised where the activation is.</summary>
    public static void Activate<T>(CellActivation f, Span<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (f)
        {
            case CellActivation.Linear: break;
            case CellActivation.Tanh: Map.Contiguous<T, T, TanhOp<T>>(x, x); break;
            case CellActivation.Sigmoid: Map.Contiguous<T, T, SigmoidOp<T>>(x, x); break;
            case CellActivation.HardSigmoid: Map.Contiguous<T, T, HardSigmoidOp<T>>(x, x); break;
            case CellActivation.Relu: Map.Contiguous<T, T, ReluOp<T>>(x, x); break;
            default: throw new ArgumentException($"recurrent cell: unknown activation {f}");
        }
    }

    /// <summary>
    /// d ⊙= f′ written from the activation's output y = f(a), which is what the forward pass saved: tanh 1 − y²,
    /// sigmoid y(1 − y), hard sigmoid 0.2 inside (0, 1) and 0 where it clipped, relu 1 where y > 0.
    /// </summary>
    public static void MultiplyByDerivative<T>(CellActivation f, Span<T> d, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (f)
        {
            case CellActivation.Linear: break;
            case CellActivation.Tanh:
                for (int i = 0; i < d.Length; i++) d[i] *= T.One - y[i] * y[i];
                break;
            case CellActivation.Sigmoid:
                for (int i = 0; i < d.Length; i++) d[i] *= y[i] * (T.One - y[i]);
                break;
            case CellActivation.HardSigmoid:
                T slope = T.CreateChecked(0.2);
                for (int i = 0; i < d.Length; i++) d[i] = y[i] > T.Zero && y[i] < T.One ? d[i] * slope : T.Zero;
                break;
            case CellActivation.Relu:
                for (int i = 0; i < d.Length; i++) d[i] = y[i] > T.Zero ? d[i] : T.Zero;
                break;
            default: throw new ArgumentException($"recurrent cell: unknown activation {f}");
        }
    }

    /// <summary>A span of T that the caller knows to be float, as floats (the V2 gate passes).</summary>
    public static Span<float> AsFloat<T>(Span<T> s) where T : unmanaged => MemoryMarshal.Cast<T, float>(s);

    /// <inheritdoc cref="AsFloat{T}(Span{T})"/>
    public static ReadOnlySpan<float> AsFloat<T>(ReadOnlySpan<T> s) where T : unmanaged =>
        MemoryMarshal.Cast<T, float>(s);

    /// <summary>Throws unless a cell's gate pass <paramref name="version"/> serves T and these units.</summary>
    public static void CheckVersion<T>(RecurrentGeometry g, int version)
    {
        if (version != 1 && (version != 2 || !CellVectors.Supports<T>(g.Units)))
            throw new ArgumentException($"{g}: no gate pass V{version} for {typeof(T).Name}");
    }

    /// <summary>Throws unless <paramref name="buffer"/> has exactly <paramref name="length"/> elements.</summary>
    public static void Check<T>(RecurrentGeometry g, string name, T[] buffer, long length)
    {
        if (buffer.Length != length)
            throw new ArgumentException($"{g}: {name} has {buffer.Length} elements, expected {length}");
    }

    /// <summary>Checks the buffers every cell takes: projections, recurrent kernel, outputs, masks, operands.</summary>
    public static void CheckCommon<T>(RecurrentGeometry g, T[] xz, T[] u, T[] y, T[] operands, T[] mask,
        T[] recurrentMask)
    {
        Check(g, "xz", xz, g.XzLength);
        Check(g, "the recurrent kernel u", u, (long)g.Units * g.Width);
        Check(g, "y", y, g.OutputLength);
        Check(g, "operands", operands, g.OperandsLength);
        Check(g, "mask", mask, g.Masked ? (long)g.Batch * g.Steps : 0);
        Check(g, "the recurrent dropout mask", recurrentMask, g.RecurrentDropout ? (long)g.Gates * g.Batch * g.Units : 0);
    }
}
