using System.Numerics;
using DeepSeq.Kernels;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Devices;

/// <summary>
/// Where a tensor's storage lives and how tensor operations run there: the backend contract.
/// </summary>
/// <remarks>
/// <para>Every tensor operation in DeepSeq is built from these primitives (MiniTorch's four —
/// map, zip, reduce, matrix multiply — plus three that cannot be composed from them, or only at a prohibitive
/// cost):</para>
/// <list type="table">
/// <item><term>Map</term><description>y = f(x): unary functions, casts, and copies (a view made
/// contiguous)</description></item>
/// <item><term>Zip</term><description>z = f(x, y): arithmetic, max/min, comparisons; broadcasting is in the
/// layouts</description></item>
/// <item><term>Where</term><description>z = c ? x : y: selection that must not touch the unselected value (x·c +
/// y·(1−c) turns ∞ into NaN)</description></item>
/// <item><term>Reduce</term><description>fold one axis with sum, max or min</description></item>
/// <item><term>Gather</term><description>read at positions held in an index tensor: the one data-dependent
/// read</description></item>
/// <item><term>ScatterAdd</term><description>add into positions held in an index tensor: the one data-dependent write,
/// and gather's backward. Composable as Σⱼ one_hot(index)·y with zip and reduce, but that builds an m × n block (every
/// token of a batch against the whole vocabulary) to add m values</description></item>
/// <item><term>MatMul</term><description>batched matrix product: composable from zip and reduce, but a thousand times
/// slower</description></item>
/// </list>
/// <para>Convolution and pooling are primitives too, for the same reason as MatMul: they compose from gather and
/// matmul (im2col), but only by materialising every receptive field of the batch. Their buffers are dense,
/// channels-last and start at element 0, with the sizes in one <see cref="ConvGeometry"/>; the tensor ops
/// (src/Tensor/Ops/Convolution.cs) make them so.</para>
/// <para>Everything else — softmax, variance, argmax, concat, one-hot, index_select, index_add — is composed from
/// these in src/Tensor/Ops, so a new device implements the seven general kernels and the seven of convolution and
/// pooling (forward and two gradients; max and average forward and backward) and gets the whole API. The recurrent
/// cells (simple RNN, LSTM, GRU, each forward and backward through time over a whole sequence) are primitives for
/// the reason convolution is: composed from matmul and map they cost a dozen kernel launches and temporaries per time
/// step, thousands per sequence.
/// Each primitive is a pair of twin kernels, src/Kernels/Cpu/&lt;Name&gt;.cs and src/Kernels/Gpu/&lt;Name&gt;.cs, that
/// take the operands in the order the methods below take them (the GPU kernel adds its thread index first and, where it
/// must report a bad index, an error view last; see src/Kernels/README.md), so a device only dispatches. Operands
/// arrive as (storage, layout) pairs; outputs are always dense row-major storages that the caller allocated, so a
/// kernel never has to ask who else reads its output. ScatterAdd is the one primitive that reads its output: it
/// accumulates into x, which the caller has filled (with a copy, so that no input changes).</para>
/// </remarks>
public abstract class Device
{
    /// <summary>A short name such as <c>cpu</c> or <c>ilgpu:cpu</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The host CPU (SIMD kernels in src/Kernels/Cpu).</summary>
    public static Device Cpu => CpuDevice.Instance;

    /// <inheritdoc/>
    public override string ToString() => Name;

    // ---- memory ----

    /// <summary>
    /// A new storage of <paramref name="length"/> elements: zero-filled when <paramref name="zeroed"/>, else with
    /// unspecified contents (for an op's output, every element of which its kernel writes).
    /// </summary>
    public abstract Storage<T> Allocate<T>(int length, bool zeroed) where T : unmanaged;

    /// <summary>A new storage holding a copy of <paramref name="data"/> (host → device).</summary>
    public abstract Storage<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged;

    /// <summary>
    /// Copies elements [offset, offset + destination.Length) of <paramref name="source"/> into
    /// <paramref name="destination"/> (device → host).
    /// </summary>
    public abstract void Download<T>(Storage<T> source, int offset, Span<T> destination) where T : unmanaged;

