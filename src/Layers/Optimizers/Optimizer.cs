using DeepSeq.Autograd;
using DeepSeq.Kernels;

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// Moves parameters against their gradients, one step per <see cref="Apply{T}"/>: for every parameter w
/// with a gradient g, w ← Update(w, g, slots, η, step), then <see cref="Iterations"/> += 1.
/// Each subclass is one update rule (<see cref="Sgd"/>, <see cref="RmsProp"/>, <see cref="Adagrad"/>,
/// <see cref="Adam"/>).
/// </summary>
/// <remarks>
/// <para>Keras: <c>keras.optimizers.Optimizer</c> (<c>keras/src/optimizers/base_optimizer.py</c>). One step follows
/// its <c>apply</c>: skip parameters without a gradient; clip the gradients (<see cref="ClipNorm"/>,
/// <see cref="GlobalClipNorm"/> or <see cref="ClipValue"/>, at most one of them); evaluate the learning rate
/// at the current step η = <see cref="LearningRate"/>.At(<see cref="Iterations"/>); run the rule for each
/// parameter; count the step.</para>
/// <para>Where DeepSeq is stricter than Keras: a gradient holding NaN or ±∞ stops the step with an
/// <see cref="InvalidOperationException"/> naming the parameter and the step, before any weight changes
/// (Keras would write NaN into the weights and training would go on, silently ruined). Hyperparameters
/// are checked when the optimizer is built.</para>
/// <para>The optimizer keeps per-parameter state (<see cref="Slots{T}"/>) keyed by the identity of the
/// <see cref="Variable{T}"/> object: apply it to the same variables every step.</para>
/// </remarks>
public abstract class Optimizer
{
    // Variable<T> → Slots<T>, for whichever T the parameters use; keyed by reference, never by value.
    private readonly Dictionary<object, object> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly double? _clipNorm, _clipValue, _globalClipNorm;

