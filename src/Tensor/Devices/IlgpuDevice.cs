using System.Collections.Concurrent;
using System.Numerics;
using DeepSeq.Kernels;
using DeepSeq.Kernels.Gpu;
using DeepSeq.Kernels.Ops;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace DeepSeq.Devices;

/// <summary>Device memory owned by an ILGPU accelerator.</summary>
public sealed class IlgpuStorage<T>(IlgpuDevice device, MemoryBuffer1D<T, Stride1D.Dense> buffer) : Storage<T> where T : unmanaged
{
    /// <summary>The ILGPU buffer.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Buffer { get; } = buffer;
    /// <inheritdoc/>
    public override Device Device => device;
    /// <inheritdoc/>
    public override int Length => (int)Buffer.Length;
}

/// <summary>
/// A device backed by an ILGPU accelerator: its CPU accelerator here (a simulated GPU that runs the
/// very kernels a CUDA card would), a CUDA GPU where there is one. Data stays in accelerator memory
/// between operations; <see cref="Download{T}"/> is the only way back to the host.
/// </summary>
/// <remarks>
/// ILGPU wants one <see cref="Context"/> and one accelerator per process, and compiling a kernel is
/// slow (tens of milliseconds), so <see cref="CpuSimulator"/> is a lazily created singleton and every
/// kernel is compiled once per (kernel, type arguments) and cached. ILGPU generates code with
/// Reflection.Emit: DeepSeq must never be trimmed or compiled ahead of time.
/// </remarks>
public sealed class IlgpuDevice : Device, IDisposable
{
    private static readonly Lazy<IlgpuDevice> s_cpuSimulator = new(CreateCpuSimulator);
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly ConcurrentDictionary<(string Kernel, Type A, Type B, Type C), Delegate> _kernels = new();

