using System.Diagnostics;
using System.Globalization;
using DeepSeq.Data.Loaders;
using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Layers.Losses;
using DeepSeq.Layers.Metrics;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.RecurrentProjects.TextGeneration;

/// <summary>
/// What the text-generation experiments (E5–E7) share: the data of <see cref="CharSequences"/>, the project's
/// network, its training (batch 8, validation_split 0.1, accuracy, EarlyStopping(patience 3) on val_loss without
/// restoring), the test figures, and generation from prompts.
/// </summary>
public abstract class TextGenerationExperiment : Experiment
{
    /// <summary>The project's batch size, epochs and recurrent width.</summary>
    public const int BatchSize = 8, Epochs = 10, Units = 1024;

    /// <summary>The sampling temperatures the project compared (0 is the argmax).</summary>
    public static readonly double[] Temperatures = [0, 0.2, 0.5, 1.0];

    /// <summary>The option naming another corpus (UTF-8 text) instead of tiny-shakespeare.</summary>
    public const string CorpusOption = "--corpus";

    /// <summary>The option naming, comma-separated, which of E6's and E7's runs to do (E6: kl, focal; E7: short,
    /// gru, lr01); all of them when it is absent. Each run is more than an hour here, and they are independent.</summary>
    public const string VariantsOption = "--variants";

