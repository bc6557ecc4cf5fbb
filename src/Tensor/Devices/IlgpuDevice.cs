using System.Collections.Concurrent;
using System.Numerics;
using DeepSeq.Kernels;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace DeepSeq.Devices;

/// <summary>Device memory owned by an ILGPU accelerator.</summary>
/// <remarks>
/// The buffer's native memory is released by ILGPU's finalizer once nothing references it. The GC cannot
/// see that memory, so each storage reports its size as memory pressure: without it a loop of device
/// ops fills gigabytes while the small managed heap never triggers a collection (measured: 2 GB after ten
/// 200 MB tensors, none of them collected).
/// </remarks>
public sealed class IlgpuStorage<T> : Storage<T> where T : unmanaged
{
    private readonly long _bytes;

    internal IlgpuStorage(IlgpuDevice device, MemoryBuffer1D<T, Stride1D.Dense> buffer)
    {
        Device = device;
        Buffer = buffer;
        _bytes = buffer.LengthInBytes;
        if (_bytes > 0) GC.AddMemoryPressure(_bytes);
    }

    /// <summary>Balances the memory pressure; ILGPU's own finalizer frees the buffer.</summary>
    ~IlgpuStorage()
    {
        if (_bytes > 0) GC.RemoveMemoryPressure(_bytes);
    }

    /// <summary>The ILGPU buffer.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Buffer { get; }
    /// <inheritdoc/>
    public override Device Device { get; }
    /// <inheritdoc/>
    public override int Length => (int)Buffer.Length;
}

/// <summary>
/// A device backed by an ILGPU accelerator. Today that is ILGPU's CPU accelerator (<see cref="CpuSimulator"/>),
/// a simulated GPU that runs the kernels with GPU semantics (groups, warps, one thread per element); a
/// factory for CUDA accelerators comes with the GPU issue. Data stays in accelerator memory between
/// operations; <see cref="Download{T}"/> is the only way back to the host.
/// </summary>
/// <remarks>
/// ILGPU wants one <see cref="Context"/> and one accelerator per process, and compiling a kernel is
/// slow (tens of milliseconds), so <see cref="CpuSimulator"/> is a lazily created singleton and every
/// kernel is compiled once per (kernel, type arguments) and cached. ILGPU generates code with
/// Reflection.Emit: DeepSeq must never be trimmed or compiled ahead of time. The device is not
/// disposable: its context lives as long as the process (a disposed shared accelerator would break every
/// later tensor op in the process).
/// </remarks>
public sealed class IlgpuDevice : Device
{
    private static readonly Lazy<IlgpuDevice> s_cpuSimulator = new(CreateCpuSimulator);
    private readonly Accelerator _accelerator;
    // Lazy values: two threads asking for the same new kernel compile it once.
    private readonly ConcurrentDictionary<System.Reflection.MethodInfo, Lazy<Delegate>> _kernels = new();

    private IlgpuDevice(Accelerator accelerator, string name)
    {
        _accelerator = accelerator;
        Name = name;
    }

    /// <summary>
    /// ILGPU's CPU accelerator, shared by the whole process. Its default simulated device allows only 16
    /// threads per group; this one has a warp of 32 and groups of 32×32, like a CUDA card.
    /// </summary>
    public static IlgpuDevice CpuSimulator => s_cpuSimulator.Value;

