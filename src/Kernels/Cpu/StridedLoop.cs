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
/// Two ideas make strided views fast:
/// <list type="number">
/// <item>Coalescing: adjacent dimensions that are laid out back to back in every operand are merged,
/// so a contiguous tensor of any rank becomes one run, and a row-wise broadcast (bias add) becomes
/// rows with a contiguous inner run that the body can vectorise.</item>
/// <item>Parallelism: above <see cref="ParallelThreshold"/> elements the flattened iteration space is
/// cut into one contiguous piece per core. Each output element is still computed by exactly the
/// same code, so results do not depend on the number of cores.</item>
/// </list>
/// </remarks>
public static class StridedLoop
{
    /// <summary>Below this many elements a single thread is faster than waking another core.</summary>
    public const int ParallelThreshold = 1 << 17;

    /// <summary>Runs <paramref name="body"/> over every element of the views (all of <c>layouts[0]</c>'s shape).</summary>
    public static void Run<TBody>(TBody body, ReadOnlySpan<StridedLayout> layouts) where TBody : struct, IRunBody
    {
        var plan = Coalesce(layouts);
        long total = (long)plan.OuterCount * plan.InnerLength;
        if (total == 0) return;
        int chunks = total >= ParallelThreshold ? Math.Min(Environment.ProcessorCount, (int)(total / (ParallelThreshold / 2))) : 1;
        if (chunks <= 1)
        {
            RunRange(ref body, plan, 0, total);
            return;
        }
        try
        {
            Parallel.For(0, chunks, c =>
            {
                var local = body;
                RunRange(ref local, plan, total * c / chunks, total * (c + 1) / chunks);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A body's exception (a gather index out of range) is the caller's error, not a threading
            // one: rethrow it as the single-threaded path would, with its original stack trace.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
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
