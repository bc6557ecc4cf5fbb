using System.Numerics;
using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Devices;

/// <summary>The host CPU: storages are managed arrays, kernels are the SIMD loops of src/Kernels/Cpu.</summary>
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
    public override void Map<TIn, TOut, TOp>(Storage<TOut> y, StridedLayout yLayout, Storage<TIn> x, StridedLayout xLayout)
        => Kernels.Cpu.Map.Strided<TIn, TOut, TOp>(Host(y), yLayout, Host(x), xLayout);

    /// <inheritdoc/>
    public override void Zip<T, TOp>(Storage<T> z, StridedLayout zLayout, Storage<T> x, StridedLayout xLayout, Storage<T> y, StridedLayout yLayout)
        => Kernels.Cpu.Zip.Strided<T, TOp>(Host(z), zLayout, Host(x), xLayout, Host(y), yLayout);

    /// <inheritdoc/>
    public override void Where<T>(Storage<T> z, StridedLayout zLayout, Storage<T> condition, StridedLayout cLayout,
        Storage<T> x, StridedLayout xLayout, Storage<T> y, StridedLayout yLayout)
        => Kernels.Cpu.Where.Strided(Host(z), zLayout, Host(condition), cLayout, Host(x), xLayout, Host(y), yLayout);

    /// <inheritdoc/>
    public override void Reduce<T, TOp>(Storage<T> y, StridedLayout yLayout, Storage<T> x, StridedLayout xLayout, int axis)
        => Kernels.Cpu.Reduce.Strided<T, TOp>(Host(y), yLayout, Host(x), xLayout, axis);

    /// <inheritdoc/>
    public override void Gather<T>(Storage<T> y, StridedLayout yLayout, Storage<T> x, StridedLayout xLayout, int axisSize,
        Storage<int> index, StridedLayout indexLayout, int axis)
        => Kernels.Cpu.Gather.Strided(Host(y), yLayout, Host(x), xLayout, axisSize, Host(index), indexLayout, axis);

    /// <inheritdoc/>
    public override void ScatterAdd<T>(Storage<T> x, StridedLayout xLayout, int axisSize, Storage<T> y, StridedLayout yLayout,
        Storage<int> index, StridedLayout indexLayout, int axis)
        => Kernels.Cpu.ScatterAdd.Strided(Host(x), xLayout, axisSize, Host(y), yLayout, Host(index), indexLayout, axis);

    /// <summary>
    /// One GEMM call per batch element. Each operand's two inner strides say how to read it:
    /// unit column stride is row-major, unit row stride is a transposed read (no copy); anything else
    /// (a sliced or broadcast inner dim) is first copied to a dense block.
    /// </summary>
    public override void MatMul<T>(Storage<T> c, StridedLayout cLayout, Storage<T> a, StridedLayout aLayout, Storage<T> b, StridedLayout bLayout)
    {
        int rank = cLayout.Rank;
        int m = cLayout.Shape[rank - 2], n = cLayout.Shape[rank - 1], k = aLayout.Shape[rank - 1];
        int batch = m * n == 0 ? 0 : cLayout.Size / (m * n);
        T[] cs = Host(c);
        var (aData, aT, lda, aLay) = GemmOperand(Host(a), aLayout);
        var (bData, bT, ldb, bLay) = GemmOperand(Host(b), bLayout);
        for (int i = 0; i < batch; i++)
            Gemm.Multiply(aT, bT, m, n, k, T.One, aData.AsSpan(aLay.OffsetOfBatch(i)), lda, bData.AsSpan(bLay.OffsetOfBatch(i)), ldb,
                T.Zero, cs.AsSpan(i * m * n, m * n), n);
    }

    // Returns the array to read, whether it is transposed, its leading dimension, and the layout to find batch starts in.
    private static (T[] Data, bool Transposed, int Ld, StridedLayout Layout) GemmOperand<T>(T[] data, StridedLayout layout)
        where T : unmanaged, INumber<T>
    {
        int rank = layout.Rank;
        int rows = layout.Shape[rank - 2], cols = layout.Shape[rank - 1];
        int rowStride = layout.Strides[rank - 2], colStride = layout.Strides[rank - 1];
        // A single row or column has no leading dimension to speak of: any stride reads it.
        if (colStride == 1 && (rows == 1 || rowStride >= cols)) return (data, false, rows == 1 ? Math.Max(cols, 1) : rowStride, layout);
        if (rowStride == 1 && (cols == 1 || colStride >= rows)) return (data, true, cols == 1 ? Math.Max(rows, 1) : colStride, layout);
        // A dense copy of each distinct matrix: a broadcast batch dimension (stride 0) is copied once and
        // keeps stride 0 in the layout handed back, so a huge broadcast batch costs no memory.
        var source = layout;
        for (int d = 0; d < rank - 2; d++)
            if (layout.Strides[d] == 0) source = source.WithShape(d, 1);
        var shape = new int[rank];
        for (int d = 0; d < rank; d++) shape[d] = source.Shape[d];
        var dense = StridedLayout.RowMajor(shape);
        var copy = new T[dense.Size];
        Kernels.Cpu.Map.Strided<T, T, IdentityOp<T>>(copy, dense, data, source);
        var view = dense;
        for (int d = 0; d < rank - 2; d++)
            if (layout.Strides[d] == 0) view = view.WithShape(d, layout.Shape[d]).WithStride(d, 0);
        return (copy, false, Math.Max(cols, 1), view);
    }

    private static T[] Host<T>(Storage<T> storage) where T : unmanaged =>
        storage is CpuStorage<T> cpu ? cpu.Array
            : throw new InvalidOperationException($"cpu: storage lives on {storage.Device.Name}; copy it to the CPU first with .To(Device.Cpu)");
}
