using System.Numerics;
using DeepSeq.Devices;
using DeepSeq.Kernels;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq;

/// <summary>
/// An n-dimensional array of <typeparamref name="T"/> (float, double, or int for indices): a view —
/// shape, strides and offset — onto a storage that lives on a <see cref="Devices.Device"/>.
/// </summary>
/// <remarks>
/// <para>Element (i₀, …, iₙ₋₁) is <c>Storage[Offset + Σ iₖ·Strides[k]]</c>. Views (reshape of a
/// contiguous tensor, transpose, slice, broadcast) build a new <see cref="Tensor{T}"/> over the same
/// storage; operations always return fresh, dense, row-major tensors. Tensors are immutable values
/// as far as the public API goes: no operation writes into its inputs.</para>
/// <para>The operations live in src/Tensor/Ops, one family per file (elementwise, reductions, matmul,
/// joining, indexing, softmax), and every one of them runs on any device through the seven primitives of
/// <see cref="Devices.Device"/>.</para>
/// </remarks>
public sealed class Tensor<T> where T : unmanaged, INumber<T>
{
    private readonly int[] _strides;

    internal Tensor(Storage<T> storage, Shape shape, int[] strides, int offset)
    {
        Storage = storage;
        Shape = shape;
        _strides = strides;
        Offset = offset;
        Layout = new StridedLayout(shape.Dims, strides, offset);
    }

    /// <summary>A dense row-major tensor over <paramref name="storage"/>.</summary>
    internal Tensor(Storage<T> storage, Shape shape) : this(storage, shape, shape.RowMajorStrides(), 0)
    {
        if (storage.Length < shape.Size)
            throw new ArgumentException($"tensor: storage of {storage.Length} elements is too small for shape {shape}");
    }

    /// <summary>The size of each dimension.</summary>
    public Shape Shape { get; }

    /// <summary>Step in the storage per unit of each index (0 along a broadcast dimension, negative along a reversed
    /// one).</summary>
    public ReadOnlySpan<int> Strides => _strides;

    /// <summary>Position of element (0, …, 0) in the storage.</summary>
    public int Offset { get; }

    /// <summary>The storage this tensor views.</summary>
    public Storage<T> Storage { get; }

    /// <summary>Shape, strides and offset in the form the kernels take.</summary>
    public StridedLayout Layout { get; }

    /// <summary>The device holding the storage.</summary>
    public Device Device => Storage.Device;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Size => Shape.Size;

    /// <summary>NumPy's name of the element type: <c>float32</c>, <c>float64</c>, <c>int32</c>.</summary>
    public static string DType => TensorFormatter.DTypeName<T>();

    /// <summary>True when the elements are dense in row-major order from <see cref="Offset"/> (size-1 dimensions may
    /// have any stride).</summary>
    public bool IsContiguous
    {
        get
        {
            int expected = 1;
            for (int d = Rank - 1; d >= 0; d--)
            {
                if (Shape.Dims[d] == 1) continue;
                if (_strides[d] != expected) return false;
                expected *= Shape.Dims[d];
            }
            return true;
        }
    }

    /// <summary>This tensor if it is already contiguous; otherwise a dense row-major copy on the same device.</summary>
    public Tensor<T> Contiguous() => IsContiguous ? this : Copy();

    /// <summary>A dense row-major copy (never shares storage with this tensor).</summary>
    public Tensor<T> Copy()
    {
        var result = Tensor.Empty<T>(Shape, Device);
        Device.Map<T, T, IdentityOp<T>>(result.Storage, result.Layout, Storage, Layout);
        return result;
    }

    /// <summary>The elements converted to <typeparamref name="TOut"/> (float → int rounds toward zero and saturates,
    /// NaN → 0).</summary>
    public Tensor<TOut> Cast<TOut>() where TOut : unmanaged, INumber<TOut>
        => Casting.Cast<T, TOut>(this);

