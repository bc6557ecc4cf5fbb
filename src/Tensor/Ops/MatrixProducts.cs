using System.Numerics;
using DeepSeq.Kernels;

namespace DeepSeq;

/// <summary>Matrix product with NumPy's <c>matmul</c> rules.</summary>
public static class MatrixProducts
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// C = A · B, Cᵢⱼ = Σₖ Aᵢₖ Bₖⱼ, over the last two dimensions; leading (batch) dimensions broadcast.
        /// </summary>
        /// <remarks>
        /// Shapes as NumPy's <c>matmul</c> (and PyTorch's): (M,K)·(K,N) → (M,N); (B,M,K)·(K,N) → (B,M,N);
        /// (B,1,M,K)·(H,K,N) → (B,H,M,N). A 1-d left operand is a row vector and a 1-d right operand a column
        /// vector; the added dimension is removed from the result. Transposed views are read in place.
        /// </remarks>
        public Tensor<T> MatMul(Tensor<T> b)
        {
            if (a.Rank == 0 || b.Rank == 0)
                throw new ArgumentException($"matmul: {a.Shape} @ {b.Shape}: operands must have at " +
                                            "least one dimension");
            Primitives.SameDevice("matmul", a, b);
            var left = a.Rank == 1 ? a.Unsqueeze(0) : a;
            var right = b.Rank == 1 ? b.Unsqueeze(-1) : b;
            int m = left.Shape[-2], k = left.Shape[-1], k2 = right.Shape[-2], n = right.Shape[-1];
            if (k != k2)
                throw new ArgumentException($"matmul: {a.Shape} @ {b.Shape}: inner dimensions {k} and {k2} differ");
            var batchA = new Shape(left.Shape.Dims[..^2]);
            var batchB = new Shape(right.Shape.Dims[..^2]);
            Shape batch;
            try { batch = Shape.Broadcast("matmul", batchA, batchB); }
            catch (ArgumentException)
            {
                throw new ArgumentException($"matmul: {a.Shape} @ {b.Shape}: batch dimensions {batchA} and {batchB} " +
                                            "cannot be broadcast");
            }
            var batchDims = batch.ToArray();
            var cShape = new Shape([.. batchDims, m, n]);
            if (k == 0) return Finish(Tensor.Zeros<T>(cShape, a.Device));   // an empty sum: C is zeros, as in NumPy
            var c = Tensor.Empty<T>(cShape, a.Device);
            // The operands broadcast to the batch as layouts, not tensors: a broadcast operand may describe
            // more elements than an array can hold ((20000,1,256) @ (256,512) repeats B 20000 times).
            int[] aDims = [.. batchDims, m, k], bDims = [.. batchDims, k, n];
            var aLayout = new StridedLayout(aDims, left.BroadcastStrides(aDims), left.Offset);
            var bLayout = new StridedLayout(bDims, right.BroadcastStrides(bDims), right.Offset);
            a.Device.MatMul(c.Storage, c.Layout, left.Storage, aLayout, right.Storage, bLayout);
            return Finish(c);

            // Drop the dimensions that were added to 1-d operands.
            Tensor<T> Finish(Tensor<T> result)
            {
                if (a.Rank == 1) result = result.Squeeze(-2);
                if (b.Rank == 1) result = result.Squeeze(-1);
                return result;
            }
        }
    }
}
