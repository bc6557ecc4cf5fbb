using DeepSeq.Autograd;
using DeepSeq.Layers.Optimizers;
using Xunit;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;

namespace DeepSeq.Tests.Layers.Optimizers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The bookkeeping <see cref="Optimizer"/> does around the rules: step counting, skipped parameters, names,
/// learning-rate setting and schedules read at the steps taken, and clear errors (the hyperparameter checks of
/// Sgd, RmsProp, Adagrad, Adam and GradientClipping among them).
/// </summary>
public sealed class OptimizerTests
{
    [Fact]
    public void IterationsCountStepsAndTheLearningRateFollowsThem()
    {
        var sgd = new Sgd(new ExponentialDecay(1.0, decaySteps: 1, decayRate: 0.5));
        var w = Parameter<double>([1.0]);
        Assert.Equal(0, sgd.Iterations);
        Assert.Equal(1.0, sgd.CurrentLearningRate);
        for (int i = 0; i < 3; i++)
        {
            SetGradient(w, [1.0]);
            sgd.Apply([w]);
        }
        Assert.Equal(3, sgd.Iterations);
        Assert.Equal(0.125, sgd.CurrentLearningRate);
    }

    [Fact]
    public void ParametersWithoutGradientAreSkippedAndGetNoState()
    {
        var adam = new Adam(0.1);
        var (trained, frozen) = (Parameter<double>([1.0, 2.0], name: "trained"), Parameter<double>([3.0], name: "frozen"));
        SetGradient(trained, [1.0, -1.0]);
        adam.Apply([trained, frozen]);
        Assert.Equal([3.0], Values(frozen));
        Assert.Null(adam.SlotsOf(frozen));
        Assert.NotEqual([1.0, 2.0], Values(trained));
        Assert.Equal(["momentum", "velocity"], adam.SlotsOf(trained)!.All.Keys.Order());
        Assert.Equal(1, adam.Iterations);
    }

    [Fact]
    public void AnEmptyListIsNoStepButAListWithoutAnyGradientIsAnError()
    {
        var sgd = new Sgd();
        sgd.Apply(Array.Empty<Variable<double>>());
        Assert.Equal(0, sgd.Iterations);

        var error = Assert.Throws<InvalidOperationException>(() => sgd.Apply([Parameter<double>([1.0])]));
        Assert.Contains("sgd: none of the 1 parameters has a gradient", error.Message);
    }

    [Fact]
    public void NonFiniteGradientIsRefusedBeforeAnyWeightMoves()
    {
        var sgd = new Sgd(0.1);
        var (first, second) = (Parameter<float>([1.0, 2.0], name: "dense/kernel"), Parameter<float>([1.0, 2.0], name: "dense/bias"));
        SetGradient(first, [1.0, 1.0]);
        SetGradient(second, [double.NaN, 1.0]);
        var error = Assert.Throws<InvalidOperationException>(() => sgd.Apply([first, second]));
        Assert.Contains("'dense/bias'", error.Message);
        Assert.Contains("NaN or infinity at step 0", error.Message);
        Assert.Equal([1.0, 2.0], Values(first));   // the good parameter before it did not move either
        Assert.Equal(0, sgd.Iterations);

        SetGradient(second, [1.0, double.PositiveInfinity]);
        Assert.Throws<InvalidOperationException>(() => sgd.Apply([first, second]));
    }

    /// <summary>
    /// Issue 15: the finite check looked at the gradients and the loss, not at the weights an update writes. Finite
    /// weights, a finite gradient and a finite rate whose step overflows float32 must be refused before any weight
    /// moves, the good parameter listed first included.
    /// </summary>
    [Fact]
    public void AnUpdateThatWouldWriteInfinityIsRefusedAndNoWeightMoves()
    {
        var sgd = new Sgd(1e38);
        var (first, second) = (Parameter<float>([1.0], name: "dense/bias"), Parameter<float>([3e38, 1.0], name: "dense/kernel"));
        SetGradient(first, [1e-38]);
        SetGradient(second, [-1.0, 0.0]);   // 3e38 + 1e38 overflows float32
        var error = Assert.Throws<InvalidOperationException>(() => sgd.Apply([first, second]));
        Assert.Contains("'dense/kernel'", error.Message);
        Assert.Contains("gives NaN or infinity; the step was refused and no weight changed", error.Message);
        Assert.Equal([1.0], Values(first));
        Assert.Equal([(double)3e38f, 1.0], Values(second));
        Assert.Equal(0, sgd.Iterations);
    }

    /// <summary>Issue 15: learning rate 1e300 is a finite double but ∞ as a float32. It is refused for float32
    /// weights, naming the optimizer, the hyperparameter and the value, and accepted for float64 ones.</summary>
    [Fact]
    public void LearningRate1e300IsRefusedForFloat32()
    {
        var sgd = new Sgd(1e300);
        var error = Assert.Throws<ArgumentException>(() => sgd.ValidateFor<float>());
        Assert.StartsWith("sgd: learningRate = 1E+300 is not a finite Single", error.Message);
        sgd.ValidateFor<double>();
    }

    [Fact]
    public void LargeFiniteGradientsAreNotMistakenForInfinity()
    {
        // Their float sum overflows; the finiteness check must not sum the values themselves.
        var w = Parameter<float>([0.0, 0.0]);
        SetGradient(w, [3e38, 3e38]);
        new Sgd(1e-38).Apply([w]);
        Assert.Equal([-3.0, -3.0], Values(w).Select(v => Math.Round(v, 4)));
    }