    /// <summary>Whether this run of E6 or E7 does <paramref name="variant"/> (see <see cref="VariantsOption"/>);
    /// a name that is none of <paramref name="known"/> is an error, so a typo does not silently run nothing.</summary>
    protected static bool Wants(ExperimentContext context, string variant, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? list = context.Options.Extra.GetValueOrDefault(VariantsOption);
        if (list is null) return true;
        var chosen = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in chosen)
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new ArgumentException($"{VariantsOption} {list}: '{name}' is not one of " +
                                            $"{string.Join(", ", known)}");
        return chosen.Contains(variant, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The project's recurrent layer: LSTM(1024) or TF2's GRU(1024) (reset_after true), all steps returned;
    /// <paramref name="stateful"/> for the generator's twin. <paramref name="initializer"/> is Keras's orthogonal
    /// recurrent kernel, or, where the weights are about to be replaced or only the pipeline matters, something
    /// cheaper: the QR of a 4096 × 1024 Gaussian matrix takes seconds.
    /// </summary>
    public static RecurrentLayer Recurrent(CellKind cell, bool stateful = false, string initializer = "orthogonal")
        => cell switch
        {
            CellKind.Lstm => new Lstm(Units, recurrentInitializer: initializer, returnSequences: true,
                stateful: stateful, name: "recurrent"),
            CellKind.Gru => new Gru(Units, recurrentInitializer: initializer, returnSequences: true,
                stateful: stateful, name: "recurrent"),
            _ => throw new ArgumentException($"text generation: the project has LSTM and GRU models, not {cell}"),
        };

    /// <summary>The stateful twin <see cref="CharGenerator"/> steps, initialised with zeros: its weights are the
    /// trained layer's.</summary>
    public static RecurrentLayer StatefulTwin(CellKind cell) => Recurrent(cell, stateful: true, "zeros");

    /// <summary>
    /// The project's network on windows of <paramref name="length"/> character ids: Embedding(V, 64) →
    /// {LSTM, GRU}(1024, return_sequences) → Dense(256, relu) → Dropout(0.1) → Dense(128, relu) → Dense(V, softmax),
    /// a distribution over the next character at every step. Named layers, so saved weights load into a new
    /// process's model. <paramref name="recurrentInitializer"/>: see <see cref="Recurrent"/>.
    /// </summary>
    public static Sequential Build(CellKind cell, int vocabulary, int length,
        string recurrentInitializer = "orthogonal") => new(
        new InputLayer([length]), new Embedding(vocabulary, 64, name: "embedding"),
        Recurrent(cell, initializer: recurrentInitializer),
        new Dense(256, "relu", name: "dense_256"), new Dropout(0.1, name: "dropout"),
        new Dense(128, "relu", name: "dense_128"), new Dense(vocabulary, "softmax", name: "predictions"));

    /// <summary>The parameter count by the formula: V·64 + the recurrent layer (LSTM 4·1024·(64 + 1024 + 1), GRU
    /// with reset_after 3·1024·(64 + 1024 + 2)) + 1024·256 + 256 + 256·128 + 128 + 128·V + V.</summary>
    public static long ParameterFormula(CellKind cell, int v)
    {
        long recurrent = cell == CellKind.Lstm ? 4L * Units * (64 + Units + 1) : 3L * Units * (64 + Units + 2);
        return v * 64L + recurrent + Units * 256L + 256 + 256 * 128 + 128 + 128L * v + v;
    }

    /// <summary>One trained network and what it measured.</summary>
    /// <param name="Name">What the run is.</param>
    /// <param name="Model">The network as training left it (early stopping restores nothing, as the project's).</param>
    /// <param name="History">Its per-epoch log.</param>
    /// <param name="Test">Test loss and accuracy after the last epoch, and after earlier ones where asked
    /// (<c>loss@3</c>, <c>accuracy@3</c>).</param>
    /// <param name="Seconds">Training time.</param>
    public sealed record Trained(string Name, Sequential Model, History History,
        IReadOnlyDictionary<string, double> Test, double Seconds)
    {
        /// <summary>The epochs that ran.</summary>
        public int Epochs => History.Epochs.Count;
    }

    /// <summary>The character data of this run, loaded once and shared by the experiments of one run.</summary>
    protected static CharSequences Load(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Shared("chars", () => CharSequences.Load(context.Options,
            context.Options.Extra.GetValueOrDefault(CorpusOption)));
        context.Output.WriteLine(data.Origin.Description);
        context.Output.WriteLine($"V = {data.Vocabulary.Count}: {Show(data.Vocabulary)}");
        context.Output.WriteLine($"windows {data.X.Shape} (chunks of {data.WindowLength + 1} characters) → one-hot " +
                                 $"targets {data.Y.Shape}; train {data.Split.XTrain.Shape[0]} (of which the last 10 % " +
                                 $"validate), test {data.Split.XTest.Shape[0]}");
        return data;
    }

    /// <summary>
    /// Builds and trains the network of <paramref name="cell"/> with <paramref name="optimizer"/> and
    /// <paramref name="loss"/> for up to <paramref name="epochs"/> epochs under early stopping, printing its log and
    /// parameter count (checked against the formula); the test set is evaluated after the last epoch and after each
    /// of <paramref name="testAfter"/>. The curves are saved as <c>&lt;id&gt;_loss.png</c> and
    /// <c>&lt;id&gt;_accuracy.png</c>.
    /// </summary>
    protected static Trained Train(ExperimentContext context, CharSequences data, string id, string description,
        CellKind cell, Optimizer optimizer, Loss loss, int epochs, params int[] testAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        var output = context.Output;
        string name = $"{id} {description}";
        output.WriteLine($"--- {name}");
        Session.SetRandomSeed((ulong)context.Seed);
        // --quick checks the pipeline, not the initialisation: it skips the orthogonal QR of U (seconds a model).
        var model = Build(cell, data.Vocabulary.Count, data.WindowLength,
            context.Quick ? "glorot_uniform" : "orthogonal");
        long formula = ParameterFormula(cell, data.Vocabulary.Count);
        if (model.CountParams() != formula)
            throw new InvalidOperationException($"{name}: {model.CountParams():N0} parameters, the formula says " +
                                                $"{formula:N0}");
        output.WriteLine($"parameters: {formula:N0} by the formula, {model.CountParams():N0} counted");
        // "accuracy" as the project's TF2 resolved it from the shapes: categorical, whatever the loss (DeepSeq's
        // "accuracy" follows multi-backend Keras and would count each of a focal loss's V outputs as binary).
        model.Compile(optimizer, loss, [new CategoricalAccuracy("accuracy")]);
        model.ProgressOutput = output;
        var test = new Dictionary<string, double>();
        void Test(string suffix)
        {
            foreach (var (key, value) in model.Evaluate(data.Split.XTest, data.Split.YTest, batchSize: BatchSize))
                test[key + suffix] = value;
        }
        var evaluateAt = new LambdaCallback(onEpochEnd: (epoch, _) =>
        {
            if (!testAfter.Contains(epoch + 1)) return;
            Test($"@{epoch + 1}");
            output.WriteLine($"after epoch {epoch + 1}: test loss {F(test[$"loss@{epoch + 1}"])}, accuracy " +
                             $"{F(test[$"accuracy@{epoch + 1}"])}");
        });
        var clock = Stopwatch.StartNew();
        // verbose 1: on a terminal the bar is redrawn every step with its ETA (an E5 epoch takes minutes here).
        var history = model.Fit(data.Split.XTrain, data.Split.YTrain, batchSize: BatchSize,
            epochs: context.Epochs(epochs, 2), validationSplit: 0.1,
            callbacks: [new EarlyStopping("val_loss", patience: 3), evaluateAt], verbose: 1);
        double seconds = clock.Elapsed.TotalSeconds;
        HistoryTable.Write(history, output);
        Test("");
        output.WriteLine($"{name}: test loss {F(test["loss"])}, accuracy {F(test["accuracy"])}, " +
                         $"{history.Epochs.Count} epochs in {seconds:0} s ({seconds / history.Epochs.Count:0} s per " +
                         "epoch)");
        foreach (string png in HistoryPlots.Save(history, context.OutDir, id, "loss", "accuracy"))
            output.WriteLine($"plot: {png}");
        return new Trained(name, model, history, test, seconds);
    }

    /// <summary>Records a trained network's figures under <paramref name="key"/>: parameters, epochs, seconds per
    /// epoch, training loss and validation accuracy by epoch, and every test figure.</summary>
    protected static void Record(Dictionary<string, double> metrics, string key, Trained trained)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(trained);
        metrics[$"{key}_params"] = trained.Model.CountParams();
        metrics[$"{key}_epochs"] = trained.Epochs;
        metrics[$"{key}_seconds_per_epoch"] = trained.Seconds / trained.Epochs;
        var (loss, validation) = (trained.History["loss"], trained.History["val_accuracy"]);
        for (int e = 0; e < validation.Count; e++)
            (metrics[$"{key}_loss_{e + 1}"], metrics[$"{key}_val_acc_{e + 1}"]) = (loss[e], validation[e]);
        foreach (var (name, value) in trained.Test) metrics[$"{key}_test_{name}"] = value;
    }

