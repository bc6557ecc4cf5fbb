using DeepSeq.Autograd;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>The graph machinery itself: accumulation, NoGrad, Detach, intermediate gradients, diamonds, errors.</summary>
public sealed class EngineTests
{
    private static Variable<double> Leaf(params double[] values) => new(Tensor.FromArray(values), requiresGrad: true);

    [Fact]
    public void BackwardFillsTheLeafGradients()
    {
        // L = Σ (a · b + a)  →  dL/da = b + 1, dL/db = a
        var a = Leaf(1, 2, 3);
        var b = Leaf(4, 5, 6);
        (a * b + a).Sum().Backward();
        Assert.Equal([5.0, 6, 7], a.Grad!.ToArray());
        Assert.Equal([1.0, 2, 3], b.Grad!.ToArray());
    }

    [Fact]
    public void GradientsAccumulateAcrossBackwardCallsUntilZeroGrad()
    {
        var a = Leaf(1, 2);
        (a * a).Sum().Backward();
        (a * a).Sum().Backward();
        Assert.Equal([4.0, 8], a.Grad!.ToArray());   // 2 × (2a)
        a.ZeroGrad();
        Assert.Null(a.Grad);
        (a * a).Sum().Backward();
        Assert.Equal([2.0, 4], a.Grad!.ToArray());
    }

    [Fact]
    public void ADiamondReceivesTheSumOfBothPaths()
    {
        // y = a·a used twice: L = Σ (y + y·3)  →  dL/da = 4 · 2a
        var a = Leaf(1, -2);
        var y = a * a;
        (y + y * 3.0).Sum().Backward();
        Assert.Equal([8.0, -16], a.Grad!.ToArray());
    }

    [Fact]
    public void NoGradRecordsNothing()
    {
        var a = Leaf(1, 2);
        Variable<double> y;
        using (GradMode.NoGrad()) y = a * a;
        Assert.False(y.RequiresGrad);
        Assert.Null(y.Creator);
        Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public void DetachStopsTheGradient()
    {
        // L = Σ a · detach(a): only the first factor carries a gradient, dL/da = a
        var a = Leaf(3, 4);
        (a * a.Detach()).Sum().Backward();
        Assert.Equal([3.0, 4], a.Grad!.ToArray());
    }

    [Fact]
    public void IntermediateGradientsAreKeptOnRequest()
    {
        var a = Leaf(1, 2);
        var h = (a * 2.0).RetainGrad();
        var unkept = h * h;
        (unkept * 1.0).Sum().Backward();
        Assert.Equal([4.0, 8], h.Grad!.ToArray());   // dL/dh = 2h
        Assert.Null(unkept.Grad);
    }

    [Fact]
    public void GradientsOfReturnsWithoutTouchingGrad()
    {
        var a = Leaf(1, 2);
        var h = a * 3.0;
        var loss = (h * h).Sum();
        var grads = Gradients.Of(loss, [h, a]);
        Assert.Equal([6.0, 12], grads[0].ToArray());   // 2h
        Assert.Equal([18.0, 36], grads[1].ToArray());  // 2h · 3
        Assert.Null(a.Grad);
    }

    [Fact]
    public void AFreedGraphCannotBeWalkedTwiceUnlessRetained()
    {
        var a = Leaf(1, 2);
        var loss = (a * a).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.Equal([4.0, 8], a.Grad!.ToArray());
        var ex = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("retainGraph", ex.Message);
    }

    [Fact]
    public void BackwardOfANonScalarNeedsItsGradient()
    {
        var a = Leaf(1, 2);
        var y = a * 2.0;
        var ex = Assert.Throws<ArgumentException>(() => y.Backward());
        Assert.Contains("(2)", ex.Message);
        y.Backward(Tensor.FromArray(new[] { 1.0, 10.0 }));
        Assert.Equal([2.0, 20], a.Grad!.ToArray());
        Assert.Throws<ArgumentException>(() => (a * 2.0).Backward(Tensor.FromArray(new[] { 1.0 })));
    }

    [Fact]
    public void NoGradScopesNestAndSurviveExceptions()
    {
        using (GradMode.NoGrad())
        {
            using (GradMode.NoGrad()) Assert.False(GradMode.IsEnabled);
            Assert.False(GradMode.IsEnabled);   // the inner scope restored "off", not "on"
        }
        Assert.True(GradMode.IsEnabled);
        try
        {
            using (GradMode.NoGrad()) throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException) { }
        Assert.True(GradMode.IsEnabled);
    }

    [Fact]
    public async Task NoGradFollowsAwaitsAndLeavesOtherFlowsAlone()
    {
        var a = Leaf(1, 2);
        Variable<double> y;
        using (GradMode.NoGrad())
        {
            await Task.Yield();                                      // may resume on another thread
            Assert.False(GradMode.IsEnabled);
            Assert.True(await Task.Run(() => GradMode.IsEnabled) == false);   // flows into work started here
            y = a * a;
        }
        Assert.True(GradMode.IsEnabled);
        Assert.False(y.RequiresGrad);
        Assert.True(await Task.Run(() => GradMode.IsEnabled));      // nothing leaked to the pool
    }

    [Fact]
    public void GradientsOfRefusesAnInputThatDoesNotRequireGrad()
    {
        var a = Leaf(1, 2);
        var c = new Variable<double>(Tensor.FromArray(new[] { 3.0, 4.0 }));
        var ex = Assert.Throws<ArgumentException>(() => Gradients.Of((a * c).Sum(), [c]));
        Assert.Contains("does not require grad", ex.Message);
        var unrelated = Leaf(5, 6);
        Assert.Equal([0.0, 0], Gradients.Of((a * c).Sum(), [unrelated])[0].ToArray());   // unreached: zeros
    }

    [Fact]
    public void RetainedIntermediateGradientsAccumulateLikeLeaves()
    {
        var a = Leaf(1, 2);
        var h = (a * 3.0).RetainGrad();
        var loss = (h * h).Sum();
        loss.Backward(retainGraph: true);
        loss.Backward();
        Assert.Equal([12.0, 24], h.Grad!.ToArray());   // 2 × 2h
    }

    [Fact]
    public void DetachingAnIntermediateCutsOnlyThatPath()
    {
        // L = Σ (h + detach(h)·h) with h = 2a: dL/da = 2 + 2·detach(h) = 2 + 4a
        var a = Leaf(1, -1);
        var h = a * 2.0;
        (h + h.Detach() * h).Sum().Backward();
        Assert.Equal([6.0, -2], a.Grad!.ToArray());
    }

    [Fact]
    public void BackwardFreesTheGraphSoIntermediateTensorsCanBeCollected()
    {
        var (weak, loss) = BuildAndWalk();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.TryGetTarget(out _), "an intermediate result outlived the backward pass that freed its graph");
        GC.KeepAlive(loss);   // the loss itself is still referenced: only the graph behind it is released
    }

    // Separate method so no local of the caller's frame keeps the intermediate alive.
    private static (WeakReference<Tensor<double>> Weak, Variable<double> Loss) BuildAndWalk()
    {
        var a = Leaf(1, 2, 3);
        var intermediate = a.Exp();
        var loss = (intermediate * a).Sum();
        var weak = new WeakReference<Tensor<double>>(intermediate.Data);
        loss.Backward();
        return (weak, loss);
    }

    [Fact]
    public void ALongChainDoesNotOverflowTheStack()
    {
        var a = Leaf(1);
        var y = a;
        for (int i = 0; i < 20_000; i++) y = y + 0.0;
        y.Sum().Backward();
        Assert.Equal([1.0], a.Grad!.ToArray());
    }
}
