using DeepSeq.Data;
using DeepSeq.Samples.EmojiSuggestions.Baselines;
using DeepSeq.Samples.EmojiSuggestions.Classical;
using Xunit;

namespace DeepSeq.Tests.Samples.EmojiSuggestions;

/// <summary>
/// Each classical algorithm of C1 on a toy problem whose answer is worked out by hand in the test (the numbers in
/// the comments), so that a wrong formula, a wrong step size or a wrong split rule fails a test.
/// </summary>
public sealed class BaselinesTests
{
    /// <summary>A CSR matrix from dense rows (zeros left out).</summary>
    private static SparseMatrix Sparse(float[][] rows)
    {
        var pointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        foreach (var row in rows)
        {
            for (int j = 0; j < row.Length; j++)
                if (row[j] != 0) (columns, values) = ([.. columns, j], [.. values, row[j]]);
            pointers.Add(columns.Count);
        }
        return new SparseMatrix([.. pointers], [.. columns], [.. values], rows.Length, rows[0].Length);
    }

    [Fact]
    public void MajorityClassPredictsTheMostFrequentLabelAndBreaksTiesTowardsTheSmallest()
    {
        var x = Sparse([[1f], [0f], [2f], [3f]]);
        var model = new MajorityClass();
        model.Fit(x, [2, 0, 2, 1], 3);
        Assert.Equal([2, 2, 2, 2], model.Predict(x));
        model.Fit(x, [1, 0, 1, 0], 3);
        Assert.Equal(0, model.Label);
    }

    [Fact]
    public void NaiveBayesMatchesTheHandComputedSmoothedEstimates()
    {
        // Class 0: rows [2, 0] and [1, 0]; class 1: [0, 1]. With α = 1:
        //   θ0 = ([3, 0] + 1) / 5 = [0.8, 0.2],  θ1 = ([0, 1] + 1) / 3 = [1/3, 2/3],  π = [2/3, 1/3]
        // For x = [1, 1]:  P(0 | x) ∝ 2/3 · 0.8 · 0.2 = 8/75,  P(1 | x) ∝ 1/3 · 1/3 · 2/3 = 2/27
        //   → P(0 | x) = 216 / 366.
        var model = new MultinomialNaiveBayes();
        model.Fit(Sparse([[2f, 0f], [1f, 0f], [0f, 1f]]), [0, 0, 1], 2);
        Assert.Equal(Math.Log(0.8), model.FeatureLogProb[0, 0], 12);
        Assert.Equal(Math.Log(2.0 / 3), model.FeatureLogProb[1, 1], 12);
        Assert.Equal(Math.Log(1.0 / 3), model.ClassLogPrior[1], 12);
        var proba = model.PredictProba(Sparse([[1f, 1f]]));
        Assert.Equal(216.0 / 366, proba[0, 0], 12);
        Assert.Equal(150.0 / 366, proba[0, 1], 12);
        Assert.Equal([0, 1], model.Predict(Sparse([[1f, 0f], [0f, 1f]])));
    }

    [Fact]
    public void SgdTakesScikitLearnsFirstTwoStepsOfTheOptimalSchedule()
    {
        // Rows e0 (class 0) and e1 (class 1), one epoch. α = 1e-4: η₀ = α^(−1/4) = 10, t₀ = 1 / (η₀ α) = 1000.
        // Whichever row comes first (margin 0): its weight becomes η₁ y = ±10 and b = 0.01 · 10 y = ±0.1.
        // Second row: margin y·p = −0.1 ≤ 1, η₂ = 1 / (α · 1001); the first weight shrinks by (1 − η₂ α), the
        // second becomes η₂ y, and b moves by 0.01 η₂ y back towards 0:
        //   |w| = 10 (1 − η₂ α) = η₂ = 9.99000999…,   |b| = 0.1 − 0.01 η₂ = 9.99000999…e−5
        double eta2 = 1 / (1e-4 * 1001);
        var model = new SgdClassifier(seed: 7, maxIter: 1);
        model.Fit(Sparse([[1f, 0f], [0f, 1f]]), [0, 1], 2);
        Assert.Equal(eta2, model.Weights[0][0], 9);
        Assert.Equal(-eta2, model.Weights[0][1], 9);
        Assert.Equal(-eta2, model.Weights[1][0], 9);
        Assert.Equal(eta2, model.Weights[1][1], 9);
        Assert.Equal(0.1 - 0.01 * eta2, Math.Abs(model.Intercepts[0]), 12);
        Assert.Equal([0, 1], model.Predict(Sparse([[1f, 0f], [0f, 1f]])));
    }