    // ---- compute ----

    /// <summary>y = f(x) over views of the same shape.</summary>
    public abstract void Map<TIn, TOut, TOp>(Storage<TOut> y, StridedLayout yLayout, Storage<TIn> x,
        StridedLayout xLayout)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>;

    /// <summary>z = f(x, y) over views of the same shape.</summary>
    public abstract void Zip<T, TOp>(Storage<T> z, StridedLayout zLayout, Storage<T> x, StridedLayout xLayout,
        Storage<T> y, StridedLayout yLayout)
        where T : unmanaged where TOp : struct, IBinaryOp<T>;

    /// <summary>z = condition ≠ 0 ? x : y over views of the same shape.</summary>
    public abstract void Where<T>(Storage<T> z, StridedLayout zLayout, Storage<T> condition, StridedLayout cLayout,
        Storage<T> x, StridedLayout xLayout, Storage<T> y, StridedLayout yLayout) where T : unmanaged, INumber<T>;

    /// <summary>Folds <paramref name="axis"/> (non-empty) of x into y, whose layout is x's without that axis.</summary>
    public abstract void Reduce<T, TOp>(Storage<T> y, StridedLayout yLayout, Storage<T> x,
        StridedLayout xLayout, int axis)
        where T : unmanaged, INumber<T> where TOp : struct, IReduceOp<T>;

    /// <summary>
    /// y[…, j, …] = x[…, index[…, j, …], …] along <paramref name="axis"/>; y and index share a shape,
    /// x's layout has y's shape with <paramref name="axisSize"/> its real size along the axis.
    /// Throws <see cref="IndexOutOfRangeException"/> for an index outside [−axisSize, axisSize).
    /// </summary>
    public abstract void Gather<T>(Storage<T> y, StridedLayout yLayout, Storage<T> x, StridedLayout xLayout,
        int axisSize, Storage<int> index, StridedLayout indexLayout, int axis) where T : unmanaged;

    /// <summary>
    /// x[…, index[…, j, …], …] += y[…, j, …] along <paramref name="axis"/>: accumulates into x, and is the adjoint
    /// (the backward) of <see cref="Gather{T}"/>. y and index share a shape; x's layout has y's shape with
    /// <paramref name="axisSize"/> its real size along the axis, as Gather gets it, and must not overlap itself.
    /// A position named by several j receives the sum of all their values. Every index is checked before anything
    /// is written: one outside [−axisSize, axisSize) throws <see cref="IndexOutOfRangeException"/> and leaves x
    /// unchanged. The CPU adds in a fixed order; a GPU adds with atomics, so its float sums may differ in the last bits
    /// from run to run.
    /// </summary>
    public abstract void ScatterAdd<T>(Storage<T> x, StridedLayout xLayout, int axisSize, Storage<T> y,
        StridedLayout yLayout, Storage<int> index, StridedLayout indexLayout, int axis) where T : unmanaged, INumber<T>;

    /// <summary>
    /// c = a · b for rank-r views (batch…, M, K) and (batch…, K, N) with equal batch dims; c is dense (batch…, M, N).
    /// </summary>
    public abstract void MatMul<T>(Storage<T> c, StridedLayout cLayout, Storage<T> a, StridedLayout aLayout,
        Storage<T> b, StridedLayout bLayout)
        where T : unmanaged, IFloatingPointIeee754<T>;

    // ---- convolution and pooling (dense channels-last buffers; see ConvGeometry) ----

