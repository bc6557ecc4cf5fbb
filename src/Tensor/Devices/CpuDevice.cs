using DeepSeq.Kernels;

namespace DeepSeq.Devices;

/// <summary>
/// The host CPU: storages are managed arrays, kernels are the SIMD loops of src/Kernels/Cpu. Each primitive
/// only unwraps the arrays and calls its kernel, which takes the same operands in the same order.
/// </summary>
public sealed class CpuDevice : Device
{
    /// <summary>The one CPU device.</summary>
    public static readonly CpuDevice Instance = new();

    private CpuDevice() { }

    /// <inheritdoc/>
    public override string Name => "cpu";

    /// <inheritdoc/>
    public override Storage<T> Allocate<T>(int length, bool zeroed) =>
        new CpuStorage<T>(zeroed ? new T[length] : GC.AllocateUninitializedArray<T>(length));

    /// <inheritdoc/>
    public override Storage<T> Upload<T>(ReadOnlySpan<T> data) => new CpuStorage<T>(data.ToArray());

    /// <inheritdoc/>
    public override void Download<T>(Storage<T> source, int offset, Span<T> destination) =>
        Host(source).AsSpan(offset, destination.Length).CopyTo(destination);

    /// <inheritdoc/>
    public override void Map<TIn, TOut, TOp>(Storage<TOut> y, StridedLayout yLayout, Storage<TIn> x,
        StridedLayout xLayout)
        => Kernels.Cpu.Map.Strided<TIn, TOut, TOp>(Host(y), yLayout, Host(x), xLayout);

    /// <inheritdoc/>
    public override void Zip<T, TOp>(Storage<T> z, StridedLayout zLayout, Storage<T> x, StridedLayout xLayout,
        Storage<T> y, StridedLayout yLayout)
        => Kernels.Cpu.Zip.Strided<T, TOp>(Host(z), zLayout, Host(x), xLayout, Host(y), yLayout);

    /// <inheritdoc/>
    public override void Where<T>(Storage<T> z, StridedLayout zLayout, Storage<T> condition, StridedLayout cLayout,
        Storage<T> x, StridedLayout xLayout, Storage<T> y, StridedLayout yLayout)
        => Kernels.Cpu.Where.Strided(Host(z), zLayout, Host(condition), cLayout, Host(x), xLayout, Host(y), yLayout);

    /// <inheritdoc/>
    public override void Reduce<T, TOp>(Storage<T> y, StridedLayout yLayout, Storage<T> x,
        StridedLayout xLayout, int axis)
        => Kernels.Cpu.Reduce.Strided<T, TOp>(Host(y), yLayout, Host(x), xLayout, axis);

    /// <inheritdoc/>
    public override void Gather<T>(Storage<T> y, StridedLayout yLayout, Storage<T> x, StridedLayout xLayout,
        int axisSize, Storage<int> index, StridedLayout indexLayout, int axis)
        => Kernels.Cpu.Gather.Strided(Host(y), yLayout, Host(x), xLayout, axisSize, Host(index), indexLayout, axis);

    /// <inheritdoc/>
    public override void ScatterAdd<T>(Storage<T> x, StridedLayout xLayout, int axisSize, Storage<T> y,
        StridedLayout yLayout, Storage<int> index, StridedLayout indexLayout, int axis)
        => Kernels.Cpu.ScatterAdd.Strided(Host(x), xLayout, axisSize, Host(y), yLayout, Host(index), indexLayout, axis);

    /// <inheritdoc/>
    public override void MatMul<T>(Storage<T> c, StridedLayout cLayout, Storage<T> a, StridedLayout aLayout,
        Storage<T> b, StridedLayout bLayout)
        => Kernels.Cpu.MatMul.Strided(Host(c), cLayout, Host(a), aLayout, Host(b), bLayout);

    /// <inheritdoc/>
    public override void Conv2D<T>(Storage<T> y, Storage<T> x, Storage<T> w, ConvGeometry g)
        => Kernels.Cpu.Conv2D.Forward(Host(y), Host(x), Host(w), g);

    /// <inheritdoc/>
    public override void Conv2DInputGradient<T>(Storage<T> dx, Storage<T> dy, Storage<T> w, ConvGeometry g)
        => Kernels.Cpu.Conv2D.InputGradient(Host(dx), Host(dy), Host(w), g);

    /// <inheritdoc/>
    public override void Conv2DWeightGradient<T>(Storage<T> dw, Storage<T> x, Storage<T> dy, ConvGeometry g)
        => Kernels.Cpu.Conv2D.WeightGradient(Host(dw), Host(x), Host(dy), g);

    /// <inheritdoc/>
    public override void MaxPool2D<T>(Storage<T> y, Storage<T> x, ConvGeometry g)
        => Kernels.Cpu.Pool2D.MaxForward(Host(y), Host(x), g);