    /// <summary>This tensor on <paramref name="device"/>: the same object if it is already there, else a copy (an
    /// explicit host ↔ device transfer).</summary>
    public Tensor<T> To(Device device)
    {
        if (ReferenceEquals(device, Device)) return this;
        return new Tensor<T>(device.Upload<T>(ToArray()), Shape);
    }

    /// <summary>The elements in row-major order, copied to a new host array (downloads from a device).</summary>
    public T[] ToArray()
    {
        var dense = Contiguous();
        var values = new T[Size];
        Device.Download(dense.Storage, dense.Offset, values);   // only this view's elements travel
        return values;
    }

    /// <summary>The value of a one-element tensor (any rank), like PyTorch's <c>item()</c>.</summary>
    public T Item()
    {
        if (Size != 1) throw new InvalidOperationException($"item: tensor of shape {Shape} has {Size} elements, not 1");
        return Read(Offset);
    }

    /// <summary>Element at the given indices (negative indices count from the end). Reads one value back from the
    /// device.</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public T this[params int[] indices]
    {
        get
        {
            if (indices.Length != Rank)
                throw new ArgumentException($"index: {indices.Length} indices for a tensor of shape {Shape}");
            int position = Offset;
            for (int d = 0; d < Rank; d++)
            {
                int size = Shape.Dims[d], i = indices[d] < 0 ? indices[d] + size : indices[d];
                if (i < 0 || i >= size)
                    throw new IndexOutOfRangeException(
                        $"index: {indices[d]} is out of range for dimension {d} of shape {Shape}");
                position += i * _strides[d];
            }
            return Read(position);
        }
    }

    // One element of the storage, copied to the host (one value crosses from a device, not the buffer).
    private T Read(int position)
    {
        Span<T> value = [default];
        Device.Download(Storage, position, value);
        return value[0];
    }

    /// <summary>NumPy-style text: values (middle elided for large tensors), shape and dtype.</summary>
    public override string ToString() => TensorFormatter.Format(this);

    // ---- operators (each forwards to the op of the same name in src/Tensor/Ops) ----

    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => a.Add(b);
    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => a.Subtract(b);
    /// <summary>Elementwise product with broadcasting (not the matrix product: see <c>MatMul</c>).</summary>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => a.Multiply(b);
    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => a.Divide(b);
    /// <summary>Adds a scalar to every element.</summary>
    public static Tensor<T> operator +(Tensor<T> a, T b) => a.Add(a.Scalar(b));
    /// <summary>Subtracts a scalar from every element.</summary>
    public static Tensor<T> operator -(Tensor<T> a, T b) => a.Subtract(a.Scalar(b));
    /// <summary>Multiplies every element by a scalar.</summary>
    public static Tensor<T> operator *(Tensor<T> a, T b) => a.Multiply(a.Scalar(b));
    /// <summary>Divides every element by a scalar.</summary>
    public static Tensor<T> operator /(Tensor<T> a, T b) => a.Divide(a.Scalar(b));
    /// <summary>Adds every element to a scalar.</summary>
    public static Tensor<T> operator +(T a, Tensor<T> b) => b.Scalar(a).Add(b);
    /// <summary>Subtracts every element from a scalar.</summary>
    public static Tensor<T> operator -(T a, Tensor<T> b) => b.Scalar(a).Subtract(b);
    /// <summary>Multiplies a scalar by every element.</summary>
    public static Tensor<T> operator *(T a, Tensor<T> b) => b.Scalar(a).Multiply(b);
    /// <summary>Divides a scalar by every element.</summary>
    public static Tensor<T> operator /(T a, Tensor<T> b) => b.Scalar(a).Divide(b);
    /// <summary>Elementwise negation.</summary>
    public static Tensor<T> operator -(Tensor<T> a) => a.Negate();

    /// <summary>A 0-d tensor holding <paramref name="value"/> on this tensor's device (broadcasts against
    /// anything).</summary>
    public Tensor<T> Scalar(T value) => Tensor.Full(new Shape(), value, Device);
}
