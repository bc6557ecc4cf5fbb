using DeepSeq.Autograd;
using DeepSeq.Layers.Losses;
using DeepSeq.Layers.Metrics;
using DeepSeq.Layers.Optimizers;

namespace DeepSeq.Layers;

/// <summary>Training: Compile, Fit, Evaluate, Predict (Keras's <c>Model.compile/fit/evaluate/predict</c>).</summary>
public partial class Model
{
    private Loss[]? _losses;
    private Metric[][]? _metrics;

    /// <summary>The optimizer given to <c>Compile</c>; null before.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>The loss of each output; null before <c>Compile</c>.</summary>
    public IReadOnlyList<Loss>? Losses => _losses;

    /// <summary>Set by a callback to end <c>Fit</c> after the current epoch (Keras
    /// <c>model.stop_training</c>).</summary>
    public bool StopTraining { get; set; }

    /// <summary>Where progress lines go; <see cref="Console.Out"/> by default.</summary>
    public TextWriter ProgressOutput { get; set; } = Console.Out;

    /// <summary>
    /// Chooses the optimizer, the loss and the metrics by their Keras names:
    /// <c>Compile("rmsprop", "binary_crossentropy", ["acc"])</c>. "acc"/"accuracy" become binary, categorical or
    /// sparse categorical accuracy as Keras decides (from the loss and the shapes); the metric keeps the name you
    /// wrote, so History keys read <c>acc</c>/<c>val_acc</c> or <c>accuracy</c>/<c>val_accuracy</c>.
    /// </summary>
    public void Compile(string optimizer, string loss, IReadOnlyList<string>? metrics = null)
        => Compile(Optimizers.Optimizer.Get(optimizer), Loss.Get(loss), metrics);

    /// <summary>Compiles with an optimizer object (<c>new RmsProp(0.001)</c>) and loss and metric names.</summary>
    public void Compile(Optimizer optimizer, string loss, IReadOnlyList<string>? metrics = null)
        => Compile(optimizer, Loss.Get(loss), metrics);

    /// <summary>Compiles with optimizer and loss objects and metric names.</summary>
    public void Compile(Optimizer optimizer, Loss loss, IReadOnlyList<string>? metrics = null)
        => Compile(optimizer, Enumerable.Repeat(loss, Math.Max(1, _outputs.Count)).ToArray(), metrics);

    /// <summary>Compiles with optimizer, loss and metric objects (Keras's <c>compile(optimizer=RMSprop(),
    /// loss=losses.BinaryCrossentropy(), metrics=[metrics.BinaryAccuracy()])</c>); one output only, since a metric
    /// object keeps state.</summary>
    public void Compile(Optimizer optimizer, Loss loss, IReadOnlyList<Metric> metrics)
    {
        if (_outputs.Count > 1)
            throw new ArgumentException(
                $"{Name}: metric objects keep state, so they serve one output; " +
                $"this model has {_outputs.Count} — pass metric names instead");
        SetTraining(optimizer, [loss], [metrics.ToArray()]);
    }

    /// <summary>Compiles a model with several outputs: one loss per output (in output order); every metric name applies
    /// to every output.</summary>
    public void Compile(Optimizer optimizer, IReadOnlyList<Loss> losses, IReadOnlyList<string>? metrics = null)
    {
        if (IsDefined && losses.Count != _outputs.Count)
            throw new ArgumentException($"{Name}: {losses.Count} losses for {_outputs.Count} outputs");
        SetTraining(
            optimizer,
            losses.ToArray(),
            losses.Select(l => (metrics ?? []).Select(m => Metric.Get(m, l)).ToArray()).ToArray());
    }

    private void SetTraining(Optimizer optimizer, Loss[] losses, Metric[][] metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        // Hyperparameters are checked in the weights' float type as soon as it is known (Fit checks again).
        if (IsDefined && Weights.Count > 0)
        {
            if (Weights[0].DType == typeof(float)) optimizer.ValidateFor<float>();
            else optimizer.ValidateFor<double>();
        }
        Optimizer = optimizer;
        _losses = losses;
        _metrics = metrics;
    }

