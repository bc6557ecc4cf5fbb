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

        /// <summary>
        /// Bilinear resize of (batch, h, w, channels) to (batch, height, width, channels), as
        /// <see cref="Resizing.ResizeBilinear{T}"/>: the same two products with the interpolation matrices, here
        /// through the matmul op, so the gradient is R_hᵀ · dy · R_w.
        /// </summary>
        public Variable<T> ResizeBilinear(int height, int width)
        {
            var (n, h, w, c) = Resizing.CheckImages("resize_bilinear", x.Shape, height, width);
            var rows = new Variable<T>(Resizing.BilinearMatrix<T>(h, height, x.Data.Device));
            var columns = new Variable<T>(Resizing.BilinearMatrix<T>(w, width, x.Data.Device));
            var tall = rows.MatMul(x.Reshape(n, h, w * c));
            var wide = columns.MatMul(tall.Reshape(n * height, w, c));
            return wide.Reshape(n, height, width, c);
        }
    }
}
