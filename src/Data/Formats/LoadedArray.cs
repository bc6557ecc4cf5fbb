namespace DeepSeq.Data.Formats;

/// <summary>
/// One array read from a data file (.npy, an .npz member, or an IDX file): the element type it had on disk,
/// its shape, and the DeepSeq tensor now holding its values.
/// </summary>
/// <remarks>
/// <para>
/// Files hold many element types (bytes, 16-bit ints, halves, doubles, …) but DeepSeq computes in three:
/// <see cref="float"/>, <see cref="double"/> and <see cref="int"/>. Every reader maps a stored type to the
/// narrowest of these that holds every value exactly:
/// </para>
/// <list type="table">
///   <listheader><term>on disk (NumPy notation)</term><description>tensor</description></listheader>
///   <item><term><c>f2</c>, <c>f4</c></term><description><see cref="Tensor{T}"/> of
///   <see cref="float"/></description></item>
///   <item><term><c>f8</c></term><description><see cref="Tensor{T}"/> of <see cref="double"/></description></item>
///   <item><term><c>b1</c>, <c>i1</c>, <c>u1</c>, <c>i2</c>, <c>u2</c>,
///   <c>i4</c></term><description><see cref="Tensor{T}"/> of <see cref="int"/> (bools become 0/1)</description></item>
///   <item><term><c>i8</c></term><description><see cref="Tensor{T}"/> of <see cref="int"/>, but only if every value
///   lies in the int range: a value beyond ±2³¹ throws <see cref="DataFormatException"/> naming the file and the
///   element, rather than wrapping silently (silent wrap-around would turn a label 4294967296 into 0 and nobody would
///   notice).</description></item>
/// </list>
/// <para>
/// Bytes stay integers (MNIST pixels arrive as 0..255 in a <c>Tensor&lt;int&gt;</c>): scaling them to [0, 1]
/// is a modelling decision, so it is left to the caller.
/// </para>
/// </remarks>
/// <param name="DType">
/// The stored element type in NumPy's notation: byte order (<c>&lt;</c> little, <c>&gt;</c> big, <c>|</c> not
/// applicable), kind (<c>f</c> float, <c>i</c> signed, <c>u</c> unsigned, <c>b</c> bool) and size in bytes,
/// e.g. <c>&lt;f4</c> for float32. IDX files are big-endian, so their ubyte is <c>|u1</c> and their float is
/// <c>&gt;f4</c>.
/// </param>
/// <param name="Shape">The array's shape, row-major (C order).</param>
/// <param name="Tensor">The values: a <c>Tensor&lt;float&gt;</c>, <c>Tensor&lt;double&gt;</c> or
/// <c>Tensor&lt;int&gt;</c> (see the table above).</param>
public sealed record LoadedArray(string DType, Shape Shape, object Tensor)
{
    /// <summary>The .NET element type of <see cref="Tensor"/>: <see cref="float"/>, <see cref="double"/> or
    /// <see cref="int"/>.</summary>
    public Type ElementType => Tensor switch
    {
        Tensor<float> => typeof(float),
        Tensor<double> => typeof(double),
        Tensor<int> => typeof(int),
        _ => throw new InvalidOperationException($"LoadedArray holds an unexpected {Tensor.GetType().Name}"),
    };

    /// <summary>
    /// The tensor with its element type spelled out, e.g. <c>array.As&lt;float&gt;()</c>.
    /// Throws <see cref="InvalidCastException"/> naming both types when <typeparamref name="T"/> is not the stored one:
    /// no conversion happens here, because a silent conversion (double → float, int → float) could lose values.
    /// </summary>
    public Tensor<T> As<T>() where T : unmanaged, System.Numerics.INumber<T>
        => Tensor as Tensor<T>
           ?? throw new InvalidCastException($"this array is dtype '{DType}', held as Tensor<{ElementType.Name}>; it " +
               $"cannot be read as Tensor<{typeof(T).Name}>");
}