    // ---- Fit -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Trains on <paramref name="x"/> → <paramref name="y"/> for <paramref name="epochs"/> epochs of mini-batches
    /// (Keras <c>fit</c>): each step computes the loss on a batch in training mode, backpropagates, and lets the
    /// optimizer update every trainable weight.
    /// </summary>
    /// <param name="x">inputs, first axis = samples</param>
    /// <param name="y">targets, first axis = samples</param>
    /// <param name="batchSize">samples per step (Keras's default 32)</param>
    /// <param name="epochs">passes over the data</param>
    /// <param name="validationSplit">the last fraction of the samples, cut off before shuffling, held out for
    /// validation</param>
    /// <param name="validationData">a separate validation set (takes precedence over
    /// <paramref name="validationSplit"/>)</param>
    /// <param name="shuffle">reshuffle the training samples every epoch (from the model's seed)</param>
    /// <param name="callbacks">hooks called during training</param>
    /// <param name="verbose">0 silent, 1 progress bar, 2 one line per epoch</param>
    public History Fit<T>(Tensor<T> x, Tensor<T> y, int batchSize = 32, int epochs = 1, double validationSplit = 0,
        TensorDataset<T>? validationData = null, bool shuffle = true, IReadOnlyList<Callback>? callbacks = null,
        int verbose = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Fit(new TensorDataset<T>(x, y), batchSize, epochs, validationSplit, validationData, shuffle, callbacks,
            verbose);

    /// <summary>Trains a model with several inputs or outputs; see
    /// <see cref="Fit{T}(Tensor{T}, Tensor{T}, int, int, double, TensorDataset{T}?, bool, IReadOnlyList{Callback}?,
    /// int)"/>.</summary>
    public History Fit<T>(TensorDataset<T> data, int batchSize = 32, int epochs = 1, double validationSplit = 0,
        TensorDataset<T>? validationData = null, bool shuffle = true, IReadOnlyList<Callback>? callbacks = null,
        int verbose = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batchSize < 1) throw new ArgumentException($"{Name}: fit: batch size must be at least 1, got {batchSize}");
        var train = data;
        var validation = validationData;
        if (validation is null && validationSplit != 0) (train, validation) = data.SplitLast(validationSplit);
        RequireSamplesIn(train, "fit");
        if (validation is not null) RequireSamplesIn(validation, "fit: validation data");
        int steps = (train.Count + batchSize - 1) / batchSize;
        return Train(epoch => Batches(train, batchSize, shuffle), steps, epochs,
            validation is null ? null : () => Batches(validation, batchSize, shuffle: false), callbacks, verbose);
    }

    /// <summary>
    /// Trains on batches from a generator (Keras <c>fit(generator, steps_per_epoch, …)</c>): each epoch takes the next
    /// <paramref name="stepsPerEpoch"/> batches from one enumerator that runs across epochs, as Keras's does.
    /// Validation takes <paramref name="validationSteps"/> batches from <paramref name="validationData"/> (restarted
    /// every epoch), or all of it when null.
    /// </summary>
    public History Fit<T>(IEnumerable<TensorDataset<T>> batches, int stepsPerEpoch, int epochs = 1,
        IEnumerable<TensorDataset<T>>? validationData = null, int? validationSteps = null,
        IReadOnlyList<Callback>? callbacks = null, int verbose = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (stepsPerEpoch < 1)
            throw new ArgumentException($"{Name}: fit: steps per epoch must be at least 1, got {stepsPerEpoch}");
        if (validationSteps is < 1)
            throw new ArgumentException($"{Name}: fit: validation steps must be at least 1, got {validationSteps}");
        using var source = batches.GetEnumerator();
        IEnumerable<TensorDataset<T>> Next()
        {
            for (int i = 0; i < stepsPerEpoch; i++)
                yield return source.MoveNext() ? source.Current
                    : throw new InvalidOperationException(
                        $"{Name}: fit: the batch generator ran out after {i} of {stepsPerEpoch} steps of an epoch");
        }
        return Train(_ => Next(), stepsPerEpoch, epochs,
            validationData is null
                ? null
                : () => validationSteps is int n ? validationData.Take(n) : validationData, callbacks, verbose);
    }

