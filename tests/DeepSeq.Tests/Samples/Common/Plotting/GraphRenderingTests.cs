using DeepSeq.Samples.Plotting;
using Xunit;
using static DeepSeq.Tests.Autograd.GraphExportTests;

namespace DeepSeq.Tests.Samples.Common.Plotting;

/// <summary>The autograd graph drawn by Graphviz: a PNG and an SVG when <c>dot</c> is there, a clear error when not.</summary>
public sealed class GraphRenderingTests
{
    [Fact]
    public void RenderWritesAPngOrSaysGraphvizIsMissing()
    {
        string folder = Directory.CreateTempSubdirectory("deepseq-graph-").FullName;
        string path = Path.Combine(folder, "graph.png");
        try
        {
            if (GraphRendering.CanRender)
            {
                GraphRendering.Render(SmallGraph(), path);
                byte[] head = File.ReadAllBytes(path)[..8];
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);   // the PNG signature
                Assert.Equal([path], Directory.GetFiles(folder));   // no temporary file left beside it
                string svg = Path.ChangeExtension(path, ".svg");
                GraphRendering.Render(SmallGraph(), svg);
                Assert.Contains("<svg", File.ReadAllText(svg));
                Assert.Contains("matmul", File.ReadAllText(svg));
                File.Delete(svg);
            }
            else
            {
                var ex = Assert.Throws<InvalidOperationException>(() => GraphRendering.Render(SmallGraph(), path));
                Assert.Contains("apt-get install graphviz", ex.Message);
            }
            Assert.Throws<ArgumentException>(() => GraphRendering.Render(SmallGraph(), Path.ChangeExtension(path, ".jpg")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