    private static IlgpuDevice CreateCpuSimulator()
    {
        var context = Context.Create(builder => builder.CPU(new CPUDevice(32, 32, 1)).EnableAlgorithms());
        return new IlgpuDevice(context.CreateCPUAccelerator(0), "ilgpu:cpu");
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The ILGPU accelerator behind this device.</summary>
    public Accelerator Accelerator => _accelerator;

    // ---- memory ----

    /// <inheritdoc/>
    public override Storage<T> Allocate<T>(int length, bool zeroed)
    {
        var buffer = _accelerator.Allocate1D<T>(length);
        if (zeroed) buffer.MemSetToZero();
        return new IlgpuStorage<T>(this, buffer);
    }

    /// <inheritdoc/>
    public override Storage<T> Upload<T>(ReadOnlySpan<T> data)
    {
        var buffer = _accelerator.Allocate1D<T>(data.Length);
        if (!data.IsEmpty) buffer.View.AsContiguous().CopyFromCPU(data);
        return new IlgpuStorage<T>(this, buffer);
    }

    /// <inheritdoc/>
    public override void Download<T>(Storage<T> source, int offset, Span<T> destination)
    {
        _accelerator.Synchronize();
        if (!destination.IsEmpty)
            Buffer(source).View.SubView(offset, destination.Length).AsContiguous().CopyToCPU(destination);
    }

    // ---- compute ----

    /// <inheritdoc/>
    public override void Map<TIn, TOut, TOp>(Storage<TOut> y, StridedLayout yLayout, Storage<TIn> x,
        StridedLayout xLayout)
    {
        if (yLayout.Size == 0) return;   // ILGPU rejects a launch of 0 threads
        var (yv, xv) = (View("map", y, yLayout), View("map", x, xLayout));
        Kernel<Action<Index1D, ArrayView<TOut>, StridedLayout, ArrayView<TIn>, StridedLayout>>(
            Kernels.Gpu.Map.Strided<TIn, TOut, TOp>, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (yLayout.Size, yv, yLayout, xv, xLayout);
    }

    /// <inheritdoc/>
    public override void Zip<T, TOp>(Storage<T> z, StridedLayout zLayout, Storage<T> x, StridedLayout xLayout,
        Storage<T> y, StridedLayout yLayout)
    {
        if (zLayout.Size == 0) return;
        var (zv, xv, yv) = (View("zip", z, zLayout), View("zip", x, xLayout), View("zip", y, yLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout>>(
            Kernels.Gpu.Zip.Strided<T, TOp>, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (zLayout.Size, zv, zLayout, xv, xLayout, yv, yLayout);
    }

    /// <inheritdoc/>
    public override void Where<T>(Storage<T> z, StridedLayout zLayout, Storage<T> condition, StridedLayout cLayout,
        Storage<T> x, StridedLayout xLayout, Storage<T> y, StridedLayout yLayout)
    {
        if (zLayout.Size == 0) return;
        var (zv, cv) = (View("where", z, zLayout), View("where", condition, cLayout));
        var (xv, yv) = (View("where", x, xLayout), View("where", y, yLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout,
                ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout>>(
            Kernels.Gpu.Where.Strided<T>, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (zLayout.Size, zv, zLayout, cv, cLayout, xv, xLayout, yv, yLayout);
    }

    /// <inheritdoc/>
    public override void Reduce<T, TOp>(Storage<T> y, StridedLayout yLayout, Storage<T> x,
        StridedLayout xLayout, int axis)
    {
        if (xLayout.Shape[axis] == 0)
            throw new ArgumentException("reduce: cannot fold an empty axis without an identity");
        if (yLayout.Size == 0) return;
        var (yv, xv) = (View("reduce", y, yLayout), View("reduce", x, xLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int>>(
            Kernels.Gpu.Reduce.Strided<T, TOp>, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (yLayout.Size, yv, yLayout, xv, xLayout, axis);
    }

    /// <inheritdoc/>
    public override void Gather<T>(Storage<T> y, StridedLayout yLayout, Storage<T> x, StridedLayout xLayout,
        int axisSize, Storage<int> index, StridedLayout indexLayout, int axis)
    {
        if (yLayout.Size == 0) return;
        // The extent check covers the gathered axis at its real size.
        var fullX = xLayout.WithShape(axis, axisSize);
        var (yv, xv, iv) = (View("gather", y, yLayout), View("gather", x, fullX), View("gather", index, indexLayout));
        using var error = _accelerator.Allocate1D<int>(2);
        error.MemSetToZero();
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int,
                ArrayView<int>, StridedLayout, int, ArrayView<int>>>(
            Kernels.Gpu.Gather.Strided<T>, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (yLayout.Size, yv, yLayout, xv, xLayout, axisSize, iv, indexLayout, axis, error.View);
        _accelerator.Synchronize();
        var flag = error.GetAsArray1D();
        if (flag[0] != 0)
            throw new IndexOutOfRangeException($"gather: index {flag[1]} is out of range for an axis of " +
                                               $"size {axisSize}");
    }

    /// <summary>
    /// Two launches: <see cref="Kernels.Gpu.ScatterAdd.CheckIndices"/> reads every index, and only when all are in
    /// range does
    /// <see cref="Kernels.Gpu.ScatterAdd.Strided{T}"/> add, so a bad index leaves x unchanged. Float sums are added
    /// with atomics in no fixed order (see the kernel's remarks).
    /// </summary>
    public override void ScatterAdd<T>(Storage<T> x, StridedLayout xLayout, int axisSize, Storage<T> y,
        StridedLayout yLayout, Storage<int> index, StridedLayout indexLayout, int axis)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double) && typeof(T) != typeof(int))
            throw new NotSupportedException($"{Name} scatter_add: the atomic adds are written for float32, float64 " +
                                            $"and int32, not {typeof(T).Name}");
        if (yLayout.Size == 0) return;
        // The extent check covers the scattered axis at its real size.
        var fullX = xLayout.WithShape(axis, axisSize);
        var (xv, yv, iv) = (View("scatter_add", x, fullX), View("scatter_add", y, yLayout),
            View("scatter_add", index, indexLayout));
        using var error = _accelerator.Allocate1D<int>(2);
        error.MemSetToZero();
        Kernel<Action<Index1D, ArrayView<int>, StridedLayout, int, ArrayView<int>>>(
            Kernels.Gpu.ScatterAdd.CheckIndices, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (yLayout.Size, iv, indexLayout, axisSize, error.View);
        _accelerator.Synchronize();
        var flag = error.GetAsArray1D();
        if (flag[0] != 0)
            throw new IndexOutOfRangeException($"scatter_add: index {flag[1]} is out of range for an axis of " +
                                               $"size {axisSize}");
        // Every index is in range, so the kernel's own flag stays down and is not read back.
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, int, ArrayView<T>, StridedLayout,
                ArrayView<int>, StridedLayout, int, ArrayView<int>>>(
            Kernels.Gpu.ScatterAdd.Strided<T>, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (yLayout.Size, xv, xLayout, axisSize, yv, yLayout, iv, indexLayout, axis, error.View);
        _accelerator.Synchronize();   // the kernel holds the flag buffer, which `using` frees on return
    }

    /// <inheritdoc/>
    public override void MatMul<T>(Storage<T> c, StridedLayout cLayout, Storage<T> a, StridedLayout aLayout,
        Storage<T> b, StridedLayout bLayout)
    {
        if (cLayout.Size == 0) return;
        var (cv, av, bv) = (View("matmul", c, cLayout), View("matmul", a, aLayout), View("matmul", b, bLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout>>(
            Kernels.Gpu.MatMul.Strided<T>, static (a, k) => a.LoadAutoGroupedStreamKernel(k))
            (cLayout.Size, cv, cLayout, av, aLayout, bv, bLayout);
    }

    /// <inheritdoc/>
    public override void Conv2D<T>(Storage<T> y, Storage<T> x, Storage<T> w, ConvGeometry g) =>
        Launch3(Kernels.Gpu.Conv2D.Forward<T>, "conv2d", g.OutputSize, y, x, g.InputSize, w, g.KernelSize, g);

    /// <inheritdoc/>
    public override void Conv2DInputGradient<T>(Storage<T> dx, Storage<T> dy, Storage<T> w, ConvGeometry g) =>
        Launch3(Kernels.Gpu.Conv2D.InputGradient<T>, "conv2d input gradient", g.InputSize, dx, dy, g.OutputSize, w,
            g.KernelSize, g);

    /// <inheritdoc/>
    public override void Conv2DWeightGradient<T>(Storage<T> dw, Storage<T> x, Storage<T> dy, ConvGeometry g) =>
        Launch3(Kernels.Gpu.Conv2D.WeightGradient<T>, "conv2d weight gradient", g.KernelSize, dw, x, g.InputSize, dy,
            g.OutputSize, g);

    /// <inheritdoc/>
    public override void MaxPool2D<T>(Storage<T> y, Storage<T> x, ConvGeometry g) =>
        Launch2(Kernels.Gpu.Pool2D.MaxForward<T>, "max_pool2d", g.OutputSize, y, x, g.InputSize, g);

    /// <inheritdoc/>
    public override void MaxPool2DBackward<T>(Storage<T> dx, Storage<T> dy, Storage<T> x, ConvGeometry g) =>
        Launch3(Kernels.Gpu.Pool2D.MaxBackward<T>, "max_pool2d backward", g.InputSize, dx, dy, g.OutputSize, x,
            g.InputSize, g);

    /// <inheritdoc/>
    public override void AvgPool2D<T>(Storage<T> y, Storage<T> x, ConvGeometry g) =>
        Launch2(Kernels.Gpu.Pool2D.AverageForward<T>, "avg_pool2d", g.OutputSize, y, x, g.InputSize, g);

    /// <inheritdoc/>
    public override void AvgPool2DBackward<T>(Storage<T> dx, Storage<T> dy, ConvGeometry g) =>
        Launch2(Kernels.Gpu.Pool2D.AverageBackward<T>, "avg_pool2d backward", g.InputSize, dx, dy, g.OutputSize, g);

    // The convolution and pooling launchers: one thread per element of the output (its first buffer), every buffer
    // dense from element 0 and checked to hold the elements the geometry names.
    private void Launch2<T>(Action<Index1D, ArrayView<T>, ArrayView<T>, ConvGeometry> kernel, string op, long outSize,
        Storage<T> output, Storage<T> a, long aSize, ConvGeometry g) where T : unmanaged
    {
        if (outSize == 0) return;
        Kernel(kernel, static (acc, k) => acc.LoadAutoGroupedStreamKernel(k))
            ((int)outSize, Dense(op, output, outSize), Dense(op, a, aSize), g);
    }

    private void Launch3<T>(Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ConvGeometry> kernel, string op,
        long outSize, Storage<T> output, Storage<T> a, long aSize, Storage<T> b, long bSize, ConvGeometry g)
        where T : unmanaged
    {
        if (outSize == 0) return;
        Kernel(kernel, static (acc, k) => acc.LoadAutoGroupedStreamKernel(k))
            ((int)outSize, Dense(op, output, outSize), Dense(op, a, aSize), Dense(op, b, bSize), g);
    }

    private ArrayView<T> Dense<T>(string op, Storage<T> storage, long size) where T : unmanaged =>
        View(op, storage, StridedLayout.RowMajor([(int)size]));

    // Compiles a kernel the first time it is asked for and returns the cached launcher after that. The key is
    // the constructed generic method (Map<float, float, ExpOp<float>>, …): one compilation per instantiation.
    // `load` is ILGPU's loader, written at each call site where the delegate type is known, so that ILGPU
    // infers the kernel's parameter types from it.
    private TKernel Kernel<TKernel>(TKernel kernel, Func<Accelerator, TKernel, TKernel> load) where TKernel : Delegate
        => (TKernel)_kernels.GetOrAdd(kernel.Method, _ => new Lazy<Delegate>(() => load(_accelerator, kernel))).Value;

    private MemoryBuffer1D<T, Stride1D.Dense> Buffer<T>(Storage<T> storage) where T : unmanaged =>
        storage is IlgpuStorage<T> s && ReferenceEquals(s.Device, this) ? s.Buffer
            : throw new InvalidOperationException($"{Name}: storage lives on {storage.Device.Name}; move it with " +
                                                  ".To(device) first");

    // The kernel contract: every position a layout can produce must lie inside its buffer, checked
    // here on the host, because an out-of-range read in a kernel crashes the process instead of throwing.
    private ArrayView<T> View<T>(string op, Storage<T> storage, StridedLayout layout) where T : unmanaged
    {
        var buffer = Buffer(storage);
        var (min, max) = layout.Extent();
        if (max >= min && (min < 0 || max >= buffer.Length))
            throw new ArgumentOutOfRangeException(nameof(layout), $"{Name} {op}: a view reaches elements [{min}, " +
                                                                  $"{max}] of a buffer of {buffer.Length}");
        return buffer.View;
    }

    // ---- recurrent cells: the GPU twins are not written yet ----

    private NotSupportedException NoRecurrentKernel(string cell) =>
        new($"{Name}: the {cell} kernels have no GPU twin yet; run recurrent layers on Device.Cpu");

    /// <inheritdoc/>
    public override void SimpleRnnForward<T>(Storage<T> y, Storage<T> gates, Storage<T> operands, Storage<T> xz,
        Storage<T> u, Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g) =>
        throw NoRecurrentKernel("simple rnn");

    /// <inheritdoc/>
    public override void SimpleRnnBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> dh0, Storage<T> dy,
        Storage<T> gates, Storage<T> operands, Storage<T> u, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) => throw NoRecurrentKernel("simple rnn");

    /// <inheritdoc/>
    public override void LstmForward<T>(Storage<T> y, Storage<T> gates, Storage<T> cells, Storage<T> operands,
        Storage<T> xz, Storage<T> u, Storage<T> h0, Storage<T> c0, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) => throw NoRecurrentKernel("lstm");

    /// <inheritdoc/>
    public override void LstmBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> dh0, Storage<T> dc0,
        Storage<T> dy, Storage<T> y, Storage<T> gates, Storage<T> cells, Storage<T> operands, Storage<T> u,
        Storage<T> c0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g) =>
        throw NoRecurrentKernel("lstm");

    /// <inheritdoc/>
    public override void GruForward<T>(Storage<T> y, Storage<T> gates, Storage<T> candidates, Storage<T> operands,
        Storage<T> xz, Storage<T> u, Storage<T> rb, Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask,
        RecurrentGeometry g) => throw NoRecurrentKernel("gru");

    /// <inheritdoc/>
    public override void GruBackward<T>(Storage<T> dxz, Storage<T> du, Storage<T> drb, Storage<T> dh0,
        Storage<T> dy, Storage<T> y, Storage<T> gates, Storage<T> candidates, Storage<T> operands, Storage<T> u,
        Storage<T> h0, Storage<T> mask, Storage<T> recurrentMask, RecurrentGeometry g) =>
        throw NoRecurrentKernel("gru");

    // ---- the fused optimizer step ----

    /// <inheritdoc/>
    public override UpdateFlags OptimizerUpdateCheck<T>(Storage<T> w, Storage<T> s0, Storage<T> s1, Storage<T> s2,
        Storage<T> g, UpdateRule<T> rule)
    {
        int n = g.Length;
        if (n == 0) return UpdateFlags.None;
        var (wv, a, b, c, gv) = UpdateViews("optimizer update", w, s0, s1, s2, g, rule);
        using var flags = _accelerator.Allocate1D<int>(1);
        flags.MemSetToZero();
        Kernel<Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, UpdateRule<T>,
                ArrayView<int>>>(
            Kernels.Gpu.OptimizerUpdate.Check<T>, static (acc, k) => acc.LoadAutoGroupedStreamKernel(k))
            (n, wv, a, b, c, gv, rule, flags.View);
        _accelerator.Synchronize();
        var bits = (UpdateFlags)flags.GetAsArray1D()[0];
        // A thread whose gradient is not finite computes no result: report the gradient, as the CPU twin does.
        return bits.HasFlag(UpdateFlags.GradientNotFinite) ? UpdateFlags.GradientNotFinite : bits;
    }

    /// <inheritdoc/>
    public override void OptimizerUpdateApply<T>(Storage<T> w, Storage<T> s0, Storage<T> s1, Storage<T> s2,
        Storage<T> g, UpdateRule<T> rule)
    {
        int n = g.Length;
        if (n == 0) return;
        var (wv, a, b, c, gv) = UpdateViews("optimizer update", w, s0, s1, s2, g, rule);
        Kernel<Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, UpdateRule<T>>>(
            Kernels.Gpu.OptimizerUpdate.Apply<T>, static (acc, k) => acc.LoadAutoGroupedStreamKernel(k))
            (n, wv, a, b, c, gv, rule);
    }

    // Every buffer the rule touches holds the gradient's n elements (the weight always, the slots it uses).
    private (ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>) UpdateViews<T>(string op,
        Storage<T> w, Storage<T> s0, Storage<T> s1, Storage<T> s2, Storage<T> g, UpdateRule<T> rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Length;
        ArrayView<T> Slot(Storage<T> s, int k) => rule.UsesSlot(k) ? Dense(op, s, n) : Buffer(w).View;
        return (Dense(op, w, n), Slot(s0, 0), Slot(s1, 1), Slot(s2, 2), Dense(op, g, n));
    }
}