    [Fact]
    public void SgdStopsAfterFiveEpochsWithoutImprovementAndIsSeeded()
    {
        var x = Sparse([[1f, 0f, 0.5f], [0.9f, 0.1f, 0f], [0f, 1f, 0.4f], [0.1f, 0.8f, 0f]]);
        int[] y = [0, 0, 1, 1];
        var model = new SgdClassifier(seed: 3);
        model.Fit(x, y, 2);
        // The first epoch always counts as an improvement on +∞, so at least 1 + 5 epochs run.
        Assert.All(model.Epochs, e => Assert.InRange(e, 6, 999));
        Assert.Equal(y, model.Predict(x));
        var again = new SgdClassifier(seed: 3);
        again.Fit(x, y, 2);
        Assert.Equal(model.Weights[1], again.Weights[1]);
    }

    [Fact]
    public void ATreeSplitsAtTheGiniBestMidpoints()
    {
        // One feature, values (class): 0 (0), 0 (0), 0.3 (1), 0.6 (0), 0.9 (1). At the root, Σ L²/W_L + Σ R²/W_R
        // is 4/2 + 5/3 = 3.67 at θ = 0.15, 5/3 + 2/2 = 2.67 at 0.45, 10/4 + 1 = 3.5 at 0.75: θ = 0.15, left pure.
        // Right {0.3 (1), 0.6 (0), 0.9 (1)}: θ = 0.45 and 0.75 tie at 2 (first wins), then 0.75 splits the last
        // two: 7 nodes, 4 leaves, depth 3.
        var x = Sparse([[0f], [0f], [0.3f], [0.6f], [0.9f]]);
        int[] y = [0, 0, 1, 0, 1];
        var tree = DecisionTree.Grow(new SparseColumns(x), x, y, [1, 1, 1, 1, 1], 2, 1, new Random(1));
        Assert.Equal(7, tree.NodeCount);
        Assert.Equal(4, tree.LeafCount);
        Assert.Equal(3, tree.Depth);
        var probe = Sparse([[0.1f], [0.2f], [0.4f], [0.7f], [0.8f]]);
        Assert.Equal([0.0, 1.0, 1.0, 0.0, 1.0], Enumerable.Range(0, 5).Select(i => tree.Proba(probe, i)[1]));
    }

    [Fact]
    public void ATreeLooksPastConstantFeaturesAndLeavesOutUnweightedRows()
    {
        // Feature 1 alone separates the classes; the others are zero everywhere. With max_features 1 a node must
        // keep drawing until it finds feature 1. Row 4 (weight 0, as a bootstrap that missed it) would make the
        // split impure if it counted.
        var x = Sparse([[0f, 0.2f, 0f, 0f], [0f, 0.3f, 0f, 0f], [0f, 0.8f, 0f, 0f], [0f, 0.9f, 0f, 0f],
            [0f, 0.25f, 0f, 0f]]);
        var tree = DecisionTree.Grow(new SparseColumns(x), x, [0, 0, 1, 1, 1], [1, 2, 1, 1, 0], 2, 1, new Random(5));
        Assert.Equal(3, tree.NodeCount);
        Assert.Equal([0.0, 1.0], tree.Proba(Sparse([[0f, 0.6f, 0f, 0f]]), 0));
        Assert.Equal([1.0, 0.0], tree.Proba(Sparse([[0f, 0.26f, 0f, 0f]]), 0));
    }

