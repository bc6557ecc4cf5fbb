namespace DeepSeq.Autograd;

public static partial class VariableOps
{
    extension<T>(Variable<T> xz) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Runs <paramref name="cell"/> over the sequences whose input projections are xz (batch, steps, gates·units),
        /// as one graph node (<see cref="Ops.Recurrence{T}"/>): y (batch, steps + states, units) holds every step's
        /// output, then the final h (and the LSTM's final c). <paramref name="extra"/> is the LSTM's c0 or the
        /// GRU-with-reset-after's recurrent bias.
        /// </summary>
        public Variable<T> Recurrence(RecurrentCell cell, Variable<T> u, Variable<T> h0, Variable<T>? extra = null,
            Tensor<T>? mask = null, Tensor<T>? recurrentMask = null) =>
            Ops.Recurrence<T>.Apply(cell, xz, u, h0, extra, mask, recurrentMask);
    }
}
