namespace DeepSeq.Tests.Autograd;

/// <summary>What the gradient tests of the reductions share: the axes of a reduction as a failure message writes them.</summary>
internal static class ReductionGen
{
    /// <summary>The axes as written in a failure message: "null" (all) or "[0,-1]".</summary>
    public static string Axes(int[]? axes) => axes is null ? "null" : $"[{string.Join(",", axes)}]";
}
