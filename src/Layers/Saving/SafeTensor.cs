using System.Numerics;
using System.Runtime.InteropServices;
using DeepSeq.Devices;

namespace DeepSeq.Layers.Saving;

/// <summary>
/// One named tensor as a safetensors file stores it: a dtype, a shape, and the elements' bytes in C (row-major)
/// order, little-endian. Independent of any device: <see cref="From{T}"/> downloads, <see cref="ToTensor{T}"/> uploads.
/// </summary>
/// <remarks>
/// The bytes are the file's bytes, untouched: a float's NaN payload and the sign of a zero survive a save and a load.
/// Every instance is consistent — the constructor checks that <see cref="Data"/> holds exactly
/// <c>Shape.Size × DType.Size</c> bytes — so a writer never needs to check again.
/// </remarks>
public sealed class SafeTensor
{
    /// <summary>The header key reserved for the file's string-to-string metadata; no tensor may take it.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Makes an entry from raw little-endian bytes; throws <see cref="ArgumentException"/> when the name is
    /// empty or reserved, or the byte count does not fit the shape.</summary>
    public SafeTensor(string name, SafeTensorDType dtype, Shape shape, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        if (name.Length == 0) throw new ArgumentException("safetensors: a tensor name must not be empty", nameof(name));
        if (name == MetadataKey)
            throw new ArgumentException(
                $"safetensors: '{MetadataKey}' is reserved for the file's metadata and cannot name a tensor",
                nameof(name));
        long expected = (long)shape.Size * dtype.Size;
        if (data.Length != expected)
            throw new ArgumentException(
                $"safetensors: tensor '{name}' ({dtype}, shape {shape}) needs {expected} bytes, got {data.Length}",
                nameof(data));
        Name = name;
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>The key in the file's header, e.g. <c>dense/kernel</c>.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorDType DType { get; }

    /// <summary>The dimensions, outermost first; <c>()</c> for a scalar.</summary>
    public Shape Shape { get; }

    /// <summary>The elements, row-major, each <c>DType.Size</c> bytes, little-endian.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>
    /// Copies <paramref name="tensor"/> (any device, any strides) into an entry named <paramref name="name"/>.
    /// <typeparamref name="T"/> must be byte, int, float, double or long.
    /// </summary>
    public static SafeTensor From<T>(string name, Tensor<T> tensor) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var dtype = SafeTensorDTypes.Of<T>();
        RequireLittleEndian();
        long bytes = (long)tensor.Size * dtype.Size;
        if (bytes > Array.MaxLength)
            throw new ArgumentException(
                $"safetensors: tensor '{name}' (shape {tensor.Shape}) has " +
                $"{bytes} bytes; one entry holds at most {Array.MaxLength}");
        T[] values = tensor.ToArray();   // row-major, on the CPU, whatever the tensor's layout and device
        return new SafeTensor(name, dtype, tensor.Shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    /// <summary>
    /// The entry as a tensor on <paramref name="device"/> (the CPU by default). <typeparamref name="T"/> must be the
    /// .NET type of <see cref="DType"/>; no conversion is made, so a F64 entry read as float throws
    /// <see cref="InvalidCastException"/> naming the tensor (cast after loading if that is what you mean).
    /// </summary>
    public Tensor<T> ToTensor<T>(Device? device = null) where T : unmanaged, INumber<T>
    {
        if (DType.ElementType != typeof(T))
            throw new InvalidCastException(
                $"safetensors: tensor '{Name}' holds {DType} ({DType.ElementType.Name}); read it with " +
                $"ToTensor<{DType.ElementType.Name}>(), not ToTensor<{typeof(T).Name}>()");
        RequireLittleEndian();
        return Tensor.FromArray(MemoryMarshal.Cast<byte, T>(Data.Span), Shape, device);
    }

    /// <summary>For debuggers and messages: <c>dense/kernel: F32 (3,4)</c>.</summary>
    public override string ToString() => $"{Name}: {DType} {Shape}";

    // The format is little-endian and the bytes are reinterpreted in place; every platform .NET 10 ships for is
    // little-endian, so a big-endian one is refused rather than byte-swapped.
    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(
                "safetensors: DeepSeq reads and writes the format on little-endian machines only");
    }
}
