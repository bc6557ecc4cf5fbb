// The gate nonlinearities of the fused cells, sixteen floats at a time, for the V2 gate passes (LstmGatesV2,
// GruGatesV2). Each is the same vector formula the V1 passes reach through Map (SigmoidOp, TanhOp, ...) and the
// same products as RecurrentSteps.MultiplyByDerivative, applied lane by lane, so V2 rounds exactly as V1 does.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu.Recurrent;

/// <summary>Activations and their derivatives on 512-bit float vectors (see the file header).</summary>
internal static class CellVectors
{
    /// <summary>Lanes per vector: 16 floats.</summary>
    public static int Lanes => Vector512<float>.Count;

    /// <summary>Whether the V2 gate passes serve this element type and unit count: float, AVX-512 in hardware, and
    /// units a multiple of <see cref="Lanes"/> (so that a row is whole vectors). 512 bits, not 256: on Zen 5 a
    /// 512-bit exp costs what a 256-bit one does (B7's forward gate pass, 32 units: 150 ns a row in 256-bit
    /// vectors, 66 ns in 512-bit ones).</summary>
    public static bool Supports<T>(int units) =>
        typeof(T) == typeof(float) && Vector512.IsHardwareAccelerated && units % Vector512<float>.Count == 0;

    /// <summary>
    /// Whether the cell runs Keras's default activations, tanh and sigmoid. The V2 passes then call their cores with
    /// those as constants: a core inlines and its activation switches fold away (B7's forward gate pass, 32 units:
    /// 180–200 ns a row with the switches, 80–100 without).
    /// </summary>
    public static bool KerasDefaults(RecurrentGeometry g) =>
        g.Activation == CellActivation.Tanh && g.RecurrentActivation == CellActivation.Sigmoid;

    /// <summary>f(x) lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Activate(CellActivation f, Vector512<float> x) => f switch
    {
        CellActivation.Linear => x,
        // SimdMath's float kernels themselves, which inline; TanhOp's and SigmoidOp's generic vector forms reach
        // them through calls that did not (B7's gate pass, 256-bit: 180 → 150 ns a row). Sigmoid is SigmoidOp's.
        CellActivation.Tanh => SimdMath.TanhSingle(x),
        CellActivation.Sigmoid => Vector512<float>.One / (Vector512<float>.One + SimdMath.ExpSingle(-x)),
        CellActivation.HardSigmoid => HardSigmoidOp<float>.Apply(x),
        CellActivation.Relu => ReluOp<float>.Apply(x),
        _ => throw new ArgumentException($"recurrent cell: unknown activation {f}"),
    };

    /// <summary>d ⊙ f′ written from y = f(a), as <see cref="RecurrentSteps.MultiplyByDerivative{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TimesDerivative(CellActivation f, Vector512<float> d, Vector512<float> y)
    {
        var one = Vector512<float>.One;
        return f switch
        {
            CellActivation.Linear => d,
            CellActivation.Tanh => d * (one - y * y),
            CellActivation.Sigmoid => d * (y * (one - y)),
            CellActivation.HardSigmoid => Vector512.ConditionalSelect(
                Vector512.GreaterThan(y, Vector512<float>.Zero) & Vector512.LessThan(y, one),
                d * Vector512.Create(0.2f), Vector512<float>.Zero),
            CellActivation.Relu => Vector512.ConditionalSelect(Vector512.GreaterThan(y, Vector512<float>.Zero), d,
                Vector512<float>.Zero),
            _ => throw new ArgumentException($"recurrent cell: unknown activation {f}"),
        };
    }

    /// <summary>The vector at element <paramref name="at"/> of <paramref name="s"/> (the caller checked the
    /// length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ReadOnlySpan<float> s, int at) =>
        Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);

    /// <summary>Stores <paramref name="v"/> at element <paramref name="at"/> of <paramref name="s"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> v, Span<float> s, int at) =>
        v.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)at);

    /// <summary>Throws unless every span holds at least <paramref name="length"/> elements.</summary>
    public static void CheckLengths(int length, params ReadOnlySpan<int> lengths)
    {
        foreach (int l in lengths)
            if (l < length) throw new ArgumentException($"recurrent cell: a row of {l} elements, expected {length}");
    }
}