    /// <summary>y = x ⋆ w: x (B, H, W, InC), w (KH, KW, InC, OutC), y (B, OH, OW, OutC).</summary>
    public abstract void Conv2D<T>(Storage<T> y, Storage<T> x, Storage<T> w, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx = ∂L/∂x of <see cref="Conv2D{T}"/> from dy and w.</summary>
    public abstract void Conv2DInputGradient<T>(Storage<T> dx, Storage<T> dy, Storage<T> w, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dw = ∂L/∂w of <see cref="Conv2D{T}"/> from x and dy.</summary>
    public abstract void Conv2DWeightGradient<T>(Storage<T> dw, Storage<T> x, Storage<T> dy, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y = the maximum of each window of x (KH × KW, OutC = InC).</summary>
    public abstract void MaxPool2D<T>(Storage<T> y, Storage<T> x, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx = ∂L/∂x of <see cref="MaxPool2D{T}"/>: dy to each window's first maximum in x.</summary>
    public abstract void MaxPool2DBackward<T>(Storage<T> dx, Storage<T> dy, Storage<T> x, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y = the mean of each window's positions inside x.</summary>
    public abstract void AvgPool2D<T>(Storage<T> y, Storage<T> x, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx = ∂L/∂x of <see cref="AvgPool2D{T}"/>: dy / count to every position of each window.</summary>
    public abstract void AvgPool2DBackward<T>(Storage<T> dx, Storage<T> dy, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    // ---- recurrent cells over whole sequences (dense batch-major buffers; see RecurrentGeometry) ----

    /// <summary>
    /// The simple RNN over a sequence: y (B, T + 1, U) from the projections xz (B, T, U), the recurrent kernel u and
    /// h0; gates and operands are saved for the backward pass. Empty mask storages mean no mask.
    /// </summary>
    public abstract void SimpleRnnForward<T>(Storage<T> y, Storage<T> gates, Storage<T> operands, Storage<T> xz,
        Storage<T> u, Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Backward through time of <see cref="SimpleRnnForward{T}"/>: dxz, du and dh0 from dy.</summary>
    public abstract void SimpleRnnBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> dh0, Storage<T> dy,
        Storage<T> gates, Storage<T> operands, Storage<T> u, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The LSTM over a sequence: y (B, T + 2, U) (outputs, final h, final c) from xz (B, T, 4U), u, h0,
    /// c0; gates, cells and operands are saved for the backward pass.</summary>
    public abstract void LstmForward<T>(Storage<T> y, Storage<T> gates, Storage<T> cells, Storage<T> operands,
        Storage<T> xz, Storage<T> u, Storage<T> h0, Storage<T> c0, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Backward through time of <see cref="LstmForward{T}"/>: dxz, du, dh0 and dc0 from dy.</summary>
    public abstract void LstmBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> dh0, Storage<T> dc0,
        Storage<T> dy, Storage<T> y, Storage<T> gates, Storage<T> cells, Storage<T> operands, Storage<T> u,
        Storage<T> c0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The GRU over a sequence, reset before or after: y (B, T + 1, U) from xz (B, T, 3U), u, the
    /// recurrent bias rb (reset after; else empty) and h0; gates, candidates and operands saved for backward.</summary>
    public abstract void GruForward<T>(Storage<T> y, Storage<T> gates, Storage<T> candidates, Storage<T> operands,
        Storage<T> xz, Storage<T> u, Storage<T> rb, Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Backward through time of <see cref="GruForward{T}"/>: dxz, du, drb and dh0 from dy.</summary>
    public abstract void GruBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> drb, Storage<T> dh0,
        Storage<T> dy, Storage<T> y, Storage<T> gates, Storage<T> candidates, Storage<T> operands, Storage<T> u,
        Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>;

    // ---- the fused optimizer step (dense buffers of one parameter's n elements; see UpdateRule) ----

    /// <summary>
    /// The read-only half of a fused optimizer step: computes every new weight of the parameter w from its gradient g
    /// and the slots the rule uses, writes nothing, and reports whether g and the results are finite. A slot the rule
    /// does not use (<see cref="UpdateRule{T}.UsesSlot"/>) may be any storage: it is not read.
    /// </summary>
    public abstract UpdateFlags OptimizerUpdateCheck<T>(Storage<T> w, Storage<T> s0, Storage<T> s1, Storage<T> s2,
        Storage<T> g, UpdateRule<T> rule) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The writing half: the step of <see cref="OptimizerUpdateCheck{T}"/>, in place into w and the slots
    /// the rule uses. The one primitive that changes its inputs: the optimizer owns these buffers.</summary>
    public abstract void OptimizerUpdateApply<T>(Storage<T> w, Storage<T> s0, Storage<T> s1, Storage<T> s2,
        Storage<T> g, UpdateRule<T> rule) where T : unmanaged, IFloatingPointIeee754<T>;
}