    private History Train<T>(Func<int, IEnumerable<TensorDataset<T>>> epochBatches, int steps, int epochs,
        Func<IEnumerable<TensorDataset<T>>>? validation, IReadOnlyList<Callback>? callbacks, int verbose)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireCompiled("fit");
        if (epochs < 0) throw new ArgumentException($"{Name}: fit: epochs must be ≥ 0, got {epochs}");
        if (verbose is < 0 or > 2)
            throw new ArgumentException($"{Name}: fit: verbose must be 0, 1 or 2, got {verbose}");
        Optimizer!.ValidateFor<T>();
        // TerminateOnNaN is on by default (pass your own instance to change how it reacts).
        callbacks = callbacks?.OfType<TerminateOnNaN>().Any() == true ? callbacks : [.. callbacks ?? [], new TerminateOnNaN()];
        foreach (var callback in callbacks) callback.Model = this;
        var history = new History();
        var lossTrackers = NewLossTrackers();
        StopTraining = false;
        foreach (var callback in callbacks) callback.OnTrainBegin();
        try
        {
            RunEpochs(epochBatches, steps, epochs, validation, callbacks, verbose, history, lossTrackers);
        }
        finally
        {
            // Also when a step fails: EarlyStopping still puts the best weights back.
            foreach (var callback in callbacks) callback.OnTrainEnd();
        }
        return history;
    }

    private void RunEpochs<T>(Func<int, IEnumerable<TensorDataset<T>>> epochBatches, int steps, int epochs,
        Func<IEnumerable<TensorDataset<T>>>? validation, IReadOnlyList<Callback> callbacks, int verbose,
        History history, Mean[] lossTrackers)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int epoch = 0; epoch < epochs && !StopTraining; epoch++)
        {
            foreach (var callback in callbacks) callback.OnEpochBegin(epoch);
            if (verbose > 0) ProgressOutput.WriteLine($"Epoch {epoch + 1}/{epochs}");
            bool live = verbose == 1 && ProgressOutput == Console.Out && !Console.IsOutputRedirected;
            var progress = new ProgressBar(steps, verbose, ProgressOutput, live: live);
            foreach (var tracker in lossTrackers) tracker.Reset();
            ResetMetrics();
            int step = 0;
            foreach (var batch in epochBatches(epoch))
            {
                var predictions = TrainStep(batch, lossTrackers, out double batchLoss);
                if (predictions is not null) UpdateMetrics(batch, predictions);
                var running = Logs(lossTrackers);
                progress.Update(++step, running);
                var batchLogs = double.IsFinite(batchLoss) ? running
                    : new Dictionary<string, double>(running) { ["loss"] = batchLoss };
                foreach (var callback in callbacks) callback.OnBatchEnd(step - 1, batchLogs);
                if (!double.IsFinite(batchLoss) && !StopTraining)   // only a callback list without TerminateOnNaN
                    throw NonFiniteLoss(batchLoss, Optimizer!.Iterations);
                if (StopTraining) break;   // as Keras 3: a callback may stop training after any batch
            }
            var logs = Logs(lossTrackers);
            if (validation is not null)
                foreach (var (key, value) in EvaluateBatches(validation()))
                    logs["val_" + key] = value;
            foreach (var callback in callbacks) callback.OnEpochEnd(epoch, logs);
            progress.Finish(logs);
            history.Append(epoch, logs);
        }
    }

    /// <summary>One optimisation step on <paramref name="batch"/>: forward in training mode, loss (+ regularisation),
    /// backward, update.</summary>
    /// <remarks>A non-finite loss skips backward and the update (no weight changes) and returns null; the
    /// <see cref="TerminateOnNaN"/> callback then stops training.</remarks>
    private Tensor<T>[]? TrainStep<T>(TensorDataset<T> batch, Mean[] lossTrackers, out double value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var outputs = Call<T>(InputVariables(batch), training: true);
        var (loss, terms) = TotalLoss(batch, outputs);
        if (RegularizationLoss<T>() is { } penalty) loss += penalty;
        value = double.CreateChecked(loss.Data.Item());
        if (!double.IsFinite(value)) return null;
        loss.Backward();
        var parameters = TrainableWeights.Select(w => w.Variable<T>()).ToArray();
        Optimizer!.Apply(parameters);
        // Every weight, frozen ones too: backward reaches them all, and a gradient left behind would pile up
        // until the layer is unfrozen and then be applied in one step.
        foreach (var weight in Weights) weight.Variable<T>().ZeroGrad();
        TrackLosses(lossTrackers, value, terms, batch.Count);
        return outputs.Select(o => o.Data).ToArray();
    }

    /// <summary>The error a non-finite training loss ends Fit with (see <see cref="TerminateOnNaN"/>).</summary>
    internal InvalidOperationException NonFiniteLoss(double value, long step)
        => new($"{Name}: the training loss became {value} at step {step} (a learning rate too high, or bad " +
               "inputs); stopping rather than writing non-finite weights");

    /// <summary>Σ over outputs of each output's loss (Keras weighs them all 1), and the terms.</summary>
    private (
        Variable<T> Total,
        Variable<T>[] Terms) TotalLoss<T>(TensorDataset<T> batch, IReadOnlyList<Variable<T>> outputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batch.Y.Count != outputs.Count)
            throw new ArgumentException($"{Name}: {batch.Y.Count} target tensor(s) for {outputs.Count} output(s)");
        var terms = outputs.Select((output, i) => _losses![i].Compute(new Variable<T>(batch.Y[i]), output)).ToArray();
        return (terms.Skip(1).Aggregate(terms[0], (sum, term) => sum + term), terms);
    }

    /// <summary>The running losses: <c>loss</c> (the total, regularisation included), then with several outputs one
    /// <c>{output}_loss</c> each, as Keras logs them.</summary>
    private Mean[] NewLossTrackers()
        => [new Mean("loss"), .. _outputs.Count > 1 ? _outputs.Select(t => new Mean($"{t.Layer.Name}_loss")) : []];

    private static void TrackLosses<T>(Mean[] trackers, double total, Variable<T>[] terms, int batchSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        trackers[0].Update(total, batchSize);
        for (int i = 1; i < trackers.Length; i++)
            trackers[i].Update(double.CreateChecked(terms[i - 1].Data.Item()), batchSize);
    }

    // ---- Evaluate and Predict ------------------------------------------------------------------------------------

    /// <summary>
    /// The loss and metrics on <paramref name="x"/> → <paramref name="y"/> in inference mode (Keras <c>evaluate</c>),
    /// by key: <c>loss</c>, then each metric. Batches only bound memory; the results are sample means.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate<T>(
        Tensor<T> x,
        Tensor<T> y,
        int batchSize = 32,
        int verbose = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Evaluate(new TensorDataset<T>(x, y), batchSize, verbose);

    /// <summary>Evaluates a model with several inputs or outputs.</summary>
    public IReadOnlyDictionary<string, double> Evaluate<T>(TensorDataset<T> data, int batchSize = 32, int verbose = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireCompiled("evaluate");
        if (batchSize < 1)
            throw new ArgumentException($"{Name}: evaluate: batch size must be at least 1, got {batchSize}");
        if (verbose is < 0 or > 2)
            throw new ArgumentException($"{Name}: evaluate: verbose must be 0, 1 or 2, got {verbose}");
        RequireSamplesIn(data, "evaluate");
        var progress = new ProgressBar((data.Count + batchSize - 1) / batchSize, verbose, ProgressOutput, live: false);
        var logs = EvaluateBatches(Batches(data, batchSize, shuffle: false));
        progress.Finish(logs);
        return logs;
    }

    /// <summary>Loss and metrics over <paramref name="batches"/> in inference mode; callers have checked the model is
    /// compiled.</summary>
    private Dictionary<string, double> EvaluateBatches<T>(IEnumerable<TensorDataset<T>> batches)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lossTrackers = NewLossTrackers();
        ResetMetrics();
        // The weights do not change while evaluating: one penalty serves every batch.
        var penalty = RegularizationLoss<T>();
        // Under NoGrad: nothing is recorded. The crossentropies still score a sigmoid/softmax output from its logits,
        // which the output carries (Variable.Logits), so evaluation reports the loss that training computes.
        using var noGrad = GradMode.NoGrad();
        foreach (var batch in batches)
        {
            var outputs = Call<T>(InputVariables(batch), training: false);
            var (loss, terms) = TotalLoss(batch, outputs);
            if (penalty is not null) loss += penalty;
            TrackLosses(lossTrackers, double.CreateChecked(loss.Data.Item()), terms, batch.Count);
            UpdateMetrics(batch, outputs.Select(o => o.Data).ToArray());
        }
        return Logs(lossTrackers);
    }

    /// <summary>The model's output for <paramref name="x"/>, computed in batches without building a graph (Keras
    /// <c>predict</c>).</summary>
    public Tensor<T> Predict<T>(Tensor<T> x, int batchSize = 32) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var outputs = Predict([x], batchSize);
        return outputs.Count == 1 ? outputs[0] : throw new InvalidOperationException(
            $"{Name}: the model has {outputs.Count} outputs; use Predict(IReadOnlyList<Tensor<T>>)");
    }

    /// <summary>The outputs of a model with several inputs or outputs, one tensor per output.</summary>
    public IReadOnlyList<Tensor<T>> Predict<T>(IReadOnlyList<Tensor<T>> x, int batchSize = 32)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (batchSize < 1)
            throw new ArgumentException($"{Name}: predict: batch size must be at least 1, got {batchSize}");
        var data = new TensorDataset<T>(x, []);
        RequireSamplesIn(data, "predict");
        var parts = new List<IReadOnlyList<Variable<T>>>();
        using (GradMode.NoGrad())
            foreach (var batch in Batches(data, batchSize, shuffle: false))
                parts.Add(Call<T>(InputVariables(batch), training: false));
        return Enumerable.Range(0, parts[0].Count)
            .Select(i => parts.Count == 1
                ? parts[0][i].Data
                : Tensor.Concat(parts.Select(p => p[i].Data).ToArray(), axis: 0))
            .ToArray();
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private IReadOnlyList<Variable<T>> InputVariables<T>(TensorDataset<T> batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (IsDefined && batch.X.Count != _inputs.Count)
            throw new ArgumentException(
                $"{Name}: {batch.X.Count} input tensor(s) for a model with {_inputs.Count} " +
                $"input(s) ({string.Join(", ", _inputs.Select(t => t.Layer.Name))})");
        return batch.X.Select(t => new Variable<T>(t)).ToArray();
    }

    /// <summary>Mini-batches in order, or in a fresh random order drawn from the model's random stream.</summary>
    private IEnumerable<TensorDataset<T>> Batches<T>(TensorDataset<T> data, int batchSize, bool shuffle)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[]? order = shuffle ? Permutation(data.Count) : null;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int length = Math.Min(batchSize, data.Count - start);
            yield return order is null ? data.Slice(start, length)
                : data.Select(Tensor.FromArray<int>(order.AsSpan(start, length), [length], data.X[0].Device));
        }
    }

    /// <summary>A uniformly random permutation of 0 … n − 1 (Fisher–Yates, on uniform draws from the model's
    /// seed).</summary>
    private int[] Permutation(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var u = new double[n];
        Random.Uniform<double>(u, 0, 1);
        for (int i = n - 1; i > 0; i--)
        {
            int j = Math.Min(i, (int)(u[i] * (i + 1)));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>Keras refuses empty data rather than report a loss of 0; so does DeepSeq.</summary>
    private void RequireSamplesIn<T>(TensorDataset<T> data, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (data.Count == 0)
            throw new ArgumentException($"{Name}: {what}: no samples (the first axis of the data is 0)");
    }

    private void RequireCompiled(string what)
    {
        if (Optimizer is null || _losses is null || _metrics is null)
            throw new InvalidOperationException(
                $"{Name}: {what}: compile the model first (Compile(optimizer, loss, metrics))");
        if (IsDefined && _losses.Length != _outputs.Count)
            throw new InvalidOperationException(
                $"{Name}: compiled with {_losses.Length} loss(es) for {_outputs.Count} output(s)");
    }

    private void ResetMetrics()
    {
        foreach (var metric in _metrics!.SelectMany(m => m)) metric.Reset();
    }

    private void UpdateMetrics<T>(TensorDataset<T> batch, Tensor<T>[] predictions)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < predictions.Length; i++)
            foreach (var metric in _metrics![i])
                metric.Update(batch.Y[i], predictions[i]);
    }

    /// <summary>The running values by History key: <c>loss</c>, then each metric (prefixed by its output's layer name
    /// when there are several outputs, as Keras does).</summary>
    private Dictionary<string, double> Logs(Mean[] lossTrackers)
    {
        var logs = lossTrackers.ToDictionary(t => t.Name, t => t.Result());
        for (int i = 0; i < _metrics!.Length; i++)
            foreach (var metric in _metrics[i])
                logs[_outputs.Count > 1 ? $"{_outputs[i].Layer.Name}_{metric.Name}" : metric.Name] = metric.Result();
        return logs;
    }
}
