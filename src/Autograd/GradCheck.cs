using System.Globalization;

namespace DeepSeq.Autograd;

/// <summary>
/// Checks the gradients autograd computes against central finite differences, in float64: the public tool a
/// learner runs on an op or a layer they wrote (PyTorch's <c>torch.autograd.gradcheck</c>).
/// </summary>
/// <remarks>
/// <para>For an op f and inputs x, the check builds the scalar L = Σᵢ f(x)ᵢ·wᵢ with fixed random weights w
/// (so every output element takes part, each with its own weight), gets ∂L/∂x from one backward pass, and
/// compares every element with the central difference (L(x + h·eⱼ) − L(x − h·eⱼ)) / 2h, whose error is
/// O(h²) rather than the O(h) of a one-sided difference.</para>
/// <para>An element passes when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|). The defaults
/// are PyTorch's gradcheck defaults: h = 10⁻⁶, atol = 10⁻⁵, rtol = 10⁻³. In float64 the rounding error of the
/// difference quotient is about 10⁻¹⁶·|L|/h ≈ 10⁻¹⁰·|L|, far inside them; a wrong backward rule is off by
/// O(1). Keep inputs away from kinks (relu at 0, ties of a max): there the two sides of the difference
/// see different slopes and no single derivative exists to compare with.</para>
/// </remarks>
public static class GradCheck
{
    /// <summary>The finite-difference step h (PyTorch's default eps).</summary>
    public const double DefaultStep = 1e-6;
    /// <summary>Relative tolerance (PyTorch's default rtol).</summary>
    public const double DefaultRelativeTolerance = 1e-3;
    /// <summary>Absolute tolerance (PyTorch's default atol).</summary>
    public const double DefaultAbsoluteTolerance = 1e-5;

    /// <summary>
    /// Compares autograd's gradient of <paramref name="f"/> at <paramref name="inputs"/> with central differences.
    /// </summary>
    /// <param name="f">the computation, from input variables (one per tensor
    /// in <paramref name="inputs"/>) to an output of any shape</param>
    /// <param name="inputs">the point to check at (float64, any device); they are not modified</param>
    /// <param name="seed">seed of the random output weights w</param>
    /// <param name="step">h</param>
    /// <param name="rtol">relative tolerance</param>
    /// <param name="atol">absolute tolerance</param>
    /// <param name="name">what to call f in the report (default: the op that
    /// produced its output, which for a composite is its last step)</param>
    public static GradCheckResult Check(Func<Variable<double>[], Variable<double>> f, IReadOnlyList<Tensor<double>> inputs,
        ulong seed = 0, double step = DefaultStep,
        double rtol = DefaultRelativeTolerance, double atol = DefaultAbsoluteTolerance,
        string? name = null)
    {
        var variables = inputs.Select(x => new Variable<double>(x, requiresGrad: true)).ToArray();
        var output = f(variables);
        string op = name ?? output.Creator?.Name ?? "(no op)";
        var device = output.Data.Device;
        var weights = Tensor.RandomNormal<double>(output.Shape, new Generator(seed), 0.0, 1.0, device);
        var loss = (output * new Variable<double>(weights)).Sum();
        if (!loss.RequiresGrad)
            return GradCheckResult.Fail(op,
                $"gradcheck ({op}): the output does not depend on any input through a differentiable op");
        loss.Backward();

        var worst = new GradCheckResult.Element(-1, [], 0, 0, 0);
        double worstRatio = -1;
        for (int i = 0; i < inputs.Count; i++)
        {
            var analytic = (variables[i].Grad ?? Tensor.Zeros<double>(inputs[i].Shape, inputs[i].Device)).ToArray();
            var x = inputs[i].ToArray();
            for (int j = 0; j < x.Length; j++)
            {
                double numeric = (LossAt(f, inputs, weights, i, x, j, +step) - LossAt(f, inputs, weights, i, x, j, -step))
                    / (2 * step);
                double error = Math.Abs(analytic[j] - numeric);
                double ratio = error / (atol + rtol * Math.Max(Math.Abs(analytic[j]), Math.Abs(numeric)));
                if (double.IsNaN(ratio)) ratio = double.PositiveInfinity;
                if (ratio > worstRatio)
                {
                    worstRatio = ratio;
                    worst = new GradCheckResult.Element(i, Unflatten(j, inputs[i].Shape), analytic[j], numeric, error);
                }
            }
        }
        bool passed = worstRatio <= 1;
        string where = worst.Input < 0 ? "no elements" :
            $"input {worst.Input} {inputs[worst.Input].Shape} at [{string.Join(",", worst.Index)}]: " +
            $"analytic {Fmt(worst.Analytic)}, numeric {Fmt(worst.Numeric)}, |difference| {Fmt(worst.Error)}";
        string message = passed
            ? $"gradcheck ({op}) passed; worst element {where}"
            : $"gradcheck ({op}) failed: {where} exceeds atol {Fmt(atol)} + rtol {Fmt(rtol)}·|value|";
        return new GradCheckResult(passed, op, worst, message);
    }

