using System.Numerics;
using DeepSeq.Devices;
using DeepSeq.Kernels;

namespace DeepSeq;

/// <summary>Which recurrent cell, with its activations: what a recurrent layer's configuration fixes.</summary>
/// <param name="Kind">simple RNN, LSTM or GRU</param>
/// <param name="Activation">the candidate's (and the LSTM output's) activation, tanh by default</param>
/// <param name="RecurrentActivation">the gates' activation, sigmoid by default (hard sigmoid in Keras 2)</param>
/// <param name="ResetAfter">GRU only: the reset gate after the recurrent product (TF2) or before it (Keras 2.0)</param>
public readonly record struct RecurrentCell(CellKind Kind, CellActivation Activation,
    CellActivation RecurrentActivation, bool ResetAfter = false);

/// <summary>
/// What the forward pass of a recurrent call produced: its output y (batch, steps + states, units) — every step's
/// output, then the final states — and the tensors its backward pass reads.
/// </summary>
public sealed record RecurrentPass<T>(RecurrentGeometry Geometry, Tensor<T> Output, Tensor<T> Gates,
    Tensor<T> Cells, Tensor<T> Candidates, Tensor<T> Operands) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The gradients of one recurrent call: projections, recurrent kernel, recurrent bias (GRU with reset
/// after; else null) and initial states (c0 for the LSTM only).</summary>
public sealed record RecurrentGradients<T>(Tensor<T> Xz, Tensor<T> U, Tensor<T>? RecurrentBias, Tensor<T> H0,
    Tensor<T>? C0) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// A recurrent cell run over whole sequences by the fused kernels of src/Kernels/Cpu (SimpleRnn.cs, Lstm.cs, Gru.cs):
/// the tensor-level checks and buffers around the device's recurrent primitives.
/// </summary>
/// <remarks>
/// The input projections xz = x·W + b (batch, steps, gates·units) are computed by the caller, for every step in one
/// matmul; the recurrent kernel u is (units, gates·units), gates side by side in Keras's order (i, f, c, o; z, r, h).
/// A mask (batch, steps) of 1 and 0 marks real and padded steps; a recurrent dropout mask (gates, batch, units)
/// holds each gate's time-constant mask, 0 or 1/(1 − rate).
/// </remarks>
public static class Recurrence
{
    /// <summary>Runs <paramref name="cell"/> over the sequences whose projections are <paramref name="xz"/>.</summary>
    /// <param name="cell">the cell and its activations</param>
    /// <param name="xz">(batch, steps, gates·units)</param>
    /// <param name="u">(units, gates·units)</param>
    /// <param name="rb">GRU with reset after: the recurrent bias (gates·units); else null</param>
    /// <param name="h0">(batch, units)</param>
    /// <param name="c0">LSTM: (batch, units); else null</param>
    /// <param name="mask">(batch, steps) or null</param>
    /// <param name="recurrentMask">(gates, batch, units) or null</param>
    public static RecurrentPass<T> Forward<T>(RecurrentCell cell, Tensor<T> xz, Tensor<T> u, Tensor<T>? rb,
        Tensor<T> h0, Tensor<T>? c0, Tensor<T>? mask, Tensor<T>? recurrentMask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry(cell, xz, u, rb, h0, c0, mask, recurrentMask);
        var device = xz.Device;
        int b = g.Batch, t = g.Steps, n = g.Units;
        var y = Tensor.Empty<T>([b, t + g.States, n], device);
        var gates = Tensor.Empty<T>([b, t, g.Width], device);
        var cells = Tensor.Empty<T>(cell.Kind == CellKind.Lstm ? [b, t, n] : [0], device);
        var candidates = Tensor.Empty<T>(g.ResetAfter ? [b, t, n] : [0], device);
        var operands = Tensor.Empty<T>([g.Operands, b, t, n], device);
        var (xzS, uS, h0S) = (Dense(xz), Dense(u), Dense(h0));
        var (maskS, rmS) = (Dense(mask, device), Dense(recurrentMask, device));
        switch (cell.Kind)
        {
            case CellKind.SimpleRnn:
                device.SimpleRnnForward(y.Storage, gates.Storage, operands.Storage, xzS, uS, h0S, maskS, rmS, g);
                break;
            case CellKind.Lstm:
                device.LstmForward(y.Storage, gates.Storage, cells.Storage, operands.Storage, xzS, uS, h0S,
                    Dense(c0!), maskS, rmS, g);
                break;
            default:
                device.GruForward(y.Storage, gates.Storage, candidates.Storage, operands.Storage, xzS, uS,
                    Dense(rb, device), h0S, maskS, rmS, g);
                break;
        }
        return new RecurrentPass<T>(g, y, gates, cells, candidates, operands);
    }

    /// <summary>
    /// Backward through time of <paramref name="pass"/> from dy, the gradient of its output (same shape), with the
    /// same u, h0, c0 and masks the forward pass was given.
    /// </summary>
    public static RecurrentGradients<T> Backward<T>(RecurrentPass<T> pass, Tensor<T> dy, Tensor<T> u, Tensor<T> h0,
        Tensor<T>? c0, Tensor<T>? mask, Tensor<T>? recurrentMask) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = pass.Geometry;
        if (dy.Shape != pass.Output.Shape)
            throw new ArgumentException($"{g} backward: dy is {dy.Shape}, the output was {pass.Output.Shape}");
        var device = dy.Device;
        int b = g.Batch, n = g.Units;
        var dxz = Tensor.Empty<T>([b, g.Steps, g.Width], device);
        var du = Tensor.Empty<T>([n, g.Width], device);
        var dh0 = Tensor.Empty<T>([b, n], device);
        var dyS = Dense(dy);
        var (maskS, rmS) = (Dense(mask, device), Dense(recurrentMask, device));
        var p = pass;
        switch (g.Cell)
        {
            case CellKind.SimpleRnn:
                device.SimpleRnnBackward(dxz.Storage, du.Storage, dh0.Storage, dyS, p.Gates.Storage,
                    p.Operands.Storage, Dense(u), maskS, rmS, g);
                return new RecurrentGradients<T>(dxz, du, null, dh0, null);
            case CellKind.Lstm:
                var dc0 = Tensor.Empty<T>([b, n], device);
                device.LstmBackward(dxz.Storage, du.Storage, dh0.Storage, dc0.Storage, dyS, p.Output.Storage,
                    p.Gates.Storage, p.Cells.Storage, p.Operands.Storage, Dense(u), Dense(c0!), maskS, rmS, g);
                return new RecurrentGradients<T>(dxz, du, null, dh0, dc0);
            default:
                var drb = Tensor.Empty<T>([g.ResetAfter ? g.Width : 0], device);
                device.GruBackward(dxz.Storage, du.Storage, drb.Storage, dh0.Storage, dyS, p.Output.Storage,
                    p.Gates.Storage, p.Candidates.Storage, p.Operands.Storage, Dense(u), Dense(h0), maskS, rmS, g);
                return new RecurrentGradients<T>(dxz, du, g.ResetAfter ? drb : null, dh0, null);
        }
    }

    /// <summary>Checks every operand's shape against the cell and returns the kernels' geometry.</summary>
    private static RecurrentGeometry Geometry<T>(RecurrentCell cell, Tensor<T> xz, Tensor<T> u, Tensor<T>? rb,
        Tensor<T> h0, Tensor<T>? c0, Tensor<T>? mask, Tensor<T>? recurrentMask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string op = cell.Kind.ToString();
        int gates = RecurrentGeometry.GatesOf(cell.Kind);
        if (u.Shape.Rank != 2 || u.Shape[1] != gates * u.Shape[0])
            throw new ArgumentException($"{op}: the recurrent kernel must be (units, {gates}·units), got {u.Shape}");
        int n = u.Shape[0];
        if (xz.Shape.Rank != 3 || xz.Shape[2] != gates * n)
            throw new ArgumentException(
                $"{op}: the projections must be (batch, steps, {gates * n}) for {n} units, got {xz.Shape}");
        int batch = xz.Shape[0], steps = xz.Shape[1];
        Expect(op, "h0", h0, [batch, n]);
        if (cell.Kind == CellKind.Lstm) Expect(op, "c0", c0 ?? throw new ArgumentException($"{op}: c0 is missing"),
            [batch, n]);
        else if (c0 is not null) throw new ArgumentException($"{op}: only the LSTM has a cell state c0");
        if (cell.ResetAfter && cell.Kind == CellKind.Gru)
            Expect(op, "the recurrent bias", rb ?? throw new ArgumentException($"{op}: the recurrent bias is missing"),
                [gates * n]);
        else if (rb is not null) throw new ArgumentException($"{op}: only the GRU with reset after has a recurrent bias");
        if (mask is not null) Expect(op, "the mask", mask, [batch, steps]);
        if (recurrentMask is not null) Expect(op, "the recurrent dropout mask", recurrentMask, [gates, batch, n]);
        foreach (var t in new[] { u, rb, h0, c0, mask, recurrentMask })
            if (t is not null) Primitives.SameDevice(op, xz, t);
        return new RecurrentGeometry(cell.Kind, batch, steps, n, cell.Activation, cell.RecurrentActivation,
            cell.ResetAfter, mask is not null, recurrentMask is not null);
    }

    private static void Expect<T>(string op, string name, Tensor<T> t, int[] shape) where T : unmanaged, INumber<T>
    {
        if (!t.Shape.Dims.SequenceEqual(shape))
            throw new ArgumentException($"{op}: {name} must be ({string.Join(", ", shape)}), got {t.Shape}");
    }

    private static Storage<T> Dense<T>(Tensor<T> t) where T : unmanaged, INumber<T> =>
        Convolution.Dense(t).Storage;

    private static Storage<T> Dense<T>(Tensor<T>? t, Device device) where T : unmanaged, INumber<T> =>
        t is null ? device.Allocate<T>(0, zeroed: true) : Dense(t);
}
