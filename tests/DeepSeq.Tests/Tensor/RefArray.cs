namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The oracle: a tiny n-dimensional array over doubles, written to be obviously right rather than fast.
/// Every method works element by element through multi-indices (row-major, the last index fastest),
/// with no strides, no views and no shortcuts, so it shares no code and no ideas with the library it checks.
/// </summary>
/// <remarks>
/// Rules follow NumPy: broadcasting aligns shapes on the right and stretches size-1 dimensions;
/// <c>matmul</c> treats a 1-d left operand as a row and a 1-d right operand as a column;
/// slices follow CPython's <c>slice.indices</c>.
/// </remarks>
public sealed class RefArray
{
    public RefArray(int[] shape, double[] data)
    {
        if (data.Length != SizeOf(shape))
            throw new ArgumentException($"oracle: {data.Length} values for shape ({string.Join(",", shape)})");
        Shape = shape;
        Data = data;
    }

    public int[] Shape { get; }
    public double[] Data { get; }
    public int Rank => Shape.Length;
    public int Size => Data.Length;

    public double this[int[] index] => Data[Ravel(index, Shape)];

    public override string ToString() =>
        $"({string.Join(",", Shape)}) [{string.Join(", ", Data.Take(64).Select(v => v.ToString("R")))}{(Size > 64 ? ", …" : "")}]";

    // ---- index arithmetic ----

    public static int SizeOf(int[] shape) => shape.Aggregate(1, (n, d) => n * d);

    /// <summary>Row-major position of a multi-index.</summary>
    public static int Ravel(int[] index, int[] shape)
    {
        int position = 0;
        for (int d = 0; d < shape.Length; d++) position = position * shape[d] + index[d];
        return position;
    }

