namespace DeepSeq.Autograd;

/// <summary>
/// A tensor that takes part in automatic differentiation: its value (<see cref="Data"/>), whether gradients
/// should flow to it (<see cref="RequiresGrad"/>), the op that made it (<see cref="Creator"/>, null for a
/// leaf such as a weight or an input), and after <see cref="Backward"/> its gradient (<see cref="Grad"/>).
/// </summary>
/// <remarks>
/// <para>The graph is built as the program runs (define-by-run, like PyTorch): every op on variables
/// computes its result with the tensor core and records a <see cref="Function{T}"/> node pointing at its
/// inputs. <see cref="Backward"/> walks those nodes from this variable back to the leaves.</para>
/// <para>Only floating-point variables exist: integer tensors (indices, labels) enter ops as plain
/// <see cref="Tensor{T}"/> arguments and get no gradient.</para>
/// </remarks>
public sealed class Variable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private bool _retainGrad;

    /// <summary>A leaf: a value you supply (a weight when
    /// <paramref name="requiresGrad"/>, an input or constant otherwise).</summary>
    public Variable(Tensor<T> data, bool requiresGrad = false, string? name = null)
    {
        Data = data;
        RequiresGrad = requiresGrad;
        Name = name;
    }

    /// <summary>An op's result, recorded in the graph.</summary>
    internal Variable(Tensor<T> data, Function<T> creator)
    {
        Data = data;
        Creator = creator;
        RequiresGrad = true;
    }

    /// <summary>
    /// The value. For a weight it is live, as in PyTorch and Keras: an optimizer step updates it in place (the one
    /// exception to "tensors never change", see src/Tensor/Ops/OptimizerUpdates.cs), so <c>Data.Copy()</c> keeps a
    /// step's value. The tensor given to the constructor or to <see cref="Assign"/> is never written: the first
    /// step after it copies it into a buffer of the weight's own.
    /// </summary>
    public Tensor<T> Data { get; private set; }

    /// <summary>
    /// Replaces the value of a leaf with a tensor of the same shape on the same device: an optimizer step,
    /// w ← w − η·∂L/∂w (set_weights, a restored snapshot). Graphs recorded earlier keep the tensors they saved.
    /// </summary>
    public void Assign(Tensor<T> value)
    {
        if (!IsLeaf)
            throw new InvalidOperationException(
                "assign: only a leaf variable (a weight) can be given a new value; this one is an op's result");
        if (value.Shape != Shape)
            throw new ArgumentException($"assign: new value has shape {value.Shape}, the variable {Shape}");
        if (!ReferenceEquals(value.Device, Data.Device))
            throw new ArgumentException(
                $"assign: new value lives on {value.Device.Name}, the variable on {Data.Device.Name}");
        Data = value;
    }

    /// <summary>
    /// ∂L/∂this after a backward pass: kept for leaves that require grad and for variables that called
    /// <see cref="RetainGrad"/>; null before. Like every tensor it is never modified in place, so it may be the
    /// very tensor another variable holds as its gradient (after <c>a + b</c>, both get dz itself).
    /// </summary>
    public Tensor<T>? Grad { get; internal set; }

    /// <summary>Whether gradients flow to (and through) this variable.</summary>
    public bool RequiresGrad { get; }

    /// <summary>The op that produced this variable; null for a leaf.</summary>
    public Function<T>? Creator { get; }

    /// <summary>True for a variable made by the user rather than by an op.</summary>
    public bool IsLeaf => Creator is null;

    /// <summary>
    /// z when this variable is σ(z) (<see cref="Ops.Sigmoid{T}"/>) or softmax(z) over the last axis
    /// (<see cref="Ops.Softmax{T}"/>); null otherwise. Keras's <c>_keras_logits</c>: a crossentropy given these
    /// probabilities computes from z exactly instead of clipping p to [ε, 1 − ε] (σ(40) rounds to 1, and −log(1 − p)
    /// would be the clipped 15.9 with gradient 0; from z the loss is 40 with gradient σ(40) − y).
    /// </summary>
    /// <remarks>
    /// Set whether or not the graph is recorded, so a loss evaluated under <see cref="GradMode.NoGrad"/> equals the
    /// loss trained on. It is carried on the output, not found by walking the graph: how softmax is computed (one
    /// fused node today) does not change what a crossentropy computes.
    /// </remarks>
    public Variable<T>? Logits { get; internal set; }

    /// <summary>An optional name, shown in graphs.</summary>
    public string? Name { get; set; }

    /// <summary>The shape of <see cref="Data"/>.</summary>
    public Shape Shape => Data.Shape;

    internal bool RetainsGrad => _retainGrad;

    /// <summary>
    /// Keep this intermediate result's gradient in <see cref="Grad"/> after backward (leaves always keep
    /// theirs). Grad-CAM reads the gradient of a class score with respect to a conv activation this way.
    /// </summary>
    public Variable<T> RetainGrad()
    {
        if (!RequiresGrad)
            throw new InvalidOperationException(
                "retain_grad: this variable does not require grad, so no gradient reaches it");
        _retainGrad = true;
        return this;
    }

    /// <summary>The same value cut off from the graph: a constant through which no gradient flows.</summary>
    public Variable<T> Detach() => new(Data);

    /// <summary>Forgets the accumulated gradient (gradients add up across backward calls until cleared).</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>
    /// Computes ∂this/∂v for every leaf v that requires grad and adds it to v's <see cref="Grad"/>.
    /// </summary>
    /// <param name="dOut">∂L/∂this; may be omitted only when this variable holds one element (then it is 1).</param>
    /// <param name="retainGraph">keep the saved tensors so the graph can be walked again (default: free them).</param>
    public void Backward(Tensor<T>? dOut = null, bool retainGraph = false)
        => BackwardPass.Run(this, dOut, retainGraph, capture: null);

    /// <inheritdoc/>
    public override string ToString() =>
        $"Variable({Data}{(RequiresGrad ? ", requires_grad" : "")}" +
        $"{(Creator is null ? "" : $", grad_fn={Creator.Name}")})";

    /// <summary>Elementwise sum with broadcasting.</summary>
    public static Variable<T> operator +(Variable<T> a, Variable<T> b) => Ops.Add<T>.Apply(a, b);
    /// <summary>Elementwise difference with broadcasting.</summary>
    public static Variable<T> operator -(Variable<T> a, Variable<T> b) => Ops.Subtract<T>.Apply(a, b);
    /// <summary>Elementwise product with broadcasting.</summary>
    public static Variable<T> operator *(Variable<T> a, Variable<T> b) => Ops.Multiply<T>.Apply(a, b);
    /// <summary>Elementwise quotient with broadcasting.</summary>
    public static Variable<T> operator /(Variable<T> a, Variable<T> b) => Ops.Divide<T>.Apply(a, b);
    /// <summary>Elementwise negation.</summary>
    public static Variable<T> operator -(Variable<T> a) => Ops.Negate<T>.Apply(a);
    /// <summary>Adds a constant.</summary>
    public static Variable<T> operator +(Variable<T> a, T b) => a + a.Constant(b);
    /// <summary>Subtracts a constant.</summary>
    public static Variable<T> operator -(Variable<T> a, T b) => a - a.Constant(b);
    /// <summary>Multiplies by a constant.</summary>
    public static Variable<T> operator *(Variable<T> a, T b) => a * a.Constant(b);
    /// <summary>Divides by a constant.</summary>
    public static Variable<T> operator /(Variable<T> a, T b) => a / a.Constant(b);
    /// <summary>A constant plus a variable.</summary>
    public static Variable<T> operator +(T a, Variable<T> b) => b.Constant(a) + b;
    /// <summary>A constant minus a variable.</summary>
    public static Variable<T> operator -(T a, Variable<T> b) => b.Constant(a) - b;
    /// <summary>A constant times a variable.</summary>
    public static Variable<T> operator *(T a, Variable<T> b) => b.Constant(a) * b;
    /// <summary>A constant divided by a variable.</summary>
    public static Variable<T> operator /(T a, Variable<T> b) => b.Constant(a) / b;

    /// <summary>A 0-d constant on this variable's device (broadcasts against anything, gets no gradient).</summary>
    public Variable<T> Constant(T value) => new(Data.Scalar(value));
}
