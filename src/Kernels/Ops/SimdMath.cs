using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Ops;

/// <summary>
/// Vector exp and log for a generic element type. The runtime provides them per type
/// (<c>Vector512.Exp(Vector512&lt;float&gt;)</c>); these forward to the right one. The
/// <c>typeof</c> tests are constants to the JIT, so each instantiation compiles to a single call.
/// </summary>
internal static class SimdMath
{
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector512.Exp(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"exp: no vector form for {typeof(T).Name}");
    }

    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector256.Exp(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"exp: no vector form for {typeof(T).Name}");
    }

    public static Vector512<T> Log<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector512.Log(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.Log(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"log: no vector form for {typeof(T).Name}");
    }

    public static Vector256<T> Log<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector256.Log(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.Log(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"log: no vector form for {typeof(T).Name}");
    }
}
