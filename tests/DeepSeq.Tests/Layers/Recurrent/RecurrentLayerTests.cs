using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Recurrent;

using Tensor = DeepSeq.Tensor;

/// <summary>
/// src/Layers/Recurrent (RecurrentLayer.cs, SimpleRnn.cs, Lstm.cs, Gru.cs): forward values against a plain
/// step-by-step reference written with tensor ops (the book's NumPy RNN of B4, for each cell), with masks,
/// go_backwards, return_state and initial states; Keras's parameter counts of the course's models; Keras 2's
/// time-constant dropout masks; stateful stepping; clear errors. The gradients are checked by the layer contract
/// harness (Layers/Core/LayerCases.cs) and, per kernel variant, in Autograd/Ops/RecurrenceTests.cs.
/// </summary>
public sealed class RecurrentLayerTests
{
    private const int Batch = 3, Steps = 5, Features = 4, Units = 3;

    private static Tensor<double> Random(int seed, params int[] shape) =>
        Tensor.RandomUniform<double>(new Shape(shape), new Generator((ulong)seed), -1.0, 1.0);

    /// <summary>A (batch, steps) mask with padding at the end of row 0 and in the middle of row 2.</summary>
    private static Tensor<double> Mask() => Tensor.FromArray(
        new double[] { 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1 }, new Shape(Batch, Steps));

    /// <summary>The reference: the cell's equations one step at a time on whole tensors (Keras's order of gates).</summary>
    private static (Tensor<double> Outputs, Tensor<double> H, Tensor<double>? C) Reference(RecurrentLayer layer,
        Tensor<double> x, Tensor<double>? mask, Tensor<double>? h0 = null, Tensor<double>? c0 = null)
    {
        var weights = layer.GetWeights<double>();
        var (w, u) = (weights[0], weights[1]);
        int n = layer.Units;
        Tensor<double> bIn = Tensor.Zeros<double>([layer.Gates * n]), bRec = bIn;
        if (layer.UseBias)
        {
            bool two = weights[2].Shape.Rank == 2;
            bIn = two ? weights[2].Narrow(0, 0, 1).Squeeze(0) : weights[2];
            if (two) bRec = weights[2].Narrow(0, 1, 1).Squeeze(0);
        }
        Tensor<double> G(Tensor<double> t, int k) => t.Narrow(-1, k * n, n);
        var h = h0 ?? Tensor.Zeros<double>([x.Shape[0], n]);
        var c = c0 ?? Tensor.Zeros<double>([x.Shape[0], n]);
        var outputs = new List<Tensor<double>>();
        int steps = x.Shape[1];
        for (int s = 0; s < steps; s++)
        {
            int t = layer.GoBackwards ? steps - 1 - s : s;
            var xt = x.Narrow(1, t, 1).Squeeze(1);
            var xz = xt.MatMul(w) + bIn;
            Tensor<double> hNew, cNew = c;
            switch (layer)
            {
                case SimpleRnn:
                    hNew = (xz + h.MatMul(u)).Tanh();
                    break;
                case Lstm:
                    var z = xz + h.MatMul(u);
                    var (i, f, g, o) = (G(z, 0).Sigmoid(), G(z, 1).Sigmoid(), G(z, 2).Tanh(), G(z, 3).Sigmoid());
                    cNew = f * c + i * g;
                    hNew = o * cNew.Tanh();
                    break;
                case Gru { ResetAfter: true }:
                    var rec = h.MatMul(u) + bRec;
                    var zg = (G(xz, 0) + G(rec, 0)).Sigmoid();
                    var rg = (G(xz, 1) + G(rec, 1)).Sigmoid();
                    var hh = (G(xz, 2) + rg * G(rec, 2)).Tanh();
                    hNew = zg * h + (1.0 - zg) * hh;
                    break;
                default:
                    var zb = (G(xz, 0) + h.MatMul(G(u, 0))).Sigmoid();
                    var rb = (G(xz, 1) + h.MatMul(G(u, 1))).Sigmoid();
                    var hb = (G(xz, 2) + (rb * h).MatMul(G(u, 2))).Tanh();
                    hNew = zb * h + (1.0 - zb) * hb;
                    break;
            }
            if (mask is not null)
            {
                var m = mask.Narrow(1, t, 1);
                hNew = m * hNew + (1.0 - m) * h;
                cNew = m * cNew + (1.0 - m) * c;
            }
            (h, c) = (hNew, cNew);
            outputs.Add(h.Unsqueeze(1));
        }
        return (Tensor.Concat(outputs, 1), h, layer is Lstm ? c : null);
    }