    /// <summary>Like <see cref="Check"/>, but throws <see cref="GradCheckException"/>
    /// with the report when an element fails.</summary>
    public static void Assert(Func<Variable<double>[], Variable<double>> f, IReadOnlyList<Tensor<double>> inputs,
        ulong seed = 0, double step = DefaultStep,
        double rtol = DefaultRelativeTolerance, double atol = DefaultAbsoluteTolerance,
        string? name = null)
    {
        var result = Check(f, inputs, seed, step, rtol, atol, name);
        if (!result.Passed) throw new GradCheckException(result.Message);
    }

    // L = Σ f(x)·w with element j of input i moved by delta, forward only.
    private static double LossAt(Func<Variable<double>[], Variable<double>> f, IReadOnlyList<Tensor<double>> inputs,
        Tensor<double> weights, int i, double[] x, int j, double delta)
    {
        var moved = (double[])x.Clone();
        moved[j] += delta;
        using (GradMode.NoGrad())
        {
            var args = inputs
                .Select((t, k) => new Variable<double>(k == i ? Tensor.FromArray<double>(moved, t.Shape, t.Device) : t))
                .ToArray();
            return (f(args).Data * weights).Sum().Item();
        }
    }

    private static int[] Unflatten(int flat, Shape shape)
    {
        var index = new int[shape.Rank];
        for (int d = shape.Rank - 1; d >= 0; d--) { index[d] = flat % shape.Dims[d]; flat /= shape.Dims[d]; }
        return index;
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>The outcome of a <see cref="GradCheck"/>: whether it passed, the op, and the worst element.</summary>
/// <param name="Passed">every element within tolerance</param>
/// <param name="Op">the name of the op that produced the checked output</param>
/// <param name="Worst">the element furthest outside (or closest to) its tolerance</param>
/// <param name="Message">a one-line report naming the op, the input, the element, both values</param>
public sealed record GradCheckResult(bool Passed, string Op, GradCheckResult.Element Worst, string Message)
{
    /// <summary>One compared element.</summary>
    /// <param name="Input">which input (−1 when nothing was compared)</param>
    /// <param name="Index">its index in that input</param>
    /// <param name="Analytic">autograd's ∂L/∂x</param>
    /// <param name="Numeric">the central difference</param>
    /// <param name="Error">|Analytic − Numeric|</param>
    public sealed record Element(int Input, int[] Index, double Analytic, double Numeric, double Error);

    internal static GradCheckResult Fail(string op, string message) =>
        new(false, op, new Element(-1, [], 0, 0, 0), message);

    /// <inheritdoc/>
    public override string ToString() => Message;
}

/// <summary>Thrown by <see cref="GradCheck.Assert"/> when an
/// analytic gradient disagrees with finite differences.</summary>
public sealed class GradCheckException(string message) : Exception(message);
