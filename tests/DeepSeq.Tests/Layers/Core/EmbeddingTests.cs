using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Core.CoreTestKit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Embedding's row lookup and uniform table, its refusal of an id out of range, input_length fixing the time
/// axis, and mask_zero marking the padding ids.
/// </summary>
public sealed class EmbeddingTests
{
    [Fact]
    public void Embedding_looks_up_rows_of_its_table()
    {
        Session.SetRandomSeed(8);
        var embedding = new Embedding(5, 3);
        var y = embedding.Call(Batch(new double[,] { { 4, 0, 4 } })).Data.ToArray();
        var table = embedding.Embeddings!.Variable<double>().Data.ToArray();
        int[] ids = [4, 0, 4];
        for (int t = 0; t < 3; t++)
            for (int d = 0; d < 3; d++)
                Assert.Equal(table[ids[t] * 3 + d], y[t * 3 + d]);
        Assert.All(table, v => Assert.InRange(v, -0.05, 0.05));   // Keras's "uniform" initialiser: U(−0.05, 0.05)
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(-1.0)]
    [InlineData(17.0)]
    public void Embedding_refuses_an_id_out_of_range_naming_the_range(double id)
    {
        Session.SetRandomSeed(9);
        var embedding = new Embedding(5, 3);
        var e = Assert.Throws<ArgumentException>(() => embedding.Call(Batch(new double[,] { { 1, id } })));
        Assert.Contains("[0, 5)", e.Message);
        Assert.Contains(embedding.Name, e.Message);
    }

    [Fact]
    public void Embedding_input_length_fixes_the_time_axis_and_refuses_another()
    {
        Session.SetRandomSeed(10);
        var embedding = new Embedding(10, 4, inputLength: 3);
        Assert.Equal(new SymbolicShape(null, 3, 4), embedding.Call(new Input([(int?)null])).Shape);
        var e = Assert.Throws<ArgumentException>(() => new Embedding(10, 4, inputLength: 3).Call(new Input(5)));
        Assert.Contains("input_length", e.Message);
        Assert.Contains("(None, 5)", e.Message);
    }

    [Fact]
    public void Embedding_mask_zero_marks_the_padding_ids()
    {
        Session.SetRandomSeed(11);
        var embedding = new Embedding(5, 2, maskZero: true);
        var ids = Tensor.FromArray<double>(new double[,] { { 0, 3, 0, 1 } });
        Assert.Equal([0.0, 1, 0, 1], embedding.ComputeMask(ids, null)!.ToArray());
        Assert.Null(new Embedding(5, 2).ComputeMask(ids, null));
    }
}
