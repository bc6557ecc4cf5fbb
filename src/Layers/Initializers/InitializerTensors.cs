namespace DeepSeq;

/// <summary>
/// <c>Tensor.Initialize</c>: a weight tensor filled by a Keras initialiser named as in Keras. It extends the
/// static <see cref="Tensor"/> factory from DeepSeq.Layers, where the initialiser names and fan rules live
/// (<see cref="Layers.Initializers"/>), and is declared in namespace <c>DeepSeq</c> so that every caller of the
/// other <see cref="Tensor"/> factories finds it without another using.
/// </summary>
public static class InitializerTensors
{
    extension(Tensor)
    {
        /// <summary>
        /// A weight of <paramref name="shape"/> filled by a Keras initialiser (<c>"glorot_uniform"</c>,
        /// <c>"orthogonal"</c>, <c>"he_normal"</c>, …: see <see cref="Layers.Initializers.Get{T}"/>), with Keras's
        /// fan rules. Drawn on the host from <paramref name="generator"/>, then copied to <paramref name="device"/>.
        /// </summary>
        public static Tensor<T> Initialize<T>(Shape shape, string initializer, Generator generator,
            Device? device = null)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var fill = Layers.Initializers.Get<T>(initializer);
            var data = new T[shape.Size];
            fill(data, shape.Dims, generator);
            return Tensor.FromArray<T>(data, shape, device);
        }
    }
}
