namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// What <see cref="StridedLoop"/> calls for each innermost run of elements: <c>length</c>
/// elements, operand k's run starting at <c>offsets[k]</c> and stepping by <c>steps[k]</c>.
/// </summary>
public interface IRunBody
{
    /// <summary>Processes one run. Bodies are structs so the JIT specialises the loop for each.</summary>
    void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps);
}

/// <summary>
/// Walks several views of the same shape together (the output first, then the inputs) and hands
/// the innermost runs to a body: the one loop behind every CPU elementwise kernel.
/// </summary>
/// <remarks>
/// Three ideas make strided views fast:
/// <list type="number">
/// <item>Coalescing: adjacent dimensions that are laid out back to back in every operand are merged,
/// so a contiguous tensor of any rank becomes one run, and a row-wise broadcast (bias add) becomes
/// rows with a contiguous inner run that the body can vectorise.</item>
/// <item>Tiling: when one operand is read across its rows (a transpose: the inner step is a whole row
/// while another dimension has a small step), a row-by-row walk touches a new cache line and often a
/// new page per element. The loop then visits 32×32 tiles instead, so the lines it pulls in are used
/// 32 times before they are evicted.</item>
/// <item>Parallelism: above <see cref="ParallelThreshold"/> elements the iteration space is cut into
/// one contiguous piece per core. Each output element is still computed by exactly the same code, so
/// results do not depend on the number of cores.</item>
/// </list>
/// </remarks>
public static class StridedLoop
{
    /// <summary>Below this many elements a single thread is faster than waking another core.</summary>
    public const int ParallelThreshold = 1 << 17;