    [Fact]
    public void AnOpResultIsNotAParameter()
    {
        var leaf = Parameter<double>([1.0]);
        var result = leaf * 2.0;
        result.RetainGrad();
        result.Backward(Tensor.FromArray([1.0]));
        var error = Assert.Throws<InvalidOperationException>(() => new Sgd().Apply([result]));
        Assert.Contains("not a leaf", error.Message);
    }

    [Fact]
    public void TheSameParameterTwiceIsRefused()
    {
        var w = Parameter<double>([1.0], name: "w");
        SetGradient(w, [1.0]);
        Assert.Contains("'w' (1) appears twice", Assert.Throws<ArgumentException>(() => new Sgd().Apply([w, w])).Message);
    }

    [Fact]
    public void SetLearningRateReplacesAConstantButNotASchedule()
    {
        var adam = new Adam();
        adam.SetLearningRate(0.5);
        Assert.Equal(0.5, adam.CurrentLearningRate);
        Assert.IsType<ConstantLearningRate>(adam.LearningRate);
        Assert.Contains("adam: learningRate", Assert.Throws<ArgumentException>(() => adam.SetLearningRate(double.NaN)).Message);

        var scheduled = new Adam(new CosineDecay(0.1, 10));
        Assert.Contains("cannot be set", Assert.Throws<InvalidOperationException>(() => scheduled.SetLearningRate(0.5)).Message);
    }

    [Fact]
    public void GetBuildsEachOptimizerWithKerasDefaults()
    {
        var sgd = Assert.IsType<Sgd>(Optimizer.Get("sgd"));
        Assert.Equal((0.01, 0.0, false), (sgd.CurrentLearningRate, sgd.Momentum, sgd.Nesterov));
        var rms = Assert.IsType<RmsProp>(Optimizer.Get("RMSprop"));
        Assert.Equal((0.001, 0.9, 0.0, 1e-7, false), (rms.CurrentLearningRate, rms.Rho, rms.Momentum, rms.Epsilon, rms.Centered));
        var adagrad = Assert.IsType<Adagrad>(Optimizer.Get("adagrad"));
        Assert.Equal((0.001, 0.1, 1e-7), (adagrad.CurrentLearningRate, adagrad.InitialAccumulatorValue, adagrad.Epsilon));
        var adam = Assert.IsType<Adam>(Optimizer.Get("Adam"));
        Assert.Equal((0.001, 0.9, 0.999, 1e-7, false), (adam.CurrentLearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.Amsgrad));
        Assert.Equal(["sgd", "rmsprop", "adagrad", "adam"], new Optimizer[] { sgd, rms, adagrad, adam }.Select(o => o.Name));

        var error = Assert.Throws<ArgumentException>(() => Optimizer.Get("adamw"));
        Assert.Contains("unknown name 'adamw'", error.Message);
    }

    [Fact]
    public void BadHyperparametersAreRefusedWithTheOptimizerAndArgumentNamed()
    {
        Assert.Contains("sgd: learningRate", Assert.Throws<ArgumentException>(() => new Sgd(-0.1)).Message);
        Assert.Contains("sgd: momentum", Assert.Throws<ArgumentException>(() => new Sgd(momentum: 1.5)).Message);
        Assert.Contains("rmsprop: rho", Assert.Throws<ArgumentException>(() => new RmsProp(rho: 1.0)).Message);
        Assert.Contains("rmsprop: epsilon", Assert.Throws<ArgumentException>(() => new RmsProp(epsilon: -1e-7)).Message);
        Assert.Contains("adagrad: initialAccumulatorValue", Assert.Throws<ArgumentException>(() => new Adagrad(initialAccumulatorValue: -0.1)).Message);
        Assert.Contains("adam: beta2", Assert.Throws<ArgumentException>(() => new Adam(beta2: double.NaN)).Message);
        Assert.Contains("adam: learningRate", Assert.Throws<ArgumentException>(() => new Adam(double.PositiveInfinity)).Message);
        Assert.Contains("adam: ClipNorm", Assert.Throws<ArgumentException>(() => new Adam { ClipNorm = 0 }).Message);
        Assert.Contains("only one of ClipNorm, ClipValue and GlobalClipNorm",
            Assert.Throws<ArgumentException>(() => new Adam { ClipNorm = 1, ClipValue = 1 }).Message);
    }

    [Fact]
    public void AScheduleGivingABadRateStopsTheStep()
    {
        var sgd = new Sgd(new NaNAfterFirstStep());
        var w = Parameter<double>([1.0]);
        SetGradient(w, [1.0]);
        sgd.Apply([w]);
        var error = Assert.Throws<InvalidOperationException>(() => sgd.Apply([w]));
        Assert.Contains("NaNAfterFirstStep gave learning rate NaN at step 1", error.Message);
        Assert.Equal([0.9], Values(w).Select(v => Math.Round(v, 12)));
    }

    private sealed class NaNAfterFirstStep : LearningRateSchedule
    {
        public override double At(long step) => step == 0 ? 0.1 : double.NaN;
    }

    [Fact]
    public void ScheduleIsEvaluatedAtTheStepsAlreadyTaken()
    {
        // lr = 0.1 on step 0, 0.05 on steps 1 and 2: w moves by 0.1, then 0.05, then 0.05 times g.
        var w = Parameter<double>([0.0]);
        var sgd = new Sgd(new PiecewiseConstantDecay([0], [0.1, 0.05]));
        double[] expected = [-0.1, -0.15, -0.2];
        for (int step = 0; step < 3; step++)
        {
            SetGradient(w, [1.0]);
            sgd.Apply([w]);
            Assert.Equal(expected[step], Values(w)[0], 12);
        }
    }
}
