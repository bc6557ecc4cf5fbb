namespace DeepSeq.Kernels;

/// <summary>
/// Up to eight integers held by value: the shape or the strides of a tensor view.
/// </summary>
/// <remarks>
/// A fixed-size struct rather than an <c>int[]</c> because ILGPU kernels take structs by value
/// but cannot take managed arrays; the CPU and GPU kernels therefore share one layout type.
/// Eight dimensions cover every tensor in DeepSeq (the deepest, a batched conv, has six).
/// </remarks>
public struct Dims8
{
    /// <summary>The most dimensions a tensor may have.</summary>
    public const int Capacity = 8;

    private int _d0, _d1, _d2, _d3, _d4, _d5, _d6, _d7;

    /// <summary>Copies <paramref name="values"/> (at most <see cref="Capacity"/> of them).</summary>
    public static Dims8 From(ReadOnlySpan<int> values)
    {
        if (values.Length > Capacity)
            throw new ArgumentException($"at most {Capacity} dimensions are supported, got {values.Length}");
        var d = new Dims8();
        for (int i = 0; i < values.Length; i++) d[i] = values[i];
        return d;
    }

    /// <summary>Element <paramref name="i"/>; a switch, not a fixed buffer, so ILGPU can compile it.</summary>
    public int this[int i]
    {
        readonly get => i switch
        {
            0 => _d0, 1 => _d1, 2 => _d2, 3 => _d3, 4 => _d4, 5 => _d5, 6 => _d6, _ => _d7,
        };
        set
        {
            switch (i)
            {
                case 0: _d0 = value; break;
                case 1: _d1 = value; break;
                case 2: _d2 = value; break;
                case 3: _d3 = value; break;
                case 4: _d4 = value; break;
                case 5: _d5 = value; break;
                case 6: _d6 = value; break;
                default: _d7 = value; break;
            }
        }
    }
}