    private IlgpuDevice(Context context, Accelerator accelerator, string name)
    {
        _context = context;
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
        var accelerator = context.CreateCPUAccelerator(0);
        return new IlgpuDevice(context, accelerator, "ilgpu:cpu");
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The ILGPU accelerator behind this device.</summary>
    public Accelerator Accelerator => _accelerator;

    /// <summary>Releases the accelerator and context (the shared simulator lives until the process ends).</summary>
    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    // ---- memory ----

    /// <inheritdoc/>
    public override Storage<T> Allocate<T>(int length)
    {
        var buffer = _accelerator.Allocate1D<T>(length);
        buffer.MemSetToZero();
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
    public override void Download<T>(Storage<T> source, Span<T> destination)
    {
        _accelerator.Synchronize();
        if (!destination.IsEmpty) Buffer(source).View.AsContiguous().CopyToCPU(destination);
    }

    // ---- compute ----

    /// <inheritdoc/>
    public override void Map<TIn, TOut, TOp>(Storage<TOut> y, StridedLayout yLayout, Storage<TIn> x, StridedLayout xLayout)
    {
        if (yLayout.Size == 0) return;   // ILGPU rejects a launch of 0 threads
        var (yv, xv) = (View(y, yLayout), View(x, xLayout));
        Kernel<Action<Index1D, ArrayView<TOut>, StridedLayout, ArrayView<TIn>, StridedLayout>>(
            "map", typeof(TIn), typeof(TOut), typeof(TOp),
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TOut>, StridedLayout, ArrayView<TIn>, StridedLayout>(
                ElementwiseKernels.Map<TIn, TOut, TOp>))
            (yLayout.Size, yv, yLayout, xv, xLayout);
    }

    /// <inheritdoc/>
    public override void Zip<T, TOp>(Storage<T> z, StridedLayout zLayout, Storage<T> x, StridedLayout xLayout, Storage<T> y, StridedLayout yLayout)
    {
        if (zLayout.Size == 0) return;
        var (zv, xv, yv) = (View(z, zLayout), View(x, xLayout), View(y, yLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout>>(
            "zip", typeof(T), typeof(TOp), typeof(void),
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout>(
                ElementwiseKernels.Zip<T, TOp>))
            (zLayout.Size, zv, zLayout, xv, xLayout, yv, yLayout);
    }

    /// <inheritdoc/>
    public override void Where<T>(Storage<T> z, StridedLayout zLayout, Storage<T> condition, StridedLayout cLayout,
        Storage<T> x, StridedLayout xLayout, Storage<T> y, StridedLayout yLayout)
    {
        if (zLayout.Size == 0) return;
        var (zv, cv, xv, yv) = (View(z, zLayout), View(condition, cLayout), View(x, xLayout), View(y, yLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout>>(
            "where", typeof(T), typeof(void), typeof(void),
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout>(
                ElementwiseKernels.Where<T>))
            (zLayout.Size, zv, zLayout, cv, cLayout, xv, xLayout, yv, yLayout);
    }

    /// <inheritdoc/>
    public override void Reduce<T, TOp>(Storage<T> y, StridedLayout yLayout, Storage<T> x, StridedLayout xLayout, int axis)
    {
        int n = xLayout.Shape[axis];
        if (n == 0) throw new ArgumentException("reduce: cannot fold an empty axis without an identity");
        if (yLayout.Size == 0) return;
        var (yv, xv) = (View(y, yLayout), View(x, xLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int, int>>(
            "reduce", typeof(T), typeof(TOp), typeof(void),
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int, int>(
                ReduceKernels.Reduce<T, TOp>))
            (yLayout.Size, yv, yLayout, xv, xLayout.WithoutAxis(axis), n, xLayout.Strides[axis]);
    }

    /// <inheritdoc/>
    public override void Gather<T>(Storage<T> y, StridedLayout yLayout, Storage<T> x, StridedLayout xLayout, int axisSize,
        Storage<int> index, StridedLayout indexLayout, int axis)
    {
        if (yLayout.Size == 0) return;
        // The extent check covers the gathered axis at its real size.
        var fullX = xLayout.WithShape(axis, axisSize);
        var (yv, xv, iv) = (View(y, yLayout), View(x, fullX), View(index, indexLayout));
        using var error = _accelerator.Allocate1D<int>(2);
        error.MemSetToZero();
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int, ArrayView<int>, StridedLayout, int, ArrayView<int>>>(
            "gather", typeof(T), typeof(void), typeof(void),
            a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int, ArrayView<int>, StridedLayout, int, ArrayView<int>>(
                GatherKernels.Gather<T>))
            (yLayout.Size, yv, yLayout, xv, xLayout, axisSize, iv, indexLayout, axis, error.View);
        _accelerator.Synchronize();
        var flag = error.GetAsArray1D();
        if (flag[0] != 0)
            throw new IndexOutOfRangeException($"gather: index {flag[1]} is out of range for an axis of size {axisSize}");
    }

    /// <inheritdoc/>
    public override void MatMul<T>(Storage<T> c, StridedLayout cLayout, Storage<T> a, StridedLayout aLayout, Storage<T> b, StridedLayout bLayout)
    {
        if (cLayout.Size == 0) return;
        var (cv, av, bv) = (View(c, cLayout), View(a, aLayout), View(b, bLayout));
        Kernel<Action<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int>>(
            "matmul", typeof(T), typeof(void), typeof(void),
            acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, ArrayView<T>, StridedLayout, int>(
                MatMulKernels.MatMulNaive<T>))
            (cLayout.Size, cv, cLayout, av, aLayout, bv, bLayout, aLayout.Shape[aLayout.Rank - 1]);
    }

    // Compiles a kernel the first time it is asked for and returns the cached launcher after that.
    private TKernel Kernel<TKernel>(string name, Type a, Type b, Type c, Func<Accelerator, TKernel> load) where TKernel : Delegate
        => (TKernel)_kernels.GetOrAdd((name, a, b, c), _ => load(_accelerator));

    private MemoryBuffer1D<T, Stride1D.Dense> Buffer<T>(Storage<T> storage) where T : unmanaged =>
        storage is IlgpuStorage<T> s && ReferenceEquals(s.Device, this) ? s.Buffer
            : throw new InvalidOperationException($"{Name}: storage lives on {storage.Device.Name}; move it with .To(device) first");

    // The kernel contract: every position a layout can produce must lie inside its buffer, checked
    // here on the host, because an out-of-range read in a kernel crashes the process instead of throwing.
    private ArrayView<T> View<T>(Storage<T> storage, StridedLayout layout) where T : unmanaged
    {
        var buffer = Buffer(storage);
        var (min, max) = layout.Extent();
        if (max >= min && (min < 0 || max >= buffer.Length))
            throw new ArgumentOutOfRangeException(nameof(layout), $"{Name}: a view reaches elements [{min}, {max}] of a buffer of {buffer.Length}");
        return buffer.View;
    }
}
