namespace DeepSeq.Devices;

/// <summary>
/// A flat buffer of <typeparamref name="T"/> owned by one <see cref="Device"/>. Tensors are views
/// onto storages; several tensors (a tensor and its transpose, say) may share one.
/// </summary>
public abstract class Storage<T> where T : unmanaged
{
    /// <summary>The device the elements live on.</summary>
    public abstract Device Device { get; }

    /// <summary>Number of elements.</summary>
    public abstract int Length { get; }
}

/// <summary>Host memory: a managed array.</summary>
public sealed class CpuStorage<T>(T[] array) : Storage<T> where T : unmanaged
{
    /// <summary>The elements.</summary>
    public T[] Array { get; } = array;
    /// <inheritdoc/>
    public override Device Device => CpuDevice.Instance;
    /// <inheritdoc/>
    public override int Length => Array.Length;
}
