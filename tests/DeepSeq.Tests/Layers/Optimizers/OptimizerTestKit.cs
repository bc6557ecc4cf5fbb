using System.Numerics;
using DeepSeq.Autograd;
using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;

namespace DeepSeq.Tests.Layers.Optimizers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>What the optimizer tests share: building a parameter, handing it a chosen gradient, reading it back, running a property.</summary>
internal static class OptimizerTestKit
{
    /// <summary>A trainable leaf holding <paramref name="values"/> (shape defaults to a vector).</summary>
    public static Variable<T> Parameter<T>(double[] values, int[]? shape = null, Device? device = null, string? name = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        => new(Tensor.FromArray<T>(values.Select(T.CreateChecked).ToArray(), shape ?? [values.Length], device), requiresGrad: true, name);

    /// <summary>
    /// Makes <paramref name="gradient"/> the parameter's Grad: backward from the leaf itself with dOut = g
    /// hands g straight to it (Grad has no public setter, on purpose).
    /// </summary>
    public static void SetGradient<T>(Variable<T> parameter, double[] gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parameter.ZeroGrad();
        parameter.Backward(Tensor.FromArray<T>(gradient.Select(T.CreateChecked).ToArray(), parameter.Shape, parameter.Data.Device));
    }

    /// <summary>The parameter's values as doubles, row-major.</summary>
    public static double[] Values<T>(Variable<T> parameter) where T : unmanaged, IFloatingPointIeee754<T>
        => [.. parameter.Data.ToArray().Select(double.CreateChecked)];

    /// <summary>Runs <paramref name="body"/> on <paramref name="cases"/> generated inputs; a failure names the input and the replay seed.</summary>
    public static void Property<TCase>(Gen<TCase> gen, Action<TCase> body, int cases = 50)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), Prop.ForAll(gen.ToArbitrary(), body));

    /// <summary>|actual − expected| ≤ tolerance·max(1, |expected|) element by element, with a message naming the element.</summary>
    public static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        if (expected.Length != actual.Length)
            throw new Xunit.Sdk.XunitException($"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
            if (!(Math.Abs(actual[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i]))))
                throw new Xunit.Sdk.XunitException($"{what}: element {i} is {actual[i]:R}, expected {expected[i]:R} (tolerance {tolerance})");
    }
}
