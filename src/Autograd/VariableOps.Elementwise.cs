namespace DeepSeq.Autograd;

public static partial class VariableOps
{
    extension<T>(Variable<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>eᵃ.</summary>
        public Variable<T> Exp() => Ops.Exp<T>.Apply(a);

        /// <summary>ln a (−∞ at 0, NaN below).</summary>
        public Variable<T> Log() => Ops.Log<T>.Apply(a);

        /// <summary>√a (its gradient is +∞ at 0).</summary>
        public Variable<T> Sqrt() => Ops.Sqrt<T>.Apply(a);

        /// <summary>tanh a.</summary>
        public Variable<T> Tanh() => Ops.Tanh<T>.Apply(a);

        /// <summary>erf a = (2/√π) ∫₀ᵃ e^(−t²) dt; its gradient is (2/√π) e^(−a²).</summary>
        public Variable<T> Erf() => Ops.Erf<T>.Apply(a);

        /// <summary>σ(a) = 1 / (1 + e⁻ᵃ).</summary>
        public Variable<T> Sigmoid() => Ops.Sigmoid<T>.Apply(a);

        /// <summary>max(a, 0); gradient 0 at a = 0.</summary>
        public Variable<T> Relu() => Ops.Relu<T>.Apply(a);

        /// <summary>|a|; gradient sign(a), 0 at a = 0.</summary>
        public Variable<T> Abs() => Ops.Abs<T>.Apply(a);

        /// <summary>aᵇ elementwise with broadcasting; both operands get gradients.</summary>
        public Variable<T> Pow(Variable<T> b) => Ops.Pow<T>.Apply(a, b);

        /// <summary>aᵖ for a constant exponent.</summary>
        public Variable<T> Pow(T exponent) => Ops.Pow<T>.Apply(a, exponent);

        /// <summary>max(a, b) elementwise with broadcasting; at a tie the gradient is split ½/½.</summary>
        public Variable<T> Maximum(Variable<T> b) => Ops.Maximum<T>.Apply(a, b);

        /// <summary>min(a, b) elementwise with broadcasting; at a tie the gradient is split ½/½.</summary>
        public Variable<T> Minimum(Variable<T> b) => Ops.Minimum<T>.Apply(a, b);

        /// <summary>min(max(a, low), high); the gradient passes where low ≤ a ≤ high (PyTorch's clamp).</summary>
        public Variable<T> Clip(T low, T high) => Ops.Clip<T>.Apply(a, low, high);
    }

    /// <summary>condition ≠ 0 ? a : b elementwise, all three broadcast
    /// together; the constant mask gets no gradient.</summary>
    public static Variable<T> Where<T>(Tensor<T> condition, Variable<T> a, Variable<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Ops.Where<T>.Apply(condition, a, b);
}
