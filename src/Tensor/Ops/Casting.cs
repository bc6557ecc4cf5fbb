using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq;

/// <summary>Element type conversion: picks the conversion op for the (from, to) pair.</summary>
internal static class Casting
{
    public static Tensor<TOut> Cast<TIn, TOut>(Tensor<TIn> x)
        where TIn : unmanaged, INumber<TIn> where TOut : unmanaged, INumber<TOut>
    {
        if (typeof(TIn) == typeof(TOut)) return (Tensor<TOut>)(object)x.Copy();
        object result = x switch
        {
            Tensor<float> f when typeof(TOut) == typeof(int) => Primitives.Map<float, int, SingleToInt32Op>(f),
            Tensor<float> f when typeof(TOut) == typeof(double) => Primitives.Map<float, double, SingleToDoubleOp>(f),
            Tensor<double> d when typeof(TOut) == typeof(int) => Primitives.Map<double, int, DoubleToInt32Op>(d),
            Tensor<double> d when typeof(TOut) == typeof(float) => Primitives.Map<double, float, DoubleToSingleOp>(d),
            Tensor<int> i when typeof(TOut) == typeof(float) => Primitives.Map<int, float, Int32ToSingleOp>(i),
            Tensor<int> i when typeof(TOut) == typeof(double) => Primitives.Map<int, double, Int32ToDoubleOp>(i),
            _ => throw new NotSupportedException($"cast: no conversion from {TensorFormatter.DTypeName<TIn>()} to " +
                                                 $"{TensorFormatter.DTypeName<TOut>()}"),
        };
        return (Tensor<TOut>)result;
    }
}
