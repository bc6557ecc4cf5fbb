using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;

namespace DeepSeq.Tests.Layers.Callbacks;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// What the callback tests share: a tiny model that really trains (so weights change every epoch), and a callback
/// that overwrites a monitored value with a scripted sequence, so a rule like EarlyStopping can be walked through
/// exactly the cases Keras's own tests use.
/// </summary>
public static class CallbackTestKit
{
    public static readonly Tensor<float> X = Tensor.FromArray<float>(new float[,] { { 0.5f, -1 }, { 1, 0.25f }, { -0.75f, 1 }, { 2, -0.5f } });
    public static readonly Tensor<float> Y = Tensor.FromArray<float>(new float[,] { { 1 }, { 0 }, { 1 }, { 0 } });

    /// <summary>Dense(4, tanh) → Dense(1, sigmoid), compiled with SGD and binary crossentropy.</summary>
    public static Sequential NewModel(ulong seed, double learningRate = 0.1)
    {
        Session.SetRandomSeed(seed);
        var model = new Sequential(new InputLayer([2]), new Dense(4, "tanh"), new Dense(1, "sigmoid"));
        model.Compile(new Sgd(learningRate), "binary_crossentropy", ["acc"]);
        return model;
    }

    /// <summary>Every weight of a float32 model, flattened in order: equal arrays mean equal weights.</summary>
    public static float[] FloatWeights(Model model) => [.. model.Weights.SelectMany(w => w.Variable<float>().Data.ToArray())];

    /// <summary>Fits <paramref name="model"/> on the kit's data for <paramref name="epochs"/> epochs, validating on it too (so val_ keys exist).</summary>
    public static History Fit(Model model, int epochs, params Callback[] callbacks)
        => model.Fit(X, Y, batchSize: 2, epochs: epochs, validationData: new TensorDataset<float>(X, Y), shuffle: false, callbacks: callbacks, verbose: 0);

    /// <summary>Fits a fresh model for as many epochs as <paramref name="values"/> has, scripting <paramref name="key"/>
    /// to them, with <paramref name="rule"/> watching.</summary>
    public static (History History, EarlyStopping Rule) Run(string key, double[] values, EarlyStopping rule)
    {
        var history = Fit(NewModel(1), values.Length, new ScriptedLogs(key, values), rule);
        return (history, rule);
    }
}

/// <summary>Sets logs[<paramref name="key"/>] to <paramref name="values"/>[epoch] at each epoch's end; put it before the callback under test.</summary>
public sealed class ScriptedLogs(string key, params double[] values) : Callback
{
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
        => ((IDictionary<string, double>)logs)[key] = values[epoch];
}
