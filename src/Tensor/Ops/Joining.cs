using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq;

public static partial class Tensor
{
    /// <summary>
    /// Joins tensors along an existing axis (NumPy <c>concatenate</c>). All must have the same rank, device,
    /// and the same size in every other dimension. Each piece is copied into a narrowed view of the result.
    /// </summary>
    public static Tensor<T> Concat<T>(IReadOnlyList<Tensor<T>> tensors, int axis = 0) where T : unmanaged, INumber<T>
    {
        if (tensors.Count == 0) throw new ArgumentException("concat: need at least one tensor");
        var first = tensors[0];
        if (first.Rank == 0) throw new ArgumentException("concat: cannot concatenate 0-d tensors; use Stack");
        int a = Shape.NormalizeAxis("concat", axis, first.Rank);
        int total = 0;
        foreach (var t in tensors)
        {
            Primitives.SameDevice("concat", first, t);
            bool compatible = t.Rank == first.Rank;
            for (int d = 0; d < first.Rank && compatible; d++)
                compatible = d == a || t.Shape.Dims[d] == first.Shape.Dims[d];
            if (!compatible)
                throw new ArgumentException($"concat: shapes {first.Shape} and {t.Shape} differ outside axis {a}");
            total += t.Shape.Dims[a];
        }
        var dims = first.Shape.ToArray();
        dims[a] = total;
        var result = Empty<T>(new Shape(dims), first.Device);
        int start = 0;
        foreach (var t in tensors)
        {
            var target = result.Narrow(a, start, t.Shape.Dims[a]);
            first.Device.Map<T, T, IdentityOp<T>>(result.Storage, target.Layout, t.Storage, t.Layout);
            start += t.Shape.Dims[a];
        }
        return result;
    }

    /// <summary>Joins same-shaped tensors along a new axis (NumPy <c>stack</c>).</summary>
    public static Tensor<T> Stack<T>(IReadOnlyList<Tensor<T>> tensors, int axis = 0) where T : unmanaged, INumber<T>
    {
        if (tensors.Count == 0) throw new ArgumentException("stack: need at least one tensor");
        foreach (var t in tensors)
            if (t.Shape != tensors[0].Shape)
                throw new ArgumentException($"stack: shapes {tensors[0].Shape} and {t.Shape} differ");
        int a = Shape.NormalizeAxis("stack", axis, tensors[0].Rank + 1);
        return Concat(tensors.Select(t => t.Unsqueeze(a)).ToList(), a);
    }
}

/// <summary>
/// Joining's inverse: splitting a tensor into views along an axis (concat and stack are static on <see cref="Tensor"/>,
/// above).
/// </summary>
public static class Joining
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// Views of the given sizes along <paramref name="axis"/>; the sizes must add up to the axis (PyTorch
        /// <c>split</c> with a list).
        /// </summary>
        public Tensor<T>[] Split(int[] sizes, int axis = 0)
        {
            int a = Shape.NormalizeAxis("split", axis, x.Rank);
            if (sizes.Any(s => s < 0) || sizes.Sum() != x.Shape.Dims[a])
                throw new ArgumentException($"split: sizes {Shape.Format(sizes)} do not add up to axis {a} of " +
                                            $"shape {x.Shape}");
            var parts = new Tensor<T>[sizes.Length];
            for (int i = 0, start = 0; i < sizes.Length; start += sizes[i], i++)
                parts[i] = x.Narrow(a, start, sizes[i]);
            return parts;
        }

        /// <summary>
        /// <paramref name="sections"/> equal views along <paramref name="axis"/> (NumPy <c>split</c> with a count); the
        /// axis must divide evenly.
        /// </summary>
        public Tensor<T>[] Split(int sections, int axis = 0)
        {
            int a = Shape.NormalizeAxis("split", axis, x.Rank);
            int n = x.Shape.Dims[a];
            if (sections <= 0 || n % sections != 0)
                throw new ArgumentException($"split: axis {a} of shape {x.Shape} cannot be split into " +
                                            $"{sections} equal sections");
            return x.Split(Enumerable.Repeat(n / sections, sections).ToArray(), a);
        }
    }
}
