namespace DeepSeq.Autograd;

public static partial class VariableOps
{
    // Two nodes (src/Autograd/Ops): Gather, whose backward is ScatterAdd, and IndexSelect, whose backward is
    // IndexAdd. Take, the embedding lookup, is IndexSelect then Reshape. Indices are integer tensors: no gradient.
    extension<T>(Variable<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>out[…, j, …] = x[…, index[…, j, …], …] along <paramref name="axis"/>
        /// (PyTorch <c>gather</c>); index has x's rank.</summary>
        public Variable<T> Gather(int axis, Tensor<int> index) => Ops.Gather<T>.Apply(a, axis, index);

        /// <summary>The slices at the positions of the 1-d <paramref name="index"/>
        /// along <paramref name="axis"/> (PyTorch <c>index_select</c>).</summary>
        public Variable<T> IndexSelect(int axis, Tensor<int> index) => Ops.IndexSelect<T>.Apply(a, axis, index);

        /// <summary>
        /// NumPy <c>take</c> along an axis: out.shape = x.shape[:axis]
        /// + index.shape + x.shape[axis+1:]. Embedding lookup is
        /// <c>weights.Take(tokens, 0)</c>. An IndexSelect of the flattened index, then a reshape.
        /// </summary>
        public Variable<T> Take(Tensor<int> index, int axis = 0)
        {
            int at = Shape.NormalizeAxis("take", axis, a.Data.Rank);
            var dims = a.Shape.Dims[..at].ToArray()
                .Concat(index.Shape.ToArray())
                .Concat(a.Shape.Dims[(at + 1)..].ToArray())
                .ToArray();
            return a.IndexSelect(at, index.Flatten()).Reshape(dims);
        }
    }
}