    /// <summary>Called by each rule with its Keras name and its learning rate.</summary>
    protected Optimizer(string name, LearningRateSchedule learningRate)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        Name = name;
        LearningRate = learningRate;
    }

    /// <summary>The optimizer's Keras name: "sgd", "rmsprop", "adagrad", "adam".</summary>
    public string Name { get; }

    /// <summary>η as a function of the step; a <see cref="ConstantLearningRate"/> when built from a number.</summary>
    public LearningRateSchedule LearningRate { get; private set; }

    /// <summary>The number of steps applied so far (Keras <c>optimizer.iterations</c>); the step index the schedule
    /// sees next.</summary>
    public long Iterations { get; private set; }

    /// <summary>The learning rate the next step will use:
    /// <see cref="LearningRate"/>.At(<see cref="Iterations"/>).</summary>
    public double CurrentLearningRate => LearningRate.At(Iterations);

    /// <summary>
    /// Keras <c>clipnorm</c>: each gradient is rescaled to norm at most c, g ← g · c / max(‖g‖₂, c)
    /// (<see cref="GradientClipping.ByNorm{T}"/>). Null (the default) for no clipping; otherwise &gt; 0.
    /// </summary>
    public double? ClipNorm { get => _clipNorm; init => _clipNorm = CheckClip(nameof(ClipNorm), value); }

    /// <summary>Keras <c>clipvalue</c>: each gradient element is clipped to [−c, c]. Null for none; otherwise &gt;
    /// 0.</summary>
    public double? ClipValue { get => _clipValue; init => _clipValue = CheckClip(nameof(ClipValue), value); }

    /// <summary>
    /// Keras <c>global_clipnorm</c>: all gradients are scaled together so that their joint norm
    /// √(Σ ‖gᵢ‖₂²) is at most c (<see cref="GradientClipping.ByGlobalNorm{T}"/>). Null for none; otherwise &gt; 0.
    /// </summary>
    public double? GlobalClipNorm
    {
        get => _globalClipNorm;
        init => _globalClipNorm = CheckClip(nameof(GlobalClipNorm), value);
    }

    /// <summary>
    /// Replaces a constant learning rate, as Keras's <c>optimizer.learning_rate = η</c> does (the
    /// <c>LearningRateScheduler</c> and <c>ReduceLROnPlateau</c> callbacks use it). An optimizer driven by a
    /// schedule refuses, as Keras does: the schedule owns the rate.
    /// </summary>
    public void SetLearningRate(double learningRate)
    {
        if (LearningRate is not ConstantLearningRate)
            throw new InvalidOperationException(
                $"{Name}: the learning rate is the schedule {LearningRate.GetType().Name}, so it cannot be set; " +
                "build the optimizer with a number to make it settable");
        LearningRate = ConstantRate(Name, learningRate);
    }

    /// <summary>
    /// One optimization step over <paramref name="parameters"/>. Parameters whose <see cref="Variable{T}.Grad"/>
    /// is null are skipped (Keras skips None gradients); the others get w ← Update(w, clip(g), …) through
    /// <see cref="Variable{T}.Assign"/>; then <see cref="Iterations"/> grows by one. Gradients are not
    /// cleared: call <see cref="Variable{T}.ZeroGrad"/> before the next backward pass.
    /// </summary>
    /// <remarks>
    /// Every gradient is checked before any weight moves, so a refused step leaves the model as it was.
    /// An empty list is no step at all; a non-empty list in which no parameter has a gradient is an error,
    /// as in Keras ("No gradients provided for any variable"): backward was probably not called.
    /// </remarks>
    /// <exception cref="InvalidOperationException">no parameter has a gradient; a parameter is not a leaf; a
    /// gradient's shape or device differs from its parameter's; a gradient holds NaN or ±∞; the schedule
    /// gives an invalid learning rate.</exception>
    public void Apply<T>(IReadOnlyList<Variable<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0) return;

        var (updated, indices) = (new List<Variable<T>>(), new List<int>());
        var seen = new HashSet<Variable<T>>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i] ?? throw new ArgumentException(
                $"{Name}: parameters[{i}] is null", nameof(parameters));
            if (!seen.Add(parameter))
                throw new ArgumentException(
                    $"{Name}: {Describe(parameter, i)} appears twice in the list; it would be updated twice",
                    nameof(parameters));
            if (parameter.Grad is null) continue;
            CheckGradient(parameter, parameter.Grad, i);
            updated.Add(parameter);
            indices.Add(i);
        }
        if (updated.Count == 0)
            throw new InvalidOperationException(
                $"{Name}: none of the {parameters.Count} parameters has a gradient (step {Iterations}); call " +
                "Backward on the loss before Apply");

        double learningRate = CheckedLearningRate<T>();
        var gradients = updated.Select(p => p.Grad!).ToList();
        var clipping = Clipping(gradients);
        var rule = Rule<T>(learningRate, Iterations);
        // Every parameter's step is checked (computed and discarded) before any is written: a NaN gradient, or a
        // step that would write NaN or ±∞ (a rate that overflows the float type, a division by a vanishing second
        // moment), leaves every weight and slot as it was.
        var steps = new (UpdateRule<T> Rule, Tensor<T>?[] Slots)[updated.Count];
        var flags = new UpdateFlags[updated.Count];
        for (int i = 0; i < updated.Count; i++)
        {
            var (parameter, slots) = (updated[i], SlotsFor(updated[i]));
            OwnWeight(parameter, slots);
            var stepRule = clipping[i](rule);
            steps[i] = (stepRule, SlotTensors(slots, stepRule));
            flags[i] = OptimizerUpdates.Check(parameter.Data, steps[i].Slots, gradients[i], steps[i].Rule);
        }
        for (int i = 0; i < updated.Count; i++)
            if (flags[i].HasFlag(UpdateFlags.GradientNotFinite))
                throw new InvalidOperationException(
                    $"{Name}: the gradient of {Describe(updated[i], indices[i])} holds NaN or " +
                    $"infinity at step {Iterations}; the step was refused and no weight changed (lower the learning " +
                    "rate, clip gradients, or look for a log of 0 in the loss)");
        for (int i = 0; i < updated.Count; i++)
            if (flags[i].HasFlag(UpdateFlags.ResultNotFinite))
                throw new InvalidOperationException(
                    $"{Name}: the update of {Describe(updated[i], indices[i])} at step " +
                    $"{Iterations} (learning rate {learningRate}) gives NaN or infinity; the step was refused and no " +
                    "weight changed (lower the learning rate or clip gradients)");
        for (int i = 0; i < updated.Count; i++)
            OptimizerUpdates.Apply(updated[i].Data, steps[i].Slots, gradients[i], steps[i].Rule);
        Iterations++;
    }

    /// <summary>
    /// The update rule of this step as the fused kernel takes it (src/Kernels/UpdateRule.cs, whose
    /// <see cref="UpdateRule{T}.Step"/> holds the formulas): its kind and its coefficients in
    /// <typeparamref name="T"/>, computed once per step from η and the step count. <paramref name="step"/> is the
    /// number of steps applied before this one (0 first; Adam's bias correction uses t = step + 1).
    /// </summary>
    protected abstract UpdateRule<T> Rule<T>(double learningRate, long step) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The rule's slots 0, 1 and 2 by their Keras names and initial values; null for a slot it does not
    /// use. Created the first time a parameter is stepped.</summary>
    protected abstract IReadOnlyList<(string Name, double InitialValue)?> SlotNames { get; }

    /// <summary>The state kept for <paramref name="parameter"/>, or null before its first update (Keras
    /// <c>optimizer.variables</c>).</summary>
    public Slots<T>? SlotsOf<T>(Variable<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
        => _slots.TryGetValue(parameter, out var slots) ? (Slots<T>)slots : null;

    /// <summary>
    /// An optimizer by its Keras name, with Keras's defaults: "sgd", "rmsprop", "adagrad", "adam"
    /// (case-insensitive, as <c>keras.optimizers.get</c> also accepts "SGD", "RMSprop", "Adam").
    /// </summary>
    /// <exception cref="ArgumentException">the name is none of these.</exception>
    public static Optimizer Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "sgd" => new Sgd(),
            "rmsprop" => new RmsProp(),
            "adagrad" => new Adagrad(),
            "adam" => new Adam(),
            _ => throw new ArgumentException(
                $"optimizer: unknown name '{name}'; known names are sgd, rmsprop, adagrad, adam", nameof(name)),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(learningRate: {LearningRate}, iterations: {Iterations})";

    /// <summary>A constant schedule from a number, checked in the name of optimizer
    /// <paramref name="optimizer"/>.</summary>
    protected static LearningRateSchedule ConstantRate(string optimizer, double learningRate) =>
        new ConstantLearningRate(HyperParameter.NonNegative(optimizer, "learningRate", learningRate));

    /// <summary>A finite value ≥ 0, else an <see cref="ArgumentException"/> naming this optimizer and the
    /// argument.</summary>
    protected double NonNegative(string argument, double value) => HyperParameter.NonNegative(Name, argument, value);

    /// <summary>A value in [0, 1), else an <see cref="ArgumentException"/> naming this optimizer and the
    /// argument.</summary>
    protected double UnitInterval(string argument, double value) => HyperParameter.UnitInterval(Name, argument, value);

    /// <summary>A value in [0, 1], else an <see cref="ArgumentException"/> naming this optimizer and the
    /// argument.</summary>
    protected double ClosedUnitInterval(string argument, double value)
        => HyperParameter.ClosedUnitInterval(Name, argument, value);

    private double? CheckClip(string argument, double? value)
    {
        if (value is null) return null;
        HyperParameter.Positive(Name, argument, value.Value);
        // Keras allows only one clipping mode; init accessors run one by one, so the second one set sees the first.
        var others = new[]
            {
                (nameof(ClipNorm), _clipNorm),
                (nameof(ClipValue), _clipValue),
                (nameof(GlobalClipNorm), _globalClipNorm),
            }
            .Where(o => o.Item1 != argument && o.Item2 is not null).Select(o => o.Item1).ToList();
        if (others.Count > 0)
            throw new ArgumentException(
                $"{Name}: only one of ClipNorm, ClipValue and GlobalClipNorm can be " +
                $"set; {argument} given with {string.Join(", ", others)}", argument);
        return value;
    }

    // Each gradient's clipping as the fused step takes it (see UpdateRule): clipnorm divides g·c by max(‖g‖₂, c),
    // global_clipnorm multiplies every g by c / max(G, c), clipvalue clamps to ±c; none leaves the rule as it is.
    private Func<UpdateRule<T>, UpdateRule<T>>[] Clipping<T>(IReadOnlyList<Tensor<T>> gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (_clipNorm is { } norm)
            return [.. gradients.Select(g =>
            {
                T divisor = GradientClipping.NormDivisor(g, norm);
                return (Func<UpdateRule<T>, UpdateRule<T>>)(r => r with
                {
                    GradientScale = T.CreateChecked(norm), GradientDivisor = divisor,
                });
            })];
        Func<UpdateRule<T>, UpdateRule<T>> same = _globalClipNorm is { } globalNorm
            ? r => r with { GradientScale = T.CreateChecked(GradientClipping.GlobalScale(gradients, globalNorm)) }
            : _clipValue is { } value ? r => r with { ClipValue = T.CreateChecked(value) }
            : r => r;
        return [.. gradients.Select(_ => same)];
    }

    // The slot tensors the fused step reads and writes, in the rule's order (null where it uses none).
    private Tensor<T>?[] SlotTensors<T>(Slots<T> slots, UpdateRule<T> rule) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var names = SlotNames;
        var tensors = new Tensor<T>?[3];
        for (int k = 0; k < 3; k++)
            if (rule.UsesSlot(k))
            {
                var (name, initial) = names[k] ?? throw new InvalidOperationException(
                    $"{Name}: the rule uses slot {k}, which SlotNames does not name");
                tensors[k] = slots.Get(name, initial);
            }
        return tensors;
    }

    private double CheckedLearningRate<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        double learningRate = CurrentLearningRate;
        if (!double.IsFinite(learningRate) || learningRate < 0 || !T.IsFinite(T.CreateSaturating(learningRate)))
            throw new InvalidOperationException(
                $"{Name}: the schedule {LearningRate.GetType().Name} gave learning rate {learningRate} at step " +
                $"{Iterations}; it must be a finite number ≥ 0 in {typeof(T).Name}");
        return learningRate;
    }

    /// <summary>
    /// Checks every hyperparameter in the float type <typeparamref name="T"/> the weights use: 1e300 is a finite
    /// double but ∞ as a float, and an update with it turns every weight into NaN. Model.Compile and Fit call it;
    /// the error names the optimizer, the hyperparameter and the value.
    /// </summary>
    /// <exception cref="ArgumentException">A value is not finite in <typeparamref name="T"/>.</exception>
    public void ValidateFor<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new List<(string Name, double Value)> { ("learningRate", CurrentLearningRate) };
        if (_clipNorm is { } n) values.Add((nameof(ClipNorm), n));
        if (_clipValue is { } v) values.Add((nameof(ClipValue), v));
        if (_globalClipNorm is { } g) values.Add((nameof(GlobalClipNorm), g));
        values.AddRange(HyperParameters());
        foreach (var (name, value) in values)
            if (!T.IsFinite(T.CreateSaturating(value)))
                throw new ArgumentException(
                    $"{Name}: {name} = {value} is not a finite {typeof(T).Name} (the type of the model's weights); " +
                    $"in {typeof(T).Name} it becomes {T.CreateSaturating(value)}, and the first step would write " +
                    "NaN or infinity into every weight", name);
    }

    /// <summary>The rule's own hyperparameters by name (momentum, ε, β…), for <see cref="ValidateFor{T}"/>.</summary>
    protected virtual IEnumerable<(string Name, double Value)> HyperParameters() => [];

    private void CheckGradient<T>(Variable<T> parameter, Tensor<T> gradient, int index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!parameter.IsLeaf)
            throw new InvalidOperationException(
                $"{Name}: {Describe(parameter, index)} is an op's result, " +
                $"not a leaf; only leaves (weights) can be optimized");
        if (gradient.Shape != parameter.Shape)
            throw new InvalidOperationException(
                $"{Name}: the gradient of {Describe(parameter, index)} has " +
                $"shape {gradient.Shape}, the parameter {parameter.Shape}");
        if (!ReferenceEquals(gradient.Device, parameter.Data.Device))
            throw new InvalidOperationException(
                $"{Name}: the gradient of {Describe(parameter, index)} lives on {gradient.Device.Name}, the " +
                $"parameter on {parameter.Data.Device.Name}");
    }

    // The first step of a weight, and the first after something assigned it a new value (set_weights, a restored
    // snapshot), gives it a dense buffer of its own, which steps then update in place: the tensor assigned is never
    // written, whoever else holds it.
    private static void OwnWeight<T>(Variable<T> parameter, Slots<T> slots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ReferenceEquals(parameter.Data, slots.Weight)) return;
        parameter.Assign(parameter.Data.Copy());
        slots.Weight = parameter.Data;
    }

    private static string Describe<T>(Variable<T> parameter, int index) where T : unmanaged, IFloatingPointIeee754<T>
        => $"parameter '{parameter.Name ?? $"#{index}"}' {parameter.Shape}";

    private Slots<T> SlotsFor<T>(Variable<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!_slots.TryGetValue(parameter, out var slots))
            _slots[parameter] = slots = new Slots<T>(parameter.Shape, parameter.Data.Device);
        return (Slots<T>)slots;
    }
}
