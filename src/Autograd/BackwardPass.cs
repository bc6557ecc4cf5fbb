namespace DeepSeq.Autograd;

/// <summary>
/// The backward pass: order the graph so that every variable comes before the variables it was computed
/// from, then walk it once, handing each node the sum of the gradients of its output and collecting the
/// gradients it returns for its inputs.
/// </summary>
/// <remarks>
/// <code>
///   forward:   x ──► [mul] ──► y ──► [sum] ──► L          (each [op] is a Function node)
///   backward:  dx ◄── mul.Backward(dy) ◄── dy ◄── sum.Backward(dL = 1)
/// </code>
/// Reverse topological order guarantees that when a node is reached, every path from L to it has
/// already delivered its contribution (a variable used twice — a diamond — receives the sum of both).
/// Gradients are computed with recording off: DeepSeq differentiates once, not twice.
/// </remarks>
internal static class BackwardPass
{
    public static Dictionary<Variable<T>, Tensor<T>> Run<T>(Variable<T> root, Tensor<T>? dRoot, bool retainGraph,
        IReadOnlyCollection<Variable<T>>? capture) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException($"backward: the output {root.Shape} does not require grad " +
                "(no input it was computed from has RequiresGrad)");
        if (dRoot is null)
        {
            if (root.Data.Size != 1)
                throw new ArgumentException($"backward: the output has shape {root.Shape}; " +
                    "only a one-element output has an implied gradient of 1, so pass dOut");
            dRoot = Tensor.Ones<T>(root.Shape, root.Data.Device);
        }
        else if (dRoot.Shape != root.Shape)
            throw new ArgumentException(
                $"backward: dOut has shape {dRoot.Shape} but the output has shape {root.Shape}");

        var captured = new Dictionary<Variable<T>, Tensor<T>>(ReferenceEqualityComparer.Instance);
        var pending = new Dictionary<Variable<T>, Tensor<T>>(ReferenceEqualityComparer.Instance) { [root] = dRoot };
        using (GradMode.NoGrad())
        {
            foreach (var v in TopologicalOrder(root))
            {
                if (!pending.Remove(v, out var grad)) continue;   // no path from the root carries a gradient here
                if (capture is not null)
                {
                    if (capture.Contains(v)) captured[v] = grad;
                }
                else if (v.IsLeaf || v.RetainsGrad)
                {
                    v.Grad = v.Grad is null ? grad : v.Grad + grad;   // gradients accumulate until ZeroGrad
                }
                if (v.Creator is { } node) Propagate(node, grad, pending, retainGraph);
            }
        }
        return captured;
    }

    // Asks one node for its inputs' gradients and adds them to what those inputs already received.
    private static void Propagate<T>(Function<T> node, Tensor<T> dOut, Dictionary<Variable<T>, Tensor<T>> pending,
        bool retainGraph)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (node.Released)
            throw new InvalidOperationException($"backward: the graph through '{node.Name}' was freed by an earlier " +
                "backward; pass retainGraph: true to the first one to walk it twice");
        var dInputs = node.Backward(dOut);
        if (dInputs.Length != node.Inputs.Length)
            throw new InvalidOperationException(
                $"backward of '{node.Name}' returned {dInputs.Length} gradients for {node.Inputs.Length} inputs");
        for (int i = 0; i < dInputs.Length; i++)
        {
            var input = node.Inputs[i];
            if (dInputs[i] is not { } d || !input.RequiresGrad) continue;
            if (d.Shape != input.Shape)
                throw new InvalidOperationException(
                    $"backward of '{node.Name}': gradient {i} has shape {d.Shape} but input {i} has shape {input.Shape}");
            pending[input] = pending.TryGetValue(input, out var sum) ? sum + d : d;
        }
        if (!retainGraph) node.Release();
    }

    /// <summary>The variables reachable from <paramref name="root"/>,
    /// each before every variable it was computed from.</summary>
    internal static List<Variable<T>> TopologicalOrder<T>(Variable<T> root)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Iterative depth-first search (a deep RNN graph would overflow the call stack), post-order, reversed.
        var order = new List<Variable<T>>();
        var visited = new HashSet<Variable<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Variable<T> Node, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (v, next) = stack.Pop();
            var inputs = v.Creator?.Inputs ?? [];
            if (next < inputs.Length)
            {
                stack.Push((v, next + 1));
                var input = inputs[next];
                if (input.RequiresGrad && visited.Add(input)) stack.Push((input, 0));
            }
            else order.Add(v);
        }
        order.Reverse();
        return order;
    }
}
