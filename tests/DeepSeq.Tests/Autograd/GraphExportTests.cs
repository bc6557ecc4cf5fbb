using DeepSeq.Autograd;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>The graph picture as DOT text: every op and variable (rendering is tested with samples/Common).</summary>
public sealed class GraphExportTests
{
    /// <summary>(x·w + Σw) summed: w feeds two ops.</summary>
    internal static Variable<double> SmallGraph()
    {
        var x = new Variable<double>(Tensor.Ones<double>([2, 3]), name: "x");
        var w = new Variable<double>(Tensor.Ones<double>([3, 1]), requiresGrad: true, name: "w");
        return (x.MatMul(w) + w.Sum()).Sum();
    }

    [Fact]
    public void DotListsOpsVariablesShapesAndEdges()
    {
        string dot = GraphExport.ToDot(SmallGraph());
        Assert.StartsWith("digraph autograd {", dot);
        foreach (string op in new[] { "matmul", "add", "sum" }) Assert.Contains($"label=\"{op}\"", dot);
        Assert.Contains("label=\"x\\n(2,3)\"", dot);
        Assert.Contains("label=\"w\\n(3,1)\"", dot);
        // w feeds two ops (matmul and a sum): both edges are drawn, its box once.
        Assert.Single(dot.Split('\n'), line => line.Contains("label=\"w\\n(3,1)\""));
        // x→matmul, w→matmul, matmul→·; w→sum, sum→·; ·→add, ·→add, add→·; ·→sum, sum→loss
        Assert.Equal(10, dot.Split('\n').Count(line => line.Contains("->")));
    }
}