    /// <summary>The multi-index of a row-major position.</summary>
    public static int[] Unravel(int position, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = position % shape[d];
            position /= shape[d];
        }
        return index;
    }

    /// <summary>An array whose element at each multi-index is <paramref name="f"/> of that index.</summary>
    public static RefArray Build(int[] shape, Func<int[], double> f)
    {
        var data = new double[SizeOf(shape)];
        for (int p = 0; p < data.Length; p++) data[p] = f(Unravel(p, shape));
        return new RefArray(shape, data);
    }

    // ---- broadcasting and elementwise ----

    /// <summary>NumPy's broadcast result shape, or null when the shapes are incompatible.</summary>
    public static int[]? BroadcastShapes(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1) return null;
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>This array repeated to <paramref name="shape"/>: missing leading dimensions and size-1 dimensions are stretched.</summary>
    public RefArray BroadcastTo(int[] shape)
    {
        int lead = shape.Length - Rank;
        return Build(shape, index =>
        {
            var mine = new int[Rank];
            for (int d = 0; d < Rank; d++) mine[d] = Shape[d] == 1 ? 0 : index[d + lead];
            return this[mine];
        });
    }

    public RefArray Map(Func<double, double> f) => new(Shape, Data.Select(f).ToArray());

    public static RefArray Zip(RefArray a, RefArray b, Func<double, double, double> f)
    {
        var shape = BroadcastShapes(a.Shape, b.Shape) ?? throw new ArgumentException("oracle: shapes do not broadcast");
        var x = a.BroadcastTo(shape);
        var y = b.BroadcastTo(shape);
        return new RefArray(shape, x.Data.Zip(y.Data, f).ToArray());
    }

    public static RefArray Where(RefArray condition, RefArray a, RefArray b)
    {
        var shape = BroadcastShapes(BroadcastShapes(condition.Shape, a.Shape)!, b.Shape)!;
        var c = condition.BroadcastTo(shape);
        var x = a.BroadcastTo(shape);
        var y = b.BroadcastTo(shape);
        return Build(shape, i => c[i] != 0 ? x[i] : y[i]);
    }

    // ---- reductions ----

    /// <summary>
    /// Applies <paramref name="fold"/> to the list of elements that share every index outside
    /// <paramref name="axes"/> (null = all axes). The result keeps size-1 dimensions when <paramref name="keepDims"/>.
    /// </summary>
    public RefArray Reduce(int[]? axes, bool keepDims, Func<IReadOnlyList<double>, double> fold)
    {
        var reduced = (axes ?? Enumerable.Range(0, Rank).ToArray()).Select(a => a < 0 ? a + Rank : a).ToHashSet();
        var keptShape = Enumerable.Range(0, Rank).Select(d => reduced.Contains(d) ? 1 : Shape[d]).ToArray();
        var groups = new List<double>[SizeOf(keptShape)];
        for (int g = 0; g < groups.Length; g++) groups[g] = [];
        for (int p = 0; p < Size; p++)
        {
            var index = Unravel(p, Shape);
            foreach (int d in reduced) index[d] = 0;
            groups[Ravel(index, keptShape)].Add(Data[p]);
        }
        var result = new RefArray(keptShape, groups.Select(fold).ToArray());
        return keepDims ? result : new RefArray(Enumerable.Range(0, Rank).Where(d => !reduced.Contains(d)).Select(d => Shape[d]).ToArray(), result.Data);
    }

    // ---- views, as copies ----

    /// <summary>Result dimension i is this array's dimension <c>axes[i]</c>.</summary>
    public RefArray Permute(int[] axes)
    {
        var shape = axes.Select(a => Shape[a]).ToArray();
        return Build(shape, index =>
        {
            var mine = new int[Rank];
            for (int i = 0; i < axes.Length; i++) mine[axes[i]] = index[i];
            return this[mine];
        });
    }

    /// <summary>The positions CPython's <c>range(*slice(start, stop, step).indices(n))</c> visits.</summary>
    public static int[] PythonSlice(int n, int? start, int? stop, int step)
    {
        // Transcribed from PySlice_AdjustIndices (Objects/sliceobject.c).
        int lower = step < 0 ? -1 : 0, upper = step < 0 ? n - 1 : n;
        int Adjust(int? v, int fallback)
        {
            if (v is null) return fallback;
            int p = v.Value;
            if (p < 0) { p += n; if (p < lower) p = lower; }
            else if (p > upper) p = upper;
            return p;
        }
        int s = Adjust(start, step < 0 ? upper : lower), e = Adjust(stop, step < 0 ? lower : upper);
        var positions = new List<int>();
        for (int i = s; step > 0 ? i < e : i > e; i += step) positions.Add(i);
        return positions.ToArray();
    }

    /// <summary>The elements at <paramref name="positions"/> along <paramref name="axis"/>, in that order.</summary>
    public RefArray Select(int axis, int[] positions)
    {
        var shape = (int[])Shape.Clone();
        shape[axis] = positions.Length;
        return Build(shape, index =>
        {
            var mine = (int[])index.Clone();
            mine[axis] = positions[index[axis]];
            return this[mine];
        });
    }

    public RefArray Reshape(params int[] shape) => new(shape, Data);

    // ---- joining ----

    public static RefArray Concat(IReadOnlyList<RefArray> parts, int axis)
    {
        var shape = (int[])parts[0].Shape.Clone();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        return Build(shape, index =>
        {
            int i = index[axis];
            foreach (var part in parts)
            {
                if (i < part.Shape[axis])
                {
                    var mine = (int[])index.Clone();
                    mine[axis] = i;
                    return part[mine];
                }
                i -= part.Shape[axis];
            }
            throw new InvalidOperationException("unreachable");
        });
    }

    public RefArray Unsqueeze(int axis)
    {
        var shape = Shape.ToList();
        shape.Insert(axis, 1);
        return new RefArray(shape.ToArray(), Data);
    }

    // ---- indexing ----

    /// <summary>NumPy <c>take_along_axis</c> with the other dimensions of x and index broadcast; negative indices count from the end.</summary>
    public RefArray Gather(int axis, RefArray index)
    {
        var xShape = (int[])Shape.Clone();
        xShape[axis] = index.Shape[axis];
        var shape = BroadcastShapes(xShape, index.Shape)!;
        var idx = index.BroadcastTo(shape);
        return Build(shape, i =>
        {
            int k = (int)idx[i];
            if (k < 0) k += Shape[axis];
            if (k < 0 || k >= Shape[axis]) throw new IndexOutOfRangeException();
            var mine = new int[Rank];
            for (int d = 0; d < Rank; d++) mine[d] = d == axis ? k : (Shape[d] == 1 ? 0 : i[d]);
            return this[mine];
        });
    }

    /// <summary>NumPy <c>take(x, index, axis)</c>: out.shape = x.shape[:axis] + index.shape + x.shape[axis+1:].</summary>
    public RefArray Take(RefArray index, int axis)
    {
        var shape = Shape[..axis].Concat(index.Shape).Concat(Shape[(axis + 1)..]).ToArray();
        return Build(shape, i =>
        {
            var mine = new int[Rank];
            for (int d = 0; d < axis; d++) mine[d] = i[d];
            int k = (int)index[i[axis..(axis + index.Rank)]];
            mine[axis] = k < 0 ? k + Shape[axis] : k;
            for (int d = axis + 1; d < Rank; d++) mine[d] = i[d - 1 + index.Rank];
            return this[mine];
        });
    }

    // ---- matrix product ----

    /// <summary>NumPy <c>matmul</c>: a triple loop per broadcast batch element.</summary>
    public static RefArray MatMul(RefArray a, RefArray b)
    {
        var left = a.Rank == 1 ? a.Reshape(1, a.Shape[0]) : a;
        var right = b.Rank == 1 ? b.Reshape(b.Shape[0], 1) : b;
        int m = left.Shape[^2], k = left.Shape[^1], n = right.Shape[^1];
        if (right.Shape[^2] != k) throw new ArgumentException("oracle: inner dimensions differ");
        var batch = BroadcastShapes(left.Shape[..^2], right.Shape[..^2])!;
        var l = left.BroadcastTo([.. batch, m, k]);
        var r = right.BroadcastTo([.. batch, k, n]);
        var c = Build([.. batch, m, n], index =>
        {
            double sum = 0;
            for (int p = 0; p < k; p++)
                sum += l[[.. index[..^2], index[^2], p]] * r[[.. index[..^2], p, index[^1]]];
            return sum;
        });
        var shape = c.Shape.ToList();
        if (b.Rank == 1) shape.RemoveAt(shape.Count - 1);
        if (a.Rank == 1) shape.RemoveAt(shape.Count - (b.Rank == 1 ? 1 : 2));
        return c.Reshape(shape.ToArray());
    }

    /// <summary>Σₚ |a_ip|·|b_pj| for each output element: the scale of the rounding error of a float matmul.</summary>
    public static RefArray AbsMatMul(RefArray a, RefArray b) => MatMul(a.Map(Math.Abs), b.Map(Math.Abs));
}
