using DeepSeq.Kernels;

namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y = a recurrent cell run over whole sequences (<see cref="DeepSeq.Recurrence"/>): one node for the whole time
/// loop, whose backward is the fused backward-through-time kernel, not thousands of elementwise nodes.
/// </summary>
/// <remarks>
/// Inputs, in order: the projections xz (batch, steps, gates·units), the recurrent kernel u, h0, then the LSTM's c0
/// or the GRU-with-reset-after's recurrent bias. The output y (batch, steps + states, units) holds every step's
/// output, then the final h (and the LSTM's final c); the layers slice what they return. The sequence mask and the
/// recurrent dropout masks are constants of the call: they get no gradient.
/// </remarks>
public sealed class Recurrence<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private RecurrentPass<T>? _pass;
    private Tensor<T>? _u, _h0, _c0, _mask, _recurrentMask;

    private Recurrence(Variable<T>[] inputs) : base(inputs) { }

    /// <inheritdoc/>
    public override string Name => "recurrence";

    /// <summary>Forward: runs the cell over the sequences (see <see cref="DeepSeq.Recurrence.Forward{T}"/>).</summary>
    /// <param name="cell">the cell and its activations</param>
    /// <param name="xz">(batch, steps, gates·units): x·W + b of every step</param>
    /// <param name="u">(units, gates·units)</param>
    /// <param name="h0">(batch, units)</param>
    /// <param name="extra">the LSTM's c0, or the GRU-with-reset-after's recurrent bias; else null</param>
    /// <param name="mask">(batch, steps) of 1 (real step) and 0 (padding), or null</param>
    /// <param name="recurrentMask">(gates, batch, units) time-constant dropout masks, or null</param>
    public static Variable<T> Apply(RecurrentCell cell, Variable<T> xz, Variable<T> u, Variable<T> h0,
        Variable<T>? extra, Tensor<T>? mask, Tensor<T>? recurrentMask)
    {
        bool lstm = cell.Kind == CellKind.Lstm, gruAfter = cell.Kind == CellKind.Gru && cell.ResetAfter;
        if ((lstm || gruAfter) != extra is not null)
            throw new ArgumentException(
                $"{cell.Kind}: {(lstm ? "c0 is needed" : gruAfter ? "the recurrent bias is needed" : "no fourth input")}"
                + " as the extra input");
        var node = new Recurrence<T>(extra is null ? [xz, u, h0] : [xz, u, h0, extra]);
        var c0 = lstm ? extra!.Data : null;
        var pass = DeepSeq.Recurrence.Forward(cell, xz.Data, u.Data, gruAfter ? extra!.Data : null, h0.Data, c0, mask,
            recurrentMask);
        (node._pass, node._u, node._h0, node._c0, node._mask, node._recurrentMask) =
            (pass, u.Data, h0.Data, c0, mask, recurrentMask);
        return node.Output(pass.Output);
    }

    /// <summary>Backward: the fused backward-through-time kernel gives every input's gradient at once.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy)
    {
        var grads = DeepSeq.Recurrence.Backward(_pass!, dy, _u!, _h0!, _c0, _mask, _recurrentMask);
        var extra = grads.C0 ?? grads.RecurrentBias;
        return extra is null ? [grads.Xz, grads.U, grads.H0] : [grads.Xz, grads.U, grads.H0, extra];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_pass, _u, _h0, _c0, _mask, _recurrentMask) =
        (null, null, null, null, null, null);
}