    [Fact]
    public void AForestAveragesItsTreesAndIsSeeded()
    {
        var x = Sparse([[0.2f, 0f], [0.3f, 0f], [0.25f, 0.1f], [0f, 0.8f], [0f, 0.9f], [0.1f, 0.7f]]);
        int[] y = [0, 0, 0, 1, 1, 1];
        var forest = new RandomForest(seed: 11, trees: 25);
        forest.Fit(x, y, 2);
        Assert.Equal(y, forest.Predict(x));
        var proba = forest.PredictProba(x);
        for (int i = 0; i < x.Rows; i++) Assert.Equal(1.0, proba[i, 0] + proba[i, 1], 12);
        var again = new RandomForest(seed: 11, trees: 25);
        again.Fit(x, y, 2);
        Assert.Equal(proba, again.PredictProba(x));
        Assert.Equal(2, RandomForest.MaxFeatures(5));
        Assert.Equal(223, RandomForest.MaxFeatures(50_000));
    }

    [Fact]
    public void SvcSolvesTheTwoPointDualInClosedForm()
    {
        // x₊ = e0, x₋ = e1. Var over the 4 entries = 1/2 − 1/4, so γ = 1 / (2 · 1/4) = 2 and K(x₊, x₋) = e^−4.
        // By symmetry α₊ = α₋ = a; the dual ½ a² (2 − 2e^−4) − 2a is least at a = 1 / (1 − e^−4) ≈ 1.019, so the
        // decision at x₊ is a (1 − e^−4) − ρ = 1 with ρ = 0 when C = 10. With C = 1, a is clipped to 1 and the
        // decision is 1 − e^−4.
        var x = Sparse([[1f, 0f], [0f, 1f]]);
        Assert.Equal(2.0, RbfSvc.ScaleGamma(x), 12);
        var free = new RbfSvc(c: 10);
        free.Fit(x, [0, 1], 2);
        var decisions = free.DecisionFunction(x);
        Assert.Equal(1.0, decisions[0, 0], 6);
        Assert.Equal(-1.0, decisions[1, 0], 6);
        var clipped = new RbfSvc();
        clipped.Fit(x, [0, 1], 2);
        Assert.Equal(1 - Math.Exp(-4), clipped.DecisionFunction(x)[0, 0], 6);
        Assert.Equal([0, 1], clipped.Predict(x));
    }

    [Fact]
    public void SvcVotesOneAgainstOne()
    {
        var x = Sparse([[1f, 0f, 0f], [0.9f, 0.1f, 0f], [0f, 1f, 0f], [0.1f, 0.9f, 0f], [0f, 0f, 1f],
            [0f, 0.1f, 0.9f]]);
        int[] y = [0, 0, 1, 1, 2, 2];
        var model = new RbfSvc();
        model.Fit(x, y, 3);
        Assert.Equal(y, model.Predict(x));
        Assert.Equal(3, model.DecisionFunction(x).GetLength(1));   // pairs (0,1), (0,2), (1,2)
    }

    [Fact]
    public void MicroPrecisionIsTheShareOfRightPredictions()
    {
        Assert.Equal(0.75, ClassicalBaselines.MicroPrecision([1, 2, 0, 0], [1, 2, 0, 1]));
        Assert.Throws<ArgumentException>(() => ClassicalBaselines.MicroPrecision([1], [1, 2]));
    }

    [Fact]
    public void BadInputIsRefusedWithTheShapes()
    {
        var x = Sparse([[1f, 0f], [0f, 1f]]);
        var error = Assert.Throws<ArgumentException>(() => new MultinomialNaiveBayes().Fit(x, [0], 2));
        Assert.Contains("(2,2)", error.Message);
        Assert.Throws<ArgumentException>(() => new SgdClassifier(1).Fit(x, [0, 5], 2));
        Assert.Throws<InvalidOperationException>(() => new RbfSvc().Predict(x));
        var nb = new MultinomialNaiveBayes();
        nb.Fit(x, [0, 1], 2);
        var wide = Assert.Throws<ArgumentException>(() => nb.Predict(Sparse([[1f, 0f, 0f]])));
        Assert.Contains("3 features", wide.Message);
    }
}
