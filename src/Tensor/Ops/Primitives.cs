using System.Numerics;
using DeepSeq.Kernels;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq;

/// <summary>
/// The tensor-level wrappers of the device primitives: check devices, broadcast shapes, allocate the
/// output, dispatch. Every op in src/Tensor/Ops is one of these calls or a composition of them.
/// </summary>
internal static class Primitives
{
    /// <summary>y = f(x) elementwise, y dense of x's shape.</summary>
    public static Tensor<TOut> Map<TIn, TOut, TOp>(Tensor<TIn> x)
        where TIn : unmanaged, INumber<TIn> where TOut : unmanaged, INumber<TOut> where TOp : struct,
            IUnaryOp<TIn, TOut>
    {
        var y = Tensor.Empty<TOut>(x.Shape, x.Device);
        x.Device.Map<TIn, TOut, TOp>(y.Storage, y.Layout, x.Storage, x.Layout);
        return y;
    }

    /// <summary>z = f(a, b) elementwise with NumPy broadcasting.</summary>
    public static Tensor<T> Zip<T, TOp>(string op, Tensor<T> a, Tensor<T> b)
        where T : unmanaged, INumber<T> where TOp : struct, IBinaryOp<T>
    {
        SameDevice(op, a, b);
        var shape = Shape.Broadcast(op, a.Shape, b.Shape);
        var z = Tensor.Empty<T>(shape, a.Device);
        a.Device.Zip<T, TOp>(z.Storage, z.Layout, a.Storage, a.BroadcastTo(shape).Layout, b.Storage,
            b.BroadcastTo(shape).Layout);
        return z;
    }

    /// <summary>z = c ≠ 0 ? a : b with NumPy broadcasting of all three.</summary>
    public static Tensor<T> Where<T>(Tensor<T> condition, Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
    {
        SameDevice("where", condition, a);
        SameDevice("where", a, b);
        var shape = Shape.Broadcast("where", Shape.Broadcast("where", condition.Shape, a.Shape), b.Shape);
        var z = Tensor.Empty<T>(shape, a.Device);
        a.Device.Where(z.Storage, z.Layout, condition.Storage, condition.BroadcastTo(shape).Layout,
            a.Storage, a.BroadcastTo(shape).Layout, b.Storage, b.BroadcastTo(shape).Layout);
        return z;
    }

    /// <summary>
    /// Folds the given axes (already normalised, distinct) one after another. The result keeps size-1
    /// dimensions in their place when <paramref name="keepDims"/>, and drops them otherwise.
    /// </summary>
    public static Tensor<T> Reduce<T, TOp>(string op, Tensor<T> x, IReadOnlyList<int> axes, bool keepDims)
        where T : unmanaged, INumber<T> where TOp : struct, IReduceOp<T>
    {
        var current = x;
        // Fold the highest axis first so the remaining axis numbers stay valid; each fold keeps a
        // size-1 dimension in place until the end.
        foreach (int axis in axes.OrderByDescending(a => a))
        {
            if (current.Shape.Dims[axis] == 0)
                throw new ArgumentException($"{op}: cannot reduce over axis {axis} of size 0 in shape {x.Shape}");
            var shape = current.Shape.ToArray();
            shape[axis] = 1;
            var y = Tensor.Empty<T>(new Shape(shape), x.Device);
            x.Device.Reduce<T, TOp>(y.Storage, y.Layout.WithoutAxis(axis), current.Storage, current.Layout, axis);
            current = y;
        }
        return keepDims ? current : current.Reshape(ReducedShape(x.Shape, axes, keepDims: false).ToArray());
    }

    /// <summary>The shape a reduction over <paramref name="axes"/> leaves: those dimensions become 1, or go.</summary>
    public static Shape ReducedShape(Shape shape, IReadOnlyList<int> axes, bool keepDims) =>
        new(Enumerable.Range(0, shape.Rank)
            .Where(d => keepDims || !axes.Contains(d))
            .Select(d => axes.Contains(d) ? 1 : shape.Dims[d]).ToArray());

    /// <summary>
    /// Normalises an axis list: null means every axis; negative axes count from the end; duplicates throw.
    /// </summary>
    public static int[] Axes(string op, int[]? axes, int rank)
    {
        if (axes is null) return Enumerable.Range(0, rank).ToArray();
        var result = axes.Select(a => Shape.NormalizeAxis(op, a, rank)).ToArray();
        if (result.Distinct().Count() != result.Length)
            throw new ArgumentException($"{op}: repeated axis in {Shape.Format(axes)}");
        return result;
    }

    /// <summary>Throws unless both tensors live on the same device.</summary>
    public static void SameDevice<TA, TB>(string op, Tensor<TA> a, Tensor<TB> b)
        where TA : unmanaged, INumber<TA> where TB : unmanaged, INumber<TB>
    {
        if (!ReferenceEquals(a.Device, b.Device))
            throw new InvalidOperationException($"{op}: operands live on different devices ({a.Device.Name} and " +
                                                $"{b.Device.Name}); move one with .To(device)");
    }
}
