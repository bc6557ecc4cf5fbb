namespace DeepSeq.Autograd;

public static partial class VariableOps
{
    extension<T>(Variable<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>y = x ⋆ w over channels-last x (batch, height, width, in) and w (kh, kw, in, out).</summary>
        public Variable<T> Conv2D(Variable<T> w, WindowSpec spec) => Ops.Conv2D<T>.Apply(x, w, spec);

        /// <summary>The maximum of each (ph × pw) window; the gradient goes to the first maximum.</summary>
        public Variable<T> MaxPool2D((int H, int W) pool, WindowSpec spec) => Ops.MaxPool2D<T>.Apply(x, pool, spec);

        /// <summary>The mean of each window's positions inside x.</summary>
        public Variable<T> AvgPool2D((int H, int W) pool, WindowSpec spec) => Ops.AvgPool2D<T>.Apply(x, pool, spec);
    }
}
