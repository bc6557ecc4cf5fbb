namespace DeepSeq.Autograd.Ops;

/// <summary>C = A · B with NumPy's matmul rules (batched, broadcast batch dims, 1-d operands).</summary>
/// <remarks>
/// For matrices, Cᵢⱼ = Σₖ AᵢₖBₖⱼ gives ∂L/∂Aᵢₖ = Σⱼ dCᵢⱼBₖⱼ and ∂L/∂Bₖⱼ = Σᵢ AᵢₖdCᵢⱼ, that is dA = dC·Bᵀ and
/// dB = Aᵀ·dC. A 1-d operand is promoted (row vector on the left, column on the right) and its gradient
/// squeezed back; a broadcast batch is summed back by <see cref="Broadcasting.SumTo"/>. The transposes
/// are views: the GEMM reads them in place.
/// </remarks>
public sealed class MatMul<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _a, _b;

    private MatMul(Variable<T> a, Variable<T> b) : base(a, b) => (_a, _b) = (a.Data, b.Data);

    /// <inheritdoc/>
    public override string Name => "matmul";

    /// <summary>Forward: C = A · B.</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b) => new MatMul<T>(a, b).Output(a.Data.MatMul(b.Data));

    /// <summary>Backward: dA = dC · Bᵀ, dB = Aᵀ · dC.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dC)
    {
        // Work in the promoted (≥ 2-d) shapes, then squeeze back what promotion added.
        var a = _a!.Rank == 1 ? _a.Unsqueeze(0) : _a;
        var b = _b!.Rank == 1 ? _b.Unsqueeze(-1) : _b;
        var d = dC;
        if (_b.Rank == 1) d = d.Unsqueeze(-1);   // first: a 0-d dC (vector · vector) has no axis −2 yet
        if (_a.Rank == 1) d = d.Unsqueeze(-2);
        Tensor<T>? dA = null, dB = null;
        if (Needs(0))
        {
            dA = Broadcasting.SumTo(d.MatMul(b.Transpose(-1, -2)), a.Shape);
            if (_a.Rank == 1) dA = dA.Squeeze(0);
        }
        if (Needs(1))
        {
            dB = Broadcasting.SumTo(a.Transpose(-1, -2).MatMul(d), b.Shape);
            if (_b.Rank == 1) dB = dB.Squeeze(-1);
        }
        return [dA, dB];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_a, _b) = (null, null);
}
