using System.Numerics;
using DeepSeq.Devices;

namespace DeepSeq;

/// <summary>
/// Creating tensors: filled, ranges, and from .NET arrays (NumPy's <c>zeros</c>, <c>arange</c>, <c>array</c>, …).
/// Every factory takes an optional device; the default is the CPU.
/// </summary>
public static partial class Tensor
{
    /// <summary>
    /// A dense tensor with unspecified contents: the output buffer of an op whose kernel writes every
    /// element (skipping the zero fill saves one pass over memory).
    /// </summary>
    internal static Tensor<T> Empty<T>(Shape shape, Device device) where T : unmanaged, INumber<T>
        => new(device.Allocate<T>(shape.Size, zeroed: false), shape);

    /// <summary>All zeros. NumPy <c>zeros</c>.</summary>
    public static Tensor<T> Zeros<T>(Shape shape, Device? device = null) where T : unmanaged, INumber<T>
        => new((device ?? Device.Cpu).Allocate<T>(shape.Size, zeroed: true), shape);

    /// <summary>All ones. NumPy <c>ones</c>.</summary>
    public static Tensor<T> Ones<T>(Shape shape, Device? device = null) where T : unmanaged, INumber<T>
        => Full(shape, T.One, device);

    /// <summary>Every element equal to <paramref name="value"/>. NumPy <c>full</c>.</summary>
    public static Tensor<T> Full<T>(Shape shape, T value, Device? device = null) where T : unmanaged, INumber<T>
    {
        var data = new T[shape.Size];
        Array.Fill(data, value);
        return FromArray(data, shape, device);
    }

    /// <summary>A 0-d tensor.</summary>
    public static Tensor<T> Scalar<T>(T value, Device? device = null) where T : unmanaged, INumber<T>
        => FromArray([value], new Shape(), device);

    /// <summary>
    /// start, start+step, … up to but excluding <paramref name="stop"/>: ⌈(stop − start)/step⌉ elements. NumPy
    /// <c>arange</c>. Element i is computed as start + i·step (not by repeated addition), so no error accumulates.
    /// </summary>
    public static Tensor<T> Arange<T>(T start, T stop, T step, Device? device = null) where T : unmanaged, INumber<T>
    {
        if (step == T.Zero) throw new ArgumentException("arange: step must not be zero");
        double count = Math.Ceiling(double.CreateChecked(stop - start) / double.CreateChecked(step));
        int n = count > 0 ? checked((int)count) : 0;
        var data = new T[n];
        for (int i = 0; i < n; i++) data[i] = start + T.CreateChecked(i) * step;
        return FromArray(data, new Shape(n), device);
    }

    /// <summary>0, 1, …, stop − 1. NumPy <c>arange(stop)</c>.</summary>
    public static Tensor<T> Arange<T>(T stop, Device? device = null) where T : unmanaged, INumber<T>
        => Arange(T.Zero, stop, T.One, device);

    /// <summary>
    /// <paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/>
    /// inclusive. NumPy <c>linspace</c>; the last element is exactly <paramref name="stop"/>.
    /// </summary>
    public static Tensor<T> Linspace<T>(T start, T stop, int count, Device? device = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count < 0) throw new ArgumentException($"linspace: count must be >= 0, got {count}");
        var data = new T[count];
        T step = count > 1 ? (stop - start) / T.CreateChecked(count - 1) : T.Zero;
        for (int i = 0; i < count; i++) data[i] = start + T.CreateChecked(i) * step;
        if (count > 1) data[^1] = stop;
        return FromArray(data, new Shape(count), device);
    }

    /// <summary>A tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/> in row-major
    /// order.</summary>
    public static Tensor<T> FromArray<T>(ReadOnlySpan<T> data, Shape shape, Device? device = null)
        where T : unmanaged, INumber<T>
    {
        if (data.Length != shape.Size)
            throw new ArgumentException(
                $"from_array: {data.Length} values cannot fill shape {shape} ({shape.Size} elements)");
        return new Tensor<T>((device ?? Device.Cpu).Upload(data), shape);
    }

    /// <summary>
    /// A CPU tensor of <paramref name="shape"/> over <paramref name="data"/> itself, without a copy (PyTorch
    /// <c>torch.from_numpy</c>): for data sets built in a large array, where a copy would double the memory. The
    /// tensor now owns the array: tensors are never modified in place, so changing the array afterwards would
    /// change a tensor behind the library's back — don't.
    /// </summary>
    public static Tensor<T> Wrap<T>(T[] data, Shape shape) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != shape.Size)
            throw new ArgumentException(
                $"wrap: {data.Length} values cannot fill shape {shape} ({shape.Size} elements)");
        return new Tensor<T>(new Devices.CpuStorage<T>(data), shape);
    }

    /// <summary>A 1-d tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor<T> FromArray<T>(T[] data, Device? device = null) where T : unmanaged, INumber<T>
        => FromArray<T>(data, new Shape(data.Length), device);

    /// <summary>
    /// A tensor from a rectangular (<c>float[,]</c>) or jagged (<c>float[][]</c>) .NET array, or any nesting of
    /// the two. Jagged rows must all have the same length: a ragged array throws, naming the first bad row.
    /// </summary>
    public static Tensor<T> FromArray<T>(Array nested, Device? device = null) where T : unmanaged, INumber<T>
    {
        var dims = new List<int>();
        InferShape<T>(nested, dims);
        var shape = new Shape(dims.ToArray());
        var data = new List<T>(shape.Size);
        Flatten(nested, dims, 0, data, "");
        return FromArray<T>(data.ToArray(), shape, device);
    }

    private static void InferShape<T>(Array array, List<int> dims)
    {
        for (int r = 0; r < array.Rank; r++) dims.Add(array.GetLength(r));
        var elementType = array.GetType().GetElementType()!;
        if (elementType == typeof(T)) return;
        if (!elementType.IsArray)
            throw new ArgumentException(
                $"from_array: elements are {elementType.Name}, expected {typeof(T).Name} or nested arrays of it");
        if (array.Length == 0) throw new ArgumentException(
            "from_array: cannot infer the shape of an empty jagged array");
        InferShape<T>((Array)array.GetValue(new int[array.Rank])!, dims);
    }

    private static void Flatten<T>(Array array, List<int> dims, int depth, List<T> output, string path)
    {
        for (int r = 0; r < array.Rank; r++)
            if (array.GetLength(r) != dims[depth + r])
                throw new ArgumentException($"from_array: ragged array: element {path} has length " +
                    $"{array.GetLength(r)} along dimension {depth + r}, expected {dims[depth + r]}");
        int i = 0;
        foreach (var item in array)
        {
            if (item is T value) output.Add(value);
            else if (item is Array inner) Flatten(inner, dims, depth + array.Rank, output, $"{path}[{i}]");
            else throw new ArgumentException($"from_array: element {path}[{i}] is null");
            i++;
        }
    }
}
