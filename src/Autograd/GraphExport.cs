using System.Text;

namespace DeepSeq.Autograd;

/// <summary>
/// The graph behind a variable as Graphviz DOT text. For learners: the picture of what
/// <see cref="Variable{T}.Backward"/> will walk. Turning the text into a PNG or SVG starts Graphviz's <c>dot</c>
/// program, which is not the autograd core's business: samples/Common's <c>GraphRendering.Render</c> does it.
/// </summary>
/// <remarks>
/// Variables are boxes (name, shape; filled blue when they require grad, orange for the output), ops are
/// ellipses; arrows run in the forward direction, from inputs through ops to results. Draw the graph before
/// calling <c>Backward</c> (or pass <c>retainGraph: true</c>): a backward pass frees the graph it walked.
/// </remarks>
public static class GraphExport
{
    /// <summary>The graph that produced <paramref name="output"/>, in Graphviz DOT.</summary>
    public static string ToDot<T>(Variable<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ids = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        string Id(object o) => ids.TryGetValue(o, out var id) ? id : ids[o] = $"n{ids.Count}";
        var sb = new StringBuilder(
            "digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n");
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Variable<T>>([output]);
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            if (!seen.Add(v)) continue;
            string color = ReferenceEquals(v, output) ? "#f6c177" : v.RequiresGrad ? "#9ccfd8" : "#e0def4";
            string label = (v.Name is null ? "" : Escape(v.Name) + "\\n") + v.Shape;
            sb.Append($"  {Id(v)} [shape=box, style=filled, fillcolor=\"{color}\", label=\"{label}\"];\n");
            if (v.Creator is not { } op) continue;
            if (seen.Add(op)) sb.Append($"  {Id(op)} [shape=ellipse, label=\"{Escape(op.Name)}\"];\n");
            sb.Append($"  {Id(op)} -> {Id(v)};\n");
            foreach (var input in op.Inputs)
            {
                sb.Append($"  {Id(input)} -> {Id(op)};\n");
                stack.Push(input);
            }
        }
        return sb.Append("}\n").ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