    /// <summary>Prints, for the first characters of three test windows as prompts, the argmax continuation and one
    /// sample at each temperature, stepping the trained network with its carried state.</summary>
    protected static void PrintGenerations(ExperimentContext context, CharSequences data, Trained trained,
        CellKind cell)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trained);
        var generator = new CharGenerator(trained.Model, StatefulTwin(cell), data.Vocabulary);
        int count = context.Size(250, 30), promptLength = context.Size(40, 10);
        var windows = data.Split.XTest.ToArray();
        foreach (int w in new[] { 0, 1, 2 })
        {
            string prompt = data.Vocabulary.Decode(windows.Skip(w * data.WindowLength).Take(promptLength)
                .Select(c => (int)c));
            context.Output.WriteLine($"prompt: \"{Escape(prompt)}\"");
            foreach (double t in Temperatures)
            {
                string text = generator.Generate(prompt, count, t, (ulong)context.Seed);
                context.Output.WriteLine($"  {(t == 0 ? "argmax" : $"T = {t:0.0}"),-8} \"{Escape(text[prompt.Length..])}\"");
            }
        }
    }

    /// <summary>Saves the trained network's weights and, beside them, its cell and vocabulary (for
    /// <c>generate</c>); returns the weight file's path.</summary>
    protected static string SaveModel(ExperimentContext context, CharSequences data, Trained trained, CellKind cell,
        string fileName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trained);
        string path = context.OutPath(fileName);
        trained.Model.SaveWeights(path);
        TextModelFile.Write(path, cell, data.Vocabulary, data.WindowLength);
        context.Output.WriteLine($"saved: {path} and {TextModelFile.PathFor(path)}");
        return path;
    }

    /// <summary>The vocabulary, control characters written as escapes.</summary>
    private static string Show(CharVocabulary vocabulary) => Escape(string.Concat(vocabulary.Chars));

    /// <summary><paramref name="text"/> with newlines and tabs escaped, for one-line output.</summary>
    protected static string Escape(string text) => text.Replace("\n", "\\n").Replace("\t", "\\t");

    /// <summary>Four decimals, invariant.</summary>
    protected static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
