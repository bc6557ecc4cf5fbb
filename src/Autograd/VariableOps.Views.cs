namespace DeepSeq.Autograd;

public static partial class VariableOps
{
    // Four nodes cover this whole family (src/Autograd/Ops): Reshape (also Flatten, Squeeze, Unsqueeze), Permute
    // (both Transposes), Slice (also Narrow, Flip, Split) and BroadcastTo; Concat (also Stack) joins. The others
    // are composites: they compute their arguments with the tensor core's rules and errors, then use one of those
    // nodes, so they need no backward of their own.
    extension<T>(Variable<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The same elements in row-major order under a new shape;
        /// one dimension may be −1 (PyTorch <c>reshape</c>).</summary>
        public Variable<T> Reshape(params int[] shape) => Ops.Reshape<T>.Apply(a, shape);

        /// <summary>All elements as one dimension: <c>Reshape(-1)</c>.</summary>
        public Variable<T> Flatten() => Ops.Reshape<T>.Apply(a, -1);

        /// <summary>Removes dimension <paramref name="axis"/> (of size
        /// 1), or every size-1 dimension when null: a reshape.</summary>
        public Variable<T> Squeeze(int? axis = null) => Ops.Reshape<T>.Apply(a, a.Data.Squeeze(axis).Shape.ToArray());

        /// <summary>Inserts a size-1 dimension at <paramref name="axis"/>
        /// of the result (−1 appends): a reshape.</summary>
        public Variable<T> Unsqueeze(int axis) => Ops.Reshape<T>.Apply(a, a.Data.Unsqueeze(axis).Shape.ToArray());

        /// <summary>Reorders the dimensions: result dimension i is
        /// dimension <c>axes[i]</c> (PyTorch <c>permute</c>).</summary>
        public Variable<T> Permute(params int[] axes) => Ops.Permute<T>.Apply(a, axes);

        /// <summary>Reverses the order of the dimensions (NumPy <c>x.T</c>): a permute.</summary>
        public Variable<T> Transpose() => Ops.Permute<T>.Apply(a, Enumerable.Range(0, a.Data.Rank).Reverse().ToArray());

        /// <summary>Swaps two dimensions (PyTorch <c>transpose(a, b)</c>): a permute.</summary>
        public Variable<T> Transpose(int axis0, int axis1)
            => Ops.Permute<T>.Apply(a, Swapped(a.Data.Rank, axis0, axis1));

        /// <summary>Elements start, start+step, … before stop along <paramref name="axis"/>
        /// (Python slice rules; a negative step walks backwards).</summary>
        public Variable<T> Slice(int axis, int? start = null, int? stop = null, int step = 1)
            => Ops.Slice<T>.Apply(a, axis, start, stop, step);

        /// <summary><paramref name="length"/> elements from <paramref name="start"/> along <paramref name="axis"/>
        /// (PyTorch <c>narrow</c>): a slice whose bounds are checked, not clamped.</summary>
        public Variable<T> Narrow(int axis, int start, int length)
        {
            _ = a.Data.Narrow(axis, start, length);   // only to check the bounds, which Slice would silently clamp
            return Ops.Slice<T>.Apply(a, axis, start, start + length);
        }

        /// <summary>The elements along <paramref name="axis"/> in reverse order: a slice with step −1.</summary>
        public Variable<T> Flip(int axis) => Ops.Slice<T>.Apply(a, axis, step: -1);

        /// <summary>x repeated along its size-1 (and missing leading) dimensions
        /// up to <paramref name="shape"/> (PyTorch <c>expand</c>).</summary>
        public Variable<T> BroadcastTo(Shape shape) => Ops.BroadcastTo<T>.Apply(a, shape);

        /// <summary>Parts of the given sizes along <paramref name="axis"/>, which must
        /// add up to it (PyTorch <c>split</c> with a list): one slice each.</summary>
        public Variable<T>[] Split(int[] sizes, int axis = 0) => NarrowEach(a, a.Data.Split(sizes, axis), axis);

        /// <summary><paramref name="sections"/> equal parts along <paramref name="axis"/>
        /// (NumPy <c>split</c> with a count): one slice each.</summary>
        public Variable<T>[] Split(int sections, int axis = 0) => NarrowEach(a, a.Data.Split(sections, axis), axis);
    }

    /// <summary>Joins variables along an existing axis (NumPy
    /// <c>concatenate</c>); each gets its own block of the gradient.</summary>
    public static Variable<T> Concat<T>(IReadOnlyList<Variable<T>> xs, int axis = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Ops.Concat<T>.Apply(xs, axis);

    /// <summary>Joins same-shaped variables along a new axis (NumPy
    /// <c>stack</c>): Unsqueeze each, then Concat.</summary>
    public static Variable<T> Stack<T>(IReadOnlyList<Variable<T>> xs, int axis = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (xs.Count == 0) throw new ArgumentException("stack: need at least one tensor");
        foreach (var x in xs)
            if (x.Shape != xs[0].Shape)
                throw new ArgumentException($"stack: shapes {xs[0].Shape} and {x.Shape} differ");
        int at = Shape.NormalizeAxis("stack", axis, xs[0].Shape.Rank + 1);
        return Concat(xs.Select(x => x.Unsqueeze(at)).ToList(), at);
    }

    // The identity permutation with two axes swapped, checked and named as transpose's.
    private static int[] Swapped(int rank, int axis0, int axis1)
    {
        var axes = Enumerable.Range(0, rank).ToArray();
        int i = Shape.NormalizeAxis("transpose", axis0, rank), j = Shape.NormalizeAxis("transpose", axis1, rank);
        (axes[i], axes[j]) = (axes[j], axes[i]);
        return axes;
    }

    // One Slice node per part. The tensor core's Split has checked the sizes; its views give each part's length.
    private static Variable<T>[] NarrowEach<T>(Variable<T> x, Tensor<T>[] parts, int axis)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int at = Shape.NormalizeAxis("split", axis, x.Data.Rank);
        var result = new Variable<T>[parts.Length];
        for (int i = 0, start = 0; i < parts.Length; start += parts[i].Shape.Dims[at], i++)
            result[i] = Ops.Slice<T>.Apply(x, at, start, start + parts[i].Shape.Dims[at]);
        return result;
    }
}
