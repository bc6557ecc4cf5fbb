// The gate nonlinearities of the fused cells, eight floats at a time, for the V2 gate passes (LstmGatesV2,
// GruGatesV2). Each is the same vector formula the V1 passes reach through Map (SigmoidOp, TanhOp, ...) and the
// same products as RecurrentSteps.MultiplyByDerivative, applied lane by lane, so V2 rounds exactly as V1 does.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu.Recurrent;

/// <summary>Activations and their derivatives on 256-bit float vectors (see the file header).</summary>
internal static class CellVectors
{
    /// <summary>Lanes per vector: 8 floats.</summary>
    public static int Lanes => Vector256<float>.Count;

    /// <summary>Whether the V2 gate passes serve this element type and unit count: float, 256-bit vectors in
    /// hardware, and units a multiple of <see cref="Lanes"/> (so that a row is whole vectors).</summary>
    public static bool Supports<T>(int units) =>
        typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated && units % Vector256<float>.Count == 0;

    /// <summary>f(x) lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Activate(CellActivation f, Vector256<float> x) => f switch
    {
        CellActivation.Linear => x,
        // SimdMath's float kernels themselves, which inline; TanhOp's and SigmoidOp's generic vector forms reach
        // them through calls that did not (B7's gate pass 250 → 150 ns a row). Sigmoid is SigmoidOp's formula.
        CellActivation.Tanh => SimdMath.TanhSingle(x),
        CellActivation.Sigmoid => Vector256<float>.One / (Vector256<float>.One + SimdMath.ExpSingle(-x)),
        CellActivation.HardSigmoid => HardSigmoidOp<float>.Apply(x),
        CellActivation.Relu => ReluOp<float>.Apply(x),
        _ => throw new ArgumentException($"recurrent cell: unknown activation {f}"),
    };

    /// <summary>d ⊙ f′ written from y = f(a), as <see cref="RecurrentSteps.MultiplyByDerivative{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TimesDerivative(CellActivation f, Vector256<float> d, Vector256<float> y)
    {
        var one = Vector256<float>.One;
        return f switch
        {
            CellActivation.Linear => d,
            CellActivation.Tanh => d * (one - y * y),
            CellActivation.Sigmoid => d * (y * (one - y)),
            CellActivation.HardSigmoid => Vector256.ConditionalSelect(
                Vector256.GreaterThan(y, Vector256<float>.Zero) & Vector256.LessThan(y, one),
                d * Vector256.Create(0.2f), Vector256<float>.Zero),
            CellActivation.Relu => Vector256.ConditionalSelect(Vector256.GreaterThan(y, Vector256<float>.Zero), d,
                Vector256<float>.Zero),
            _ => throw new ArgumentException($"recurrent cell: unknown activation {f}"),
        };
    }

    /// <summary>The vector at element <paramref name="at"/> of <paramref name="s"/> (the caller checked the
    /// length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ReadOnlySpan<float> s, int at) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);

    /// <summary>Stores <paramref name="v"/> at element <paramref name="at"/> of <paramref name="s"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> v, Span<float> s, int at) =>
        v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);

    /// <summary>Throws unless every span holds at least <paramref name="length"/> elements.</summary>
    public static void CheckLengths(int length, params ReadOnlySpan<int> lengths)
    {
        foreach (int l in lengths)
            if (l < length) throw new ArgumentException($"recurrent cell: a row of {l} elements, expected {length}");
    }
}
