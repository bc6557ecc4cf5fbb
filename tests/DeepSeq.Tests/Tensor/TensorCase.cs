using System.Numerics;
using DeepSeq.Devices;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>How a generated tensor is laid out in memory. Every kind reads back as the same logical values.</summary>
public enum MemoryLayout
{
    /// <summary>Dense row-major from offset 0: the easy case.</summary>
    Contiguous,
    /// <summary>A permutation of a dense tensor: strides out of order.</summary>
    Permuted,
    /// <summary>Every second element along an axis (<c>Slice(axis, step: 2)</c>); the skipped ones are junk.</summary>
    Stepped,
    /// <summary>An axis walked backwards (<c>Flip</c>): a negative stride.</summary>
    Reversed,
    /// <summary>Every second element along an axis, backwards (<c>Slice(axis, step: -2)</c>).</summary>
    SteppedBackwards,
    /// <summary>A window that starts after a junk element (<c>Narrow(axis, 1, n)</c>): a non-zero offset.</summary>
    Offset,
    /// <summary>A smaller tensor broadcast up (stride 0); its values repeat along the broadcast dimensions.</summary>
    Broadcast,
}

/// <summary>
/// A generated tensor: the values it must hold (<see cref="Expected"/>) and the memory layout to build it with,
/// so that kernels see strides other than row-major. <see cref="Make{T}"/> builds it on any device.
/// </summary>
public sealed record TensorCase(RefArray Expected, MemoryLayout Layout, int Axis, int[] Permutation, int[] SourceShape)
{
    /// <summary>A value that must never be read: it sits in the gaps of the stepped and offset layouts.</summary>
    public const double Junk = -987654.0;

    public int[] Shape => Expected.Shape;

    /// <summary>The values as <typeparamref name="T"/>, laid out as <see cref="Layout"/> says.</summary>
    public Tensor<T> Make<T>(Device device) where T : unmanaged, INumber<T>
    {
        var r = Expected;
        int a = Axis;
        switch (Layout)
        {
            case MemoryLayout.Contiguous:
                return Dense<T>(r, device);
            case MemoryLayout.Permuted:
            {
                // base.Permute(p) must equal r, so base = r.Permute(p⁻¹).
                var inverse = new int[Permutation.Length];
                for (int i = 0; i < Permutation.Length; i++) inverse[Permutation[i]] = i;
                return Dense<T>(r.Permute(inverse), device).Permute(Permutation);
            }
            case MemoryLayout.Stepped:
                return Dense<T>(Spread(r, a, 2 * r.Shape[a], j => 2 * j), device).Slice(a, step: 2);
            case MemoryLayout.Reversed:
                return Dense<T>(Spread(r, a, r.Shape[a], j => r.Shape[a] - 1 - j), device).Flip(a);
            case MemoryLayout.SteppedBackwards:
                return Dense<T>(Spread(r, a, 2 * r.Shape[a], j => 2 * r.Shape[a] - 1 - 2 * j), device).Slice(a, step: -2);
            case MemoryLayout.Offset:
                return Dense<T>(Spread(r, a, r.Shape[a] + 2, j => j + 1), device).Narrow(a, 1, r.Shape[a]);
            case MemoryLayout.Broadcast:
            {
                // Expected was built by broadcasting a source of SourceShape, so reading it back at index 0
                // along every stretched dimension recovers the source.
                int lead = r.Rank - SourceShape.Length;
                var source = RefArray.Build(SourceShape, index =>
                {
                    var full = new int[r.Rank];
                    for (int d = 0; d < SourceShape.Length; d++) full[d + lead] = index[d];
                    return r[full];
                });
                return Dense<T>(source, device).BroadcastTo(new Shape(r.Shape));
            }
            default:
                throw new InvalidOperationException($"unknown layout {Layout}");
        }
    }

    /// <summary>A dense tensor holding <paramref name="r"/>'s values.</summary>
    public static Tensor<T> Dense<T>(RefArray r, Device device) where T : unmanaged, INumber<T>
        => Tensor.FromArray<T>(r.Data.Select(T.CreateChecked).ToArray(), new Shape(r.Shape), device);

    // A larger array with size n along axis a: r's element j along the axis sits at position(j), the rest is junk.
    private static RefArray Spread(RefArray r, int a, int n, Func<int, int> position)
    {
        var shape = (int[])r.Shape.Clone();
        shape[a] = n;
        var inverse = Enumerable.Repeat(-1, n).ToArray();
        for (int j = 0; j < r.Shape[a]; j++) inverse[position(j)] = j;
        return RefArray.Build(shape, index =>
        {
            int j = inverse[index[a]];
            if (j < 0) return Junk;
            var mine = (int[])index.Clone();
            mine[a] = j;
            return r[mine];
        });
    }

    public override string ToString() => Layout switch
    {
        MemoryLayout.Contiguous => $"contiguous {Expected}",
        MemoryLayout.Permuted => $"permute({string.Join(",", Permutation)}) {Expected}",
        MemoryLayout.Broadcast => $"broadcast from ({string.Join(",", SourceShape)}) {Expected}",
        _ => $"{Layout.ToString().ToLowerInvariant()} along axis {Axis} {Expected}",
    };
}