    public static TheoryData<string> Cells => ["simple_rnn", "lstm", "gru_after", "gru_before"];

    private static RecurrentLayer Make(string cell, bool sequences = false, bool backwards = false,
        bool state = false) => cell switch
    {
        "simple_rnn" => new SimpleRnn(Units, returnSequences: sequences, goBackwards: backwards, returnState: state),
        "lstm" => new Lstm(Units, returnSequences: sequences, goBackwards: backwards, returnState: state),
        "gru_after" => new Gru(Units, returnSequences: sequences, goBackwards: backwards, returnState: state),
        _ => new Gru(Units, resetAfter: false, returnSequences: sequences, goBackwards: backwards,
            returnState: state),
    };

    private static void Close(Tensor<double> expected, Tensor<double> actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray(), actual.ToArray());
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) < 1e-12, $"{what}: element {i}: expected {e[i]}, got {a[i]}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void ForwardEqualsTheStepByStepReference(string cell)
    {
        var x = Random(1, Batch, Steps, Features);
        foreach (bool masked in new[] { false, true })
        foreach (bool backwards in new[] { false, true })
        {
            Session.SetRandomSeed(7);
            var layer = Make(cell, sequences: true, backwards: backwards, state: true);
            var mask = masked ? Mask() : null;
            var outs = layer.Call<double>([new Variable<double>(x)], masks: mask is null ? null : [mask]);
            var (seq, h, c) = Reference(layer, x, mask);
            string what = $"{cell} masked={masked} backwards={backwards}";
            Close(seq, outs[0].Data, what + " outputs");
            Close(h, outs[1].Data, what + " final h");
            if (c is not null) Close(c, outs[2].Data, what + " final c");
            Assert.Equal(layer is Lstm ? 3 : 2, outs.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void InitialStatesAreWhereTheSequenceStarts(string cell)
    {
        Session.SetRandomSeed(3);
        var layer = Make(cell);
        var x = Random(2, Batch, Steps, Features);
        var h0 = Random(4, Batch, Units);
        var c0 = Random(5, Batch, Units);
        var inputs = layer is Lstm ? new[] { x, h0, c0 } : [x, h0];
        var y = layer.Call<double>(inputs.Select(t => new Variable<double>(t)).ToArray())[0];
        Close(Reference(layer, x, null, h0, c0).H, y.Data, $"{cell} from initial states");
    }

    [Fact]
    public void TheCourseModelsHaveKerasParameterCounts()
    {
        long Count(params Layer[] layers) => new Sequential(layers).CountParams();
        // B5, B7: Embedding(10000, 32) on 500 ids → SimpleRNN(32) / LSTM(32) → Dense(1)
        Assert.Equal(322_113, Count(new InputLayer([500]), new Embedding(10_000, 32), new SimpleRnn(32), new Dense(1)));
        Assert.Equal(328_353, Count(new InputLayer([500]), new Embedding(10_000, 32), new Lstm(32), new Dense(1)));
        // The counts do not depend on the initialiser: the wide ones below skip the orthogonal QR of U (seconds each).
        const string fast = "glorot_uniform";
        // E1: {SimpleRNN, GRU, LSTM}(512) on 30 days of 2 closes → Dense(256) → Dense(128) → Dense(2)
        Layer[] Head() => [new Dense(256, "relu"), new Dropout(0.1), new Dense(128, "relu"), new Dense(2)];
        Assert.Equal(428_162, Count([new InputLayer([30, 2]), new SimpleRnn(512, recurrentInitializer: fast, dropout: 0.1), .. Head()]));
        Assert.Equal(957_058, Count([new InputLayer([30, 2]), new Gru(512, recurrentInitializer: fast, dropout: 0.1), .. Head()]));
        Assert.Equal(1_219_202, Count([new InputLayer([30, 2]), new Lstm(512, recurrentInitializer: fast, dropout: 0.1), .. Head()]));
        // E5: Embedding(57, 64) → LSTM(1024, return_sequences) → Dense(256) → Dense(128) → Dense(57); the GRU variant
        Layer[] TextHead() => [new Dense(256, "relu"), new Dropout(0.1), new Dense(128, "relu"), new Dense(57)];
        Assert.Equal(4_766_841, Count([new InputLayer([250]), new Embedding(57, 64),
            new Lstm(1024, recurrentInitializer: fast, returnSequences: true), .. TextHead()]));
        Assert.Equal(3_654_777, Count([new InputLayer([250]), new Embedding(57, 64),
            new Gru(1024, recurrentInitializer: fast, returnSequences: true), .. TextHead()]));
        // B14: Embedding(10000, 32) → Bidirectional(LSTM(32)) → Dense(1)
        Assert.Equal(336_705, Count(new InputLayer([500]), new Embedding(10_000, 32), new Bidirectional(new Lstm(32)),
            new Dense(1)));
        // the Keras 2.0 GRU: 3·u·(in + u + 1)
        Assert.Equal(3 * 32 * (14 + 32 + 1), Count(new InputLayer([240, 14]), new Gru(32, resetAfter: false)));
    }

    [Fact]
    public void TheLstmForgetBiasStartsAtOne()
    {
        var layer = new Lstm(2);
        layer.Build([new SymbolicShape([null, 3, 4])]);
        Assert.Equal(new double[] { 0, 0, 1, 1, 0, 0, 0, 0 }, layer.Bias!.ToTensor<double>().ToArray());
    }

    /// <summary>
    /// SimpleRNN with W = I, U = 0, no bias and a linear activation outputs x_t ⊙ m: the input mask. With x = 0,
    /// U = I and h0 = 1 it outputs m′ᵗ: the recurrent mask. Both must be the same at every step of a sequence,
    /// differ between sequences, be 0 or 1/(1 − rate), and vanish outside training.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DropoutMasksAreTimeConstantPerSequence(bool recurrent)
    {
        const int n = 16, steps = 6, batch = 8;
        const double rate = 0.5;
        Session.SetRandomSeed(11);
        var layer = new SimpleRnn(n, "linear", useBias: false, returnSequences: true,
            dropout: recurrent ? 0 : rate, recurrentDropout: recurrent ? rate : 0);
        layer.Build([new SymbolicShape([null, steps, n])], typeof(double));
        var eyeValues = new double[n * n];
        for (int j = 0; j < n; j++) eyeValues[j * n + j] = 1;
        var eye = Tensor.FromArray(eyeValues, new Shape(n, n));
        layer.SetWeights([recurrent ? Tensor.Zeros<double>([n, n]) : eye, recurrent ? eye : Tensor.Zeros<double>([n, n])]);
        var x = new Variable<double>(recurrent ? Tensor.Zeros<double>([batch, steps, n]) : Tensor.Ones<double>([batch, steps, n]));
        var h0 = new Variable<double>(Tensor.Ones<double>([batch, n]));
        Variable<double>[] inputs = recurrent ? [x, h0] : [x];
        var y = layer.Call<double>(inputs, training: true)[0].Data.ToArray();
        var patterns = new HashSet<string>();
        for (int b = 0; b < batch; b++)
        {
            string Pattern(int t) => string.Concat(Enumerable.Range(0, n).Select(j => y[(b * steps + t) * n + j] == 0 ? '0' : '1'));
            for (int t = 1; t < steps; t++) Assert.Equal(Pattern(0), Pattern(t));
            patterns.Add(Pattern(0));
            for (int j = 0; j < n; j++)
            {
                double v = y[b * steps * n + j];
                Assert.True(v == 0 || Math.Abs(v - 1 / (1 - rate)) < 1e-12, $"mask value {v}");
            }
        }
        Assert.True(patterns.Count > 1, "every sequence of the batch got the same mask");
        var inference = layer.Call<double>(inputs, training: false)[0].Data.ToArray();
        Assert.All(inference, v => Assert.Equal(1.0, v));
    }

    /// <summary>
    /// TF2's fused-path input dropout: the gradient of the outputs with respect to x is zero exactly where the one
    /// mask, shared by the four gates, dropped x[b, t, f] — about <c>rate</c> of the elements (per-gate masks would
    /// need all four to drop it: rate⁴) — and the dropped features change from step to step. In inference nothing
    /// is dropped, and the layer equals a time-constant one with the same weights.
    /// </summary>
    [Fact]
    public void PerElementInputDropoutSharesOneMaskOverGatesAndRedrawsItEveryStep()
    {
        const int batch = 16, steps = 12, features = 8;
        const double rate = 0.5;
        Session.SetRandomSeed(13);
        var layer = new Lstm(4, dropout: rate, returnSequences: true) { InputDropoutMask = InputDropoutMask.PerElement };
        var x = new Variable<double>(Random(21, batch, steps, features), requiresGrad: true);
        layer.Call(x, training: true).Sum().Backward();
        var g = x.Grad!.ToArray();
        double zeros = g.Count(v => v == 0) / (double)g.Length;
        Assert.InRange(zeros, 0.4, 0.6);
        int changed = 0;
        for (int b = 0; b < batch; b++)
            for (int t = 1; t < steps; t++)
                for (int f = 0; f < features; f++)
                    if ((g[(b * steps + t) * features + f] == 0) != (g[b * steps * features + f] == 0)) changed++;
        Assert.True(changed > batch * (steps - 1) * features / 4, $"the mask changed at only {changed} elements");
        var timeConstant = new Lstm(4, dropout: rate, returnSequences: true);
        timeConstant.Build([new SymbolicShape([null, steps, features])], typeof(double));
        timeConstant.SetWeights(layer.GetWeights<double>());
        Close(timeConstant.Call(new Variable<double>(x.Data)).Data, layer.Call(new Variable<double>(x.Data)).Data,
            "inference");
        var mirrored = new Bidirectional(new Gru(2, dropout: rate) { InputDropoutMask = InputDropoutMask.PerElement });
        Assert.Equal(InputDropoutMask.PerElement, mirrored.BackwardLayer.InputDropoutMask);
    }

    [Fact]
    public void TheSameSeedDrawsTheSameMasks()
    {
        double[] Run()
        {
            Session.SetRandomSeed(5);
            var layer = new Lstm(4, dropout: 0.3, recurrentDropout: 0.3);
            return layer.Call(new Variable<double>(Random(9, 2, 5, 3)), training: true).Data.ToArray();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void AStatefulLayerCarriesItsStatesFromCallToCall()
    {
        Session.SetRandomSeed(2);
        var whole = new Lstm(Units);
        var x = Random(3, Batch, Steps, Features);
        var expected = whole.Call(new Variable<double>(x)).Data;
        var stepping = new Lstm(Units, stateful: true);
        stepping.Build([new SymbolicShape([Batch, 1, Features])], typeof(double));
        stepping.SetWeights(whole.GetWeights<double>());
        Tensor<double>? last = null;
        for (int t = 0; t < Steps; t++) last = stepping.Call(new Variable<double>(x.Narrow(1, t, 1))).Data;
        Close(expected, last!, "stateful stepping");
        stepping.ResetStates();
        var first = x.Narrow(1, 0, 1);
        Close(whole.Call(new Variable<double>(first)).Data, stepping.Call(new Variable<double>(first)).Data,
            "after reset_states");
    }

    [Fact]
    public void BadInputsGetClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => new Lstm(3).Call(new Variable<double>(Random(1, 2, 3))));
        Assert.Contains("(batch, steps, features)", e.Message);
        var layer = new Gru(3);
        e = Assert.Throws<ArgumentException>(() => layer.Call(new Variable<double>(Random(1, 2, 5, 4)),
            mask: Tensor.Ones<double>([2, 4])));
        Assert.Contains("mask", e.Message);
        Assert.Contains("(2,4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new SimpleRnn(3, stateful: true).Call(new Input([5, 4])));
        Assert.Contains("fixed batch size", e.Message);
        Assert.Throws<ArgumentException>(() => new Lstm(3, recurrentActivation: "softmax"));
        Assert.Throws<ArgumentException>(() => new Lstm(3, recurrentDropout: 1.0));
    }

    [Fact]
    public void BidirectionalIsTheLayerAndItsMirrorOnTheReversedSequence()
    {
        Session.SetRandomSeed(8);
        var bi = new Bidirectional(new Gru(Units, resetAfter: false, returnSequences: true));
        var x = Random(6, Batch, Steps, Features);
        var mask = Mask();
        var y = bi.Call(new Variable<double>(x), mask: mask).Data;
        var (forward, _, _) = Reference(bi.ForwardLayer, x, mask);
        var (backward, _, _) = Reference(bi.BackwardLayer, x, mask);
        var real = mask.Unsqueeze(2);
        Close(Tensor.Concat([forward * real, backward.Flip(1) * real], 2), y, "bidirectional concat");
        Assert.Equal("backward_" + bi.ForwardLayer.Name, bi.BackwardLayer.Name);
        Assert.True(bi.BackwardLayer.GoBackwards);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void BidirectionalReturnsTheMergedOutputThenEachHalfsStates(string cell)
    {
        Session.SetRandomSeed(9);
        var bi = new Bidirectional(Make(cell, state: true), "sum");
        int states = bi.ForwardLayer.StateCount;
        var x = Random(6, Batch, Steps, Features);
        var initial = Enumerable.Range(0, 2 * states).Select(i => Random(20 + i, Batch, Units)).ToArray();
        var mask = Mask();
        var outs = bi.Call<double>([new Variable<double>(x), .. initial.Select(s => new Variable<double>(s))],
            masks: [mask, .. Enumerable.Repeat<Tensor<double>?>(null, 2 * states)]);
        Tensor<double>? C0(int half) => states == 2 ? initial[half * states + 1] : null;
        var (_, hf, cf) = Reference(bi.ForwardLayer, x, mask, initial[0], C0(0));
        var (_, hb, cb) = Reference(bi.BackwardLayer, x, mask, initial[states], C0(1));
        Assert.Equal(1 + 2 * states, outs.Count);
        Close(hf + hb, outs[0].Data, $"{cell}: the summed outputs");
        Close(hf, outs[1].Data, $"{cell}: forward h");
        Close(hb, outs[1 + states].Data, $"{cell}: backward h");
        if (cf is not null) Close(cf, outs[2].Data, $"{cell}: forward c");
        if (cb is not null) Close(cb, outs[4].Data, $"{cell}: backward c");
    }

    [Fact]
    public void ReturnedStatesCarryNoMaskInAModel()
    {
        // With return_sequences the output keeps the Embedding's mask; the states must not, or the Dense after them
        // would be handed a (batch, steps) mask for a (batch, units) tensor.
        Session.SetRandomSeed(10);
        var ids = new Input([Steps], dtype: typeof(double));
        var embedded = new Embedding(7, Features, maskZero: true).Call(ids);
        var outs = new Bidirectional(new Lstm(Units, returnSequences: true, returnState: true)).Call([embedded]);
        Assert.Equal(5, outs.Count);
        var head = new Dense(1).Call(new Concatenate().Call([outs[1], outs[3]])[0]);
        var model = new Model([ids], [outs[0], head]);
        var batch = Tensor.FromArray(new double[] { 1, 2, 3, 0, 0, 4, 5, 6, 1, 2, 3, 0, 0, 0, 0 }, new Shape(3, Steps));
        var y = model.Call<double>([new Variable<double>(batch)]);
        Assert.Equal(new Shape(3, Steps, 2 * Units), y[0].Shape);
        Assert.Equal(new Shape(3, 1), y[1].Shape);
        Assert.Equal(0.0, y[0].Data.Narrow(1, 3, 2).Narrow(0, 0, 1).ToArray().Select(Math.Abs).Max());
    }

    [Fact]
    public void BidirectionalRefusesTheWrongNumberOfInitialStates()
    {
        var bi = new Bidirectional(new Gru(Units));
        var x = new Variable<double>(Random(1, Batch, Steps, Features));
        var h = new Variable<double>(Random(2, Batch, Units));
        var e = Assert.Throws<ArgumentException>(() => bi.Call<double>([x, h]));
        Assert.Contains("initial states", e.Message);
    }

    /// <summary>
    /// The recall task: a one-hot token from 4 at step 0, then <paramref name="steps"/> − 1 distractor tokens from 4
    /// others; the label is the first token, so it must be carried through every later step.
    /// </summary>
    private static (Tensor<float> X, Tensor<float> Y) RecallFirstToken(int count, int steps, ulong seed)
    {
        var random = new Generator(seed);
        var tokens = Tensor.RandomUniform<float>(new Shape(count, steps), random, 0f, 4f).ToArray()
            .Select(v => Math.Min(3, (int)v)).ToArray();
        var x = new float[count * steps * 8];
        for (int i = 0; i < tokens.Length; i++) x[i * 8 + tokens[i] + (i % steps == 0 ? 0 : 4)] = 1;
        var y = Enumerable.Range(0, count).Select(n => (float)tokens[n * steps]).ToArray();
        return (Tensor.FromArray(x, new Shape(count, steps, 8)), Tensor.FromArray(y, new Shape(count)));
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void ARecurrentLayerRemembersTheFirstTokenThatADenseModelCannot(string cell)
    {
        const int Steps = 20;
        var (x, y) = RecallFirstToken(1024, Steps, 11);
        var (testX, testY) = RecallFirstToken(512, Steps, 12);
        double Accuracy(Sequential model, Tensor<float> inputs) => model.Evaluate(inputs, testY)["acc"];

        Session.SetRandomSeed(13);
        RecurrentLayer recurrent = cell == "lstm" ? new Lstm(16) : new Gru(16);
        var memory = new Sequential(new InputLayer([Steps, 8]), recurrent, new Dense(4, "softmax"));
        memory.Compile(new Adam(0.01), "sparse_categorical_crossentropy", ["acc"]);
        memory.Fit(x, y, batchSize: 64, epochs: 30, verbose: 0);

        // Without memory a model sees one step at a time: at the last step, the first token is gone.
        Tensor<float> Last(Tensor<float> t) => t.Narrow(1, Steps - 1, 1).Squeeze(1).Copy();
        Session.SetRandomSeed(13);
        var dense = new Sequential(new InputLayer([8]), new Dense(16, "tanh"), new Dense(4, "softmax"));
        dense.Compile(new Adam(0.01), "sparse_categorical_crossentropy", ["acc"]);
        dense.Fit(Last(x), y, batchSize: 64, epochs: 30, verbose: 0);

        double remembered = Accuracy(memory, testX), forgotten = Accuracy(dense, Last(testX));
        Assert.True(remembered > 0.95, $"{cell}: test accuracy {remembered} on recalling the first of {Steps} tokens");
        Assert.True(forgotten < 0.4, $"dense on the last step: test accuracy {forgotten}, chance is 0.25");
    }
}