    /// <summary>
    /// Runs <paramref name="body"/> over every element of the views (all of <c>layouts[0]</c>'s shape).
    /// </summary>
    public static void Run<TBody>(TBody body, ReadOnlySpan<StridedLayout> layouts) where TBody : struct, IRunBody
    {
        var plan = Coalesce(layouts);
        long total = (long)plan.OuterCount * plan.InnerLength;
        if (total == 0) return;
        int tileAxis = TileAxis(plan);
        // The units of work: elements of the flattened space, or whole tiles when tiling.
        long units = tileAxis < 0
            ? total
            : plan.OuterCount / plan.OuterShape[tileAxis] * Blocks(plan.OuterShape[tileAxis]);
        int chunks = total >= ParallelThreshold
            ? (int)Math.Min(Math.Min(Environment.ProcessorCount, total / (ParallelThreshold / 2)), units)
            : 1;
        if (chunks <= 1)
        {
            RunUnits(ref body, plan, tileAxis, 0, units);
            return;
        }
        try
        {
            Parallel.For(0, chunks, c =>
            {
                var local = body;
                RunUnits(ref local, plan, tileAxis, units * c / chunks, units * (c + 1) / chunks);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A body's exception (a gather index out of range) is the caller's error, not a threading
            // one: rethrow it as the single-threaded path would, with its original stack trace.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// Tile edge: 32 elements of 4 bytes are two cache lines; 32 rows of them fit L1 many times over.
    /// </summary>
    private const int Tile = 32;

    private static long Blocks(int size) => (size + Tile - 1) / Tile;

    private static void RunUnits<TBody>(ref TBody body, Plan plan, int tileAxis, long begin, long end)
        where TBody : struct, IRunBody
    {
        if (tileAxis < 0) RunRange(ref body, plan, begin, end);
        else RunTiles(ref body, plan, tileAxis, begin, end);
    }

    // Tiling pays when some operand's inner step spans a cache line (16 floats) and another of its
    // dimensions has a smaller step: that dimension becomes the tile's row axis.
    private static int TileAxis(Plan plan)
    {
        for (int k = 0; k < plan.Offsets.Length; k++)
        {
            int inner = Math.Abs(plan.InnerSteps[k]);
            if (inner < 16 || plan.InnerLength < 2) continue;
            int best = -1;
            for (int d = 0; d < plan.OuterShape.Length; d++)
            {
                int step = Math.Abs(plan.OuterStrides[k][d]);
                if (plan.OuterShape[d] > 1 && step < inner && (best < 0 || step < Math.Abs(plan.OuterStrides[k][best])))
                    best = d;
            }
            if (best >= 0) return best;
        }
        return -1;
    }

    // Processes tiles [begin, end). Tile t covers one index of every outer dimension except `axis`
    // (row-major over them), Tile consecutive positions along `axis`, and the whole inner dimension
    // in Tile-wide slices; within a slice it walks the rows, so each run is at most Tile long.
    private static void RunTiles<TBody>(ref TBody body, Plan plan, int axis, long begin, long end)
        where TBody : struct, IRunBody
    {
        int operands = plan.Offsets.Length, rank = plan.OuterShape.Length;
        int axisSize = plan.OuterShape[axis];
        long blocks = Blocks(axisSize);
        Span<int> index = stackalloc int[rank];
        Span<int> start = stackalloc int[operands];
        for (long t = begin; t < end; t++)
        {
            long rest = t / blocks;
            for (int d = rank - 1; d >= 0; d--)
            {
                if (d == axis) continue;
                index[d] = (int)(rest % plan.OuterShape[d]);
                rest /= plan.OuterShape[d];
            }
            int first = (int)(t % blocks) * Tile, last = Math.Min(first + Tile, axisSize);
            for (int column = 0; column < plan.InnerLength; column += Tile)
            {
                int length = Math.Min(Tile, plan.InnerLength - column);
                for (int row = first; row < last; row++)
                {
                    index[axis] = row;
                    for (int k = 0; k < operands; k++)
                    {
                        int p = plan.Offsets[k] + column * plan.InnerSteps[k];
                        for (int d = 0; d < rank; d++) p += index[d] * plan.OuterStrides[k][d];
                        start[k] = p;
                    }
                    body.Run(length, start, plan.InnerSteps);
                }
            }
        }
    }

    private sealed class Plan
    {
        public required int[] OuterShape;
        public required int[][] OuterStrides;   // [operand][dim]
        public required int[] InnerSteps;        // [operand]
        public required int[] Offsets;           // [operand]
        public required int InnerLength;
        public required int OuterCount;
    }

    // Drops size-1 dimensions and merges dimension d into d+1 wherever, for every operand,
    // stride[d] == stride[d+1] · shape[d+1] (the two dimensions are one run in memory).
    private static Plan Coalesce(ReadOnlySpan<StridedLayout> layouts)
    {
        int operands = layouts.Length;
        var shape = layouts[0].Shape;
        var dims = new List<int>();
        var strides = new List<int[]>();
        for (int d = 0; d < layouts[0].Rank; d++)
        {
            int size = shape[d];
            if (size == 1) continue;
            var s = new int[operands];
            for (int k = 0; k < operands; k++) s[k] = layouts[k].Strides[d];
            int last = dims.Count - 1;
            bool mergeable = last >= 0;
            for (int k = 0; k < operands && mergeable; k++)
                mergeable = strides[last][k] == s[k] * size;
            if (mergeable)
            {
                dims[last] *= size;
                strides[last] = s;
            }
            else
            {
                dims.Add(size);
                strides.Add(s);
            }
        }
        var offsets = new int[operands];
        for (int k = 0; k < operands; k++) offsets[k] = layouts[k].Offset;
        if (dims.Count == 0)
        {
            bool empty = layouts[0].Size == 0;
            return new Plan
            {
                OuterShape = [], OuterStrides = new int[operands][], InnerSteps = new int[operands],
                Offsets = offsets, InnerLength = empty ? 0 : 1, OuterCount = 1,
            };
        }
        int inner = dims.Count - 1;
        var outerStrides = new int[operands][];
        for (int k = 0; k < operands; k++)
        {
            outerStrides[k] = new int[inner];
            for (int d = 0; d < inner; d++) outerStrides[k][d] = strides[d][k];
        }
        int outerCount = 1;
        for (int d = 0; d < inner; d++) outerCount *= dims[d];
        return new Plan
        {
            OuterShape = dims.GetRange(0, inner).ToArray(),
            OuterStrides = outerStrides,
            InnerSteps = strides[inner],
            Offsets = offsets,
            InnerLength = dims[inner],
            OuterCount = outerCount,
        };
    }

    // Processes flattened positions [begin, end) of the (outer, inner) iteration space.
    private static void RunRange<TBody>(ref TBody body, Plan plan, long begin, long end) where TBody : struct, IRunBody
    {
        int operands = plan.Offsets.Length;
        int rank = plan.OuterShape.Length;
        Span<int> index = stackalloc int[Math.Max(rank, 1)];
        Span<int> rowStart = stackalloc int[operands];
        Span<int> runStart = stackalloc int[operands];

        int outer = (int)(begin / plan.InnerLength);
        int innerPos = (int)(begin % plan.InnerLength);
        // Unflatten the first outer index (row-major) and compute each operand's row start.
        for (int d = rank - 1, rest = outer; d >= 0; d--)
        {
            index[d] = rest % plan.OuterShape[d];
            rest /= plan.OuterShape[d];
        }
        for (int k = 0; k < operands; k++)
        {
            int p = plan.Offsets[k];
            for (int d = 0; d < rank; d++) p += index[d] * plan.OuterStrides[k][d];
            rowStart[k] = p;
        }

        long position = begin;
        while (position < end)
        {
            int length = (int)Math.Min(plan.InnerLength - innerPos, end - position);
            for (int k = 0; k < operands; k++) runStart[k] = rowStart[k] + innerPos * plan.InnerSteps[k];
            body.Run(length, runStart, plan.InnerSteps);
            position += length;
            innerPos = 0;
            // Odometer step to the next outer index, updating the row starts incrementally.
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                for (int k = 0; k < operands; k++) rowStart[k] += plan.OuterStrides[k][d];
                if (index[d] < plan.OuterShape[d]) break;
                for (int k = 0; k < operands; k++) rowStart[k] -= index[d] * plan.OuterStrides[k][d];
                index[d] = 0;
            }
        }
    }
}
