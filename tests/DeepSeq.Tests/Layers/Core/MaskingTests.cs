using DeepSeq.Autograd;
using DeepSeq.Layers;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Masking as Keras's: a step whose features all equal the mask value is zeroed and masked, any other step passes
/// unchanged; behind it a (bidirectional) LSTM reads a post-padded sequence as if it ended at its last real step.
/// Its gradient is checked by the layer contract (<see cref="LayerCases"/>, case <c>masking</c>).
/// </summary>
public sealed class MaskingTests
{
    [Fact]
    public void StepsWhoseFeaturesAllEqualTheValueAreZeroedAndMasked()
    {
        // Row 0: steps 1 and 2 are padding (all 0.5); row 1: step 0 has one feature of 0.5 only, so it is kept.
        var x = Tensor.FromArray(new double[] { 1, 2, .5, .5, .5, .5, .5, 3, 4, 5, 6, 7 }, new Shape(2, 3, 2));
        var layer = new Masking(0.5);
        var y = layer.Call(new Variable<double>(x)).Data;
        Assert.Equal(new double[] { 1, 2, 0, 0, 0, 0, .5, 3, 4, 5, 6, 7 }, y.ToArray());
        Assert.Equal(new double[] { 1, 0, 0, 1, 1, 1 }, layer.ComputeMask(x, null)!.ToArray());
        Assert.Equal(0.5, layer.GetConfig()["mask_value"]);
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => new Masking(double.NaN)).Message);
        var e = Assert.Throws<ArgumentException>(() => new Masking().Call(new Input([4])));
        Assert.Contains("(batch, steps, features)", e.Message);
    }

    /// <summary>
    /// For random lengths, widths and values: Masking → Bidirectional(LSTM) on sequences zero-padded at the end gives,
    /// row by row, what the same layer gives on the row cut to its real length — the forward LSTM carries its state
    /// through the padding, the backward one starts at the last real step.
    /// </summary>
    [Fact]
    public void BidirectionalLstmBehindMaskingReadsPaddedRowsAsTheirRealLength() => Check.One(
        Config.QuickThrowOnFailure.WithMaxTest(15).WithQuietOnSuccess(true),
        Prop.ForAll((
            from steps in Gen.Choose(2, 5)
            from features in Gen.Choose(1, 3)
            from lengths in Gen.ArrayOf(Gen.Choose(1, steps), 3)
            from seed in Gen.Choose(0, 1000)
            select (steps, features, lengths, seed)).ToArbitrary(), t =>
        {
            Session.SetRandomSeed((ulong)t.seed);
            var model = new Sequential(new InputLayer([null, t.features], dtype: typeof(double)), new Masking(),
                new Bidirectional(new Lstm(2)));
            var random = new Random(t.seed);
            var x = new double[t.lengths.Length * t.steps * t.features];
            for (int b = 0; b < t.lengths.Length; b++)
                for (int i = 0; i < t.lengths[b] * t.features; i++)
                    x[b * t.steps * t.features + i] = random.NextDouble() * 2 - 1;
            var padded = model.Predict(Tensor.FromArray(x, new Shape(t.lengths.Length, t.steps, t.features)));
            for (int b = 0; b < t.lengths.Length; b++)
            {
                var row = Tensor.FromArray(x.AsSpan(b * t.steps * t.features, t.lengths[b] * t.features).ToArray(),
                    new Shape(1, t.lengths[b], t.features));
                var alone = model.Predict(row).ToArray();
                var got = padded.Narrow(0, b, 1).ToArray();
                for (int i = 0; i < alone.Length; i++)
                    Assert.True(Math.Abs(alone[i] - got[i]) < 1e-12,
                        $"row {b} of length {t.lengths[b]} in {t.steps} steps: output {i} {got[i]} ≠ {alone[i]}");
            }
        }));
}
