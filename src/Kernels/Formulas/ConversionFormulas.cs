// Each struct's summary is its formula; its members are the contract's, documented in FormulaContracts.cs.
#pragma warning disable CS1591

namespace DeepSeq.Kernels.Formulas;

// Element type conversions, one concrete struct per pair. Not one generic Cast<TIn, TOut>:
// the runtime's generic conversions (int.CreateSaturating<float>) branch on typeof(T) inside,
// which ILGPU cannot compile. A float → int conversion truncates toward zero and saturates
// (NaN → 0), which is what .NET 9+ does on x64 and what CUDA's cvt.rzi does.

/// <summary>y = (int)x, toward zero, saturating.</summary>
public readonly struct SingleToInt32Op : IUnaryOp<float, int>
{
    public static int Apply(float x) => (int)x;
}

/// <summary>y = (int)x, toward zero, saturating.</summary>
public readonly struct DoubleToInt32Op : IUnaryOp<double, int>
{
    public static int Apply(double x) => (int)x;
}

/// <summary>y = (float)x, rounded to nearest.</summary>
public readonly struct Int32ToSingleOp : IUnaryOp<int, float>
{
    public static float Apply(int x) => x;
}

/// <summary>y = (double)x, exact.</summary>
public readonly struct Int32ToDoubleOp : IUnaryOp<int, double>
{
    public static double Apply(int x) => x;
}

/// <summary>y = (double)x, exact.</summary>
public readonly struct SingleToDoubleOp : IUnaryOp<float, double>
{
    public static double Apply(float x) => x;
}

/// <summary>y = (float)x, rounded to nearest.</summary>
public readonly struct DoubleToSingleOp : IUnaryOp<double, float>
{
    public static float Apply(double x) => (float)x;
}