    /// <inheritdoc/>
    public override void MaxPool2DBackward<T>(Storage<T> dx, Storage<T> dy, Storage<T> x, ConvGeometry g)
        => Kernels.Cpu.Pool2D.MaxBackward(Host(dx), Host(dy), Host(x), g);

    /// <inheritdoc/>
    public override void AvgPool2D<T>(Storage<T> y, Storage<T> x, ConvGeometry g)
        => Kernels.Cpu.Pool2D.AverageForward(Host(y), Host(x), g);

    /// <inheritdoc/>
    public override void AvgPool2DBackward<T>(Storage<T> dx, Storage<T> dy, ConvGeometry g)
        => Kernels.Cpu.Pool2D.AverageBackward(Host(dx), Host(dy), g);

    private static T[] Host<T>(Storage<T> storage) where T : unmanaged =>
        storage is CpuStorage<T> cpu ? cpu.Array
            : throw new InvalidOperationException($"cpu: storage lives on {storage.Device.Name}; copy it to the CPU " +
                                                  "first with .To(Device.Cpu)");

    /// <inheritdoc/>
    public override void SimpleRnnForward<T>(Storage<T> y, Storage<T> gates, Storage<T> operands, Storage<T> xz,
        Storage<T> u, Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g) =>
        Kernels.Cpu.SimpleRnn.Forward(Host(y), Host(gates), Host(operands), Host(xz), Host(u), Host(h0), Host(mask),
            Host(recurrentMask), g);

    /// <inheritdoc/>
    public override void SimpleRnnBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> dh0, Storage<T> dy,
        Storage<T> gates, Storage<T> operands, Storage<T> u, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) =>
        Kernels.Cpu.SimpleRnn.Backward(Host(dxz), Host(du), Host(dh0), Host(dy), Host(gates), Host(operands), Host(u),
            Host(mask), Host(recurrentMask), g);

    /// <inheritdoc/>
    public override void LstmForward<T>(Storage<T> y, Storage<T> gates, Storage<T> cells, Storage<T> operands,
        Storage<T> xz, Storage<T> u, Storage<T> h0, Storage<T> c0, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) =>
        Kernels.Cpu.Lstm.Forward(Host(y), Host(gates), Host(cells), Host(operands), Host(xz), Host(u), Host(h0),
            Host(c0), Host(mask), Host(recurrentMask), g);

    /// <inheritdoc/>
    public override void LstmBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> dh0, Storage<T> dc0,
        Storage<T> dy, Storage<T> y, Storage<T> gates, Storage<T> cells, Storage<T> operands, Storage<T> u,
        Storage<T> c0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g) =>
        Kernels.Cpu.Lstm.Backward(Host(dxz), Host(du), Host(dh0), Host(dc0), Host(dy), Host(y), Host(gates),
            Host(cells), Host(operands), Host(u), Host(c0), Host(mask), Host(recurrentMask), g);

    /// <inheritdoc/>
    public override void GruForward<T>(Storage<T> y, Storage<T> gates, Storage<T> candidates, Storage<T> operands,
        Storage<T> xz, Storage<T> u, Storage<T> rb, Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) =>
        Kernels.Cpu.Gru.Forward(Host(y), Host(gates), Host(candidates), Host(operands), Host(xz), Host(u), Host(rb),
            Host(h0), Host(mask), Host(recurrentMask), g);

    /// <inheritdoc/>
    public override void GruBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> drb, Storage<T> dh0,
        Storage<T> dy, Storage<T> y, Storage<T> gates, Storage<T> candidates, Storage<T> operands, Storage<T> u,
        Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g) =>
        Kernels.Cpu.Gru.Backward(Host(dxz), Host(du), Host(drb), Host(dh0), Host(dy), Host(y), Host(gates),
            Host(candidates), Host(operands), Host(u), Host(h0), Host(mask), Host(recurrentMask), g);

    /// <inheritdoc/>
    public override UpdateFlags OptimizerUpdateCheck<T>(Storage<T> w, Storage<T> s0, Storage<T> s1, Storage<T> s2,
        Storage<T> g, UpdateRule<T> rule) =>
        Kernels.Cpu.OptimizerUpdate.Check(Host(w), Host(s0), Host(s1), Host(s2), Host(g), rule);

    /// <inheritdoc/>
    public override void OptimizerUpdateApply<T>(Storage<T> w, Storage<T> s0, Storage<T> s1, Storage<T> s2,
        Storage<T> g, UpdateRule<T> rule) =>
        Kernels.Cpu.OptimizerUpdate.Apply(Host(w), Host(s0), Host(s1), Host(s2), Host(g), rule);
}
