namespace DeepSeq.Kernels.Cpu;

/// <summary>The one parallel loop of the convolution and pooling kernels.</summary>
internal static class Blocks
{
    /// <summary>Multiply-adds (or element visits) below which a pass stays on the calling thread: waking a
    /// thread-pool worker costs tens of microseconds (see GemmV4Parallel's threshold).</summary>
    internal const long ParallelThreshold = 1L << 22;

    /// <summary>body(0 … count−1): in parallel when <paramref name="work"/> is above the threshold, else in order.
    /// The bodies must not depend on each other's order; every caller makes its sums in a fixed order inside one
    /// body, so results are the same either way.</summary>
    internal static void For(int count, long work, Action<int> body)
    {
        if (count < 2 || work < ParallelThreshold)
            for (int i = 0; i < count; i++) body(i);
        else Parallel.For(0, count, body);
    }
}
