using System.Numerics;
using DeepSeq.Kernels;

namespace DeepSeq;

/// <summary>
/// The fused optimizer step on tensors (the device primitive <c>OptimizerUpdate</c>): the one place where tensors
/// change in place. Every other op returns a new tensor; an optimizer step updates the weight and its slots where
/// they lie, as PyTorch's and Keras's optimizers do, so a training step allocates nothing for its update.
/// </summary>
/// <remarks>
/// The weight and the slots must be <see cref="IsOwnedBuffer{T}">owned buffers</see>: dense, from element 0, and
/// the whole of their storage, so that writing them can change no other tensor's elements. The optimizer
/// (src/Layers/Optimizers/Optimizer.cs) makes them so: a weight gets a private copy the first time it is
/// stepped. The gradient may be any view; one that is not dense is copied first.
/// </remarks>
public static class OptimizerUpdates
{
    /// <summary>Whether <paramref name="t"/> is dense, starts at element 0 and covers every element of its storage,
    /// so that writing it in place changes no other view's elements (a tensor that shares the whole storage, such
    /// as a reshape, sees the change).</summary>
    public static bool IsOwnedBuffer<T>(Tensor<T> t) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.IsContiguous && t.Offset == 0 && t.Storage.Length == t.Size;
    }

    /// <summary>What the step of <paramref name="rule"/> would give, without writing anything: whether the gradient
    /// and every new weight are finite.</summary>
    /// <param name="weight">w, an owned buffer.</param>
    /// <param name="slots">The rule's slots 0, 1, 2 (null where <see cref="UpdateRule{T}.UsesSlot"/> is false),
    /// owned buffers of w's shape on w's device.</param>
    /// <param name="gradient">g, w's shape and device.</param>
    /// <param name="rule">The step.</param>
    public static UpdateFlags Check<T>(Tensor<T> weight, IReadOnlyList<Tensor<T>?> slots, Tensor<T> gradient,
        UpdateRule<T> rule) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (w, s0, s1, s2, g) = Operands(weight, slots, gradient, rule);
        return weight.Device.OptimizerUpdateCheck(w, s0, s1, s2, g, rule);
    }

    /// <summary>The step of <paramref name="rule"/>, written in place into <paramref name="weight"/> and the slots the
    /// rule uses (arguments as <see cref="Check{T}"/>).</summary>
    public static void Apply<T>(Tensor<T> weight, IReadOnlyList<Tensor<T>?> slots, Tensor<T> gradient,
        UpdateRule<T> rule) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (w, s0, s1, s2, g) = Operands(weight, slots, gradient, rule);
        weight.Device.OptimizerUpdateApply(w, s0, s1, s2, g, rule);
    }

    private static (Devices.Storage<T>, Devices.Storage<T>, Devices.Storage<T>, Devices.Storage<T>, Devices.Storage<T>)
        Operands<T>(Tensor<T> weight, IReadOnlyList<Tensor<T>?> slots, Tensor<T> gradient, UpdateRule<T> rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(gradient);
        string op = $"optimizer update ({rule.Kind})";
        if (slots.Count != 3)
            throw new ArgumentException($"{op}: {slots.Count} slots given; pass three (null for an unused one)");
        Owned(op, "the weight", weight, weight);
        if (gradient.Shape != weight.Shape || !ReferenceEquals(gradient.Device, weight.Device))
            throw new ArgumentException($"{op}: the gradient is {gradient.Shape} on {gradient.Device.Name}, the " +
                                        $"weight {weight.Shape} on {weight.Device.Name}");
        var g = IsOwnedBuffer(gradient) ? gradient : gradient.Copy();
        var storages = new Devices.Storage<T>[3];
        for (int k = 0; k < 3; k++)
        {
            if (!rule.UsesSlot(k)) { storages[k] = weight.Storage; continue; }
            var slot = slots[k] ?? throw new ArgumentException($"{op}: the rule uses slot {k}, and it is null");
            Owned(op, $"slot {k}", slot, weight);
            storages[k] = slot.Storage;
        }
        return (weight.Storage, storages[0], storages[1], storages[2], g.Storage);
    }

    private static void Owned<T>(string op, string what, Tensor<T> t, Tensor<T> weight) where T : unmanaged, INumber<T>
    {
        if (t.Shape != weight.Shape || !ReferenceEquals(t.Device, weight.Device))
            throw new ArgumentException($"{op}: {what} is {t.Shape} on {t.Device.Name}, the weight {weight.Shape} " +
                                        $"on {weight.Device.Name}");
        if (!IsOwnedBuffer(t))
            throw new ArgumentException($"{op}: {what} {t.Shape} is a view (offset {t.Offset}, a storage of " +
                                        $"{t.Storage.Length} elements); an in-place update needs a dense buffer of " +
                                        "its own (a Copy())");
    }
}
