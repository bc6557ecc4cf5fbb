using System.Numerics;
using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// What every tensor test family shares: the device it runs on (one subclass per backend, so the same
/// test body checks the CPU kernels and the ILGPU kernels), the FsCheck runner sized for that device,
/// and assertions that compare a tensor with the <see cref="RefArray"/> oracle element by element.
/// </summary>
public abstract class TensorTestBase
{
    /// <summary>The backend under test: <c>Device.Cpu</c> or <c>IlgpuDevice.CpuSimulator</c>.</summary>
    protected abstract Device Device { get; }

    protected bool OnIlgpu => Device is IlgpuDevice;

    /// <summary>A device other than <see cref="Device"/>, for the mixing-devices errors.</summary>
    protected Device OtherDevice => OnIlgpu ? Device.Cpu : IlgpuDevice.CpuSimulator;

    /// <summary>
    /// FsCheck cases per property. ILGPU's CPU accelerator simulates a GPU with threads and pays
    /// milliseconds per kernel launch, so it gets fewer and smaller cases than the CPU backend.
    /// </summary>
    protected int Cases => OnIlgpu ? 25 : 100;

    /// <summary>The most elements in one generated tensor.</summary>
    protected int MaxSize => OnIlgpu ? 64 : 300;

    /// <summary>The longest dimension generated: long enough on the CPU for its 16-lane vector loops and 64-element reduction blocks.</summary>
    protected int MaxDim => OnIlgpu ? 5 : 80;

    /// <summary>Unit roundoff u of <typeparamref name="T"/>: 2⁻²⁴ for float, 2⁻⁵³ for double (one rounding errs by at most u relative).</summary>
    protected static double Unit<T>() where T : unmanaged, INumber<T> =>
        typeof(T) == typeof(float) ? Math.Pow(2, -24) : typeof(T) == typeof(double) ? Math.Pow(2, -53) : 0;

    /// <summary>Runs <paramref name="body"/> on <see cref="Cases"/> generated inputs; a failure names the input and FsCheck's replay seed.</summary>
    protected void Property<TCase>(Gen<TCase> gen, Action<TCase> body, int? cases = null)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases ?? Cases).WithQuietOnSuccess(true),
            Prop.ForAll(gen.ToArbitrary(), body));

    // ---- building tensors on the device under test ----

    protected Tensor<T> Make<T>(TensorCase c) where T : unmanaged, INumber<T> => c.Make<T>(Device);

    protected Tensor<T> Dense<T>(RefArray r) where T : unmanaged, INumber<T> => TensorCase.Dense<T>(r, Device);

    protected Tensor<T> Values<T>(params T[] values) where T : unmanaged, INumber<T> => Tensor.FromArray(values, Device);

    protected Tensor<T> Matrix<T>(T[,] values) where T : unmanaged, INumber<T> => Tensor.FromArray<T>(values, Device);

    /// <summary>A tensor's shape and values, copied into the oracle's form.</summary>
    public static RefArray Ref<T>(Tensor<T> t) where T : unmanaged, INumber<T>
        => new(t.Shape.ToArray(), t.ToArray().Select(double.CreateChecked).ToArray());

    // ---- assertions ----

    /// <summary>
    /// Same shape, on the device under test, and every element equal to the oracle's value rounded to
    /// <typeparamref name="T"/> (NaN matches NaN; −0 matches +0). Right for +, −, ×, ÷, √, max, min and
    /// comparisons of float inputs: the oracle computes them exactly (or correctly rounded) in double, and
    /// rounding that to float is what IEEE 754 requires of the float operation.
    /// </summary>
    protected void AssertExact<T>(RefArray expected, Tensor<T> actual, string what) where T : unmanaged, INumber<T>
        => AssertWithin(expected, actual, _ => 0, what, roundExpected: true);

    /// <summary>|actual − expected| ≤ atol + rtol·|expected| elementwise; infinities and NaN must match exactly.</summary>
    protected void AssertClose<T>(RefArray expected, Tensor<T> actual, double rtol, double atol, string what) where T : unmanaged, INumber<T>
        => AssertWithin(expected, actual, i => atol + rtol * Math.Abs(expected.Data[i]), what, roundExpected: false);

    /// <summary>|actual − expected| ≤ tolerance[i] elementwise, a tolerance per element (a matmul's, say).</summary>
    protected void AssertWithin<T>(RefArray expected, Tensor<T> actual, RefArray tolerance, string what) where T : unmanaged, INumber<T>
        => AssertWithin(expected, actual, i => tolerance.Data[i], what, roundExpected: false);

    private void AssertWithin<T>(RefArray expected, Tensor<T> actual, Func<int, double> tolerance, string what, bool roundExpected)
        where T : unmanaged, INumber<T>
    {
        Assert.True(ReferenceEquals(Device, actual.Device), $"{what}: result lives on {actual.Device.Name}, not {Device.Name}");
        Assert.True(expected.Shape.SequenceEqual(actual.Shape.ToArray()),
            $"{what}: shape {actual.Shape}, expected ({string.Join(",", expected.Shape)})");
        var got = actual.ToArray();
        for (int i = 0; i < got.Length; i++)
        {
            double g = double.CreateChecked(got[i]), e = expected.Data[i];
            if (roundExpected && !double.IsNaN(e)) e = double.CreateChecked(T.CreateSaturating(e));
            bool ok = double.IsNaN(e) ? double.IsNaN(g)
                : double.IsInfinity(e) || double.IsInfinity(g) ? e == g
                : Math.Abs(g - e) <= tolerance(i);
            if (!ok)
                Assert.Fail($"{what}: element {i} (index [{string.Join(",", RefArray.Unravel(i, expected.Shape))}]) is {g:R}, " +
                            $"expected {e:R} ± {tolerance(i):G3}\n  expected {expected}\n  actual   {Ref(actual)}");
        }
    }

    /// <summary>Asserts that <paramref name="action"/> throws <typeparamref name="TException"/> whose message contains every fragment.</summary>
    protected static TException Throws<TException>(Func<object?> action, params string[] fragments) where TException : Exception
    {
        var e = Assert.Throws<TException>(action);
        foreach (var fragment in fragments)
            Assert.True(e.Message.Contains(fragment, StringComparison.Ordinal), $"message \"{e.Message}\" lacks \"{fragment}\"");
        return e;
    }
}
