namespace DeepSeq.Autograd.Ops;

/// <summary>y = x ⋆ w, the channels-last 2-d convolution of <see cref="Convolution"/>.</summary>
/// <remarks>
/// y[b, i, j, o] = Σ_p,q,c x[b, i·sh − top + p·dh, j·sw − left + q·dw, c] · w[p, q, c, o] is linear in each
/// operand, so ∂L/∂x[b, r, s, c] = Σ over the (i, j, p, q) that read (r, s) of dy[b, i, j, o] · w[p, q, c, o]
/// (the transposed convolution of dy) and ∂L/∂w[p, q, c, o] = Σ_b,i,j x[b, …, c] · dy[b, i, j, o]; each is one
/// device pass (im2col + GEMM on the CPU, see src/Kernels/Cpu/Conv2D.cs).
/// </remarks>
public sealed class Conv2D<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly WindowSpec _spec;
    private Tensor<T>? _x, _w;

    private Conv2D(Variable<T> x, Variable<T> w, WindowSpec spec) : base(x, w) =>
        (_x, _w, _spec) = (x.Data, w.Data, spec);

    /// <inheritdoc/>
    public override string Name => "conv2d";

    /// <summary>Forward: y = x ⋆ w.</summary>
    public static Variable<T> Apply(Variable<T> x, Variable<T> w, WindowSpec spec) =>
        new Conv2D<T>(x, w, spec).Output(x.Data.Conv2D(w.Data, spec));

    /// <summary>Backward: dx = the transposed convolution of dy with w; dw = the correlation of x with dy.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) =>
    [
        Needs(0) ? Convolution.Conv2DInputGradient(dy, _w!, _x!.Shape, _spec) : null,
        Needs(1) ? Convolution.Conv2DWeightGradient(_x!, dy, _w!.Shape, _spec) : null,
    ];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_x, _w) = (null, null);
}
