// Sizes follow scikit-learn's _validate_shuffle_split:
//
//   fraction f:  n_test = ceil(f · n),  n_train = n − n_test        count c:  n_test = c,  n_train = n − c
//
// and both must be ≥ 1. Shuffling is a Fisher–Yates pass driven by DeepSeq's Philox Generator, so one seed gives
// one split on every machine and every .NET version — but not the split NumPy's Mersenne Twister would give.

namespace DeepSeq.Data;

/// <summary>
/// Splits <c>n</c> items into a training and a test part. scikit-learn
/// <c>sklearn.model_selection.train_test_split</c> (and <c>ShuffleSplit</c> / <c>StratifiedShuffleSplit</c> with
/// one split, which it uses underneath).
/// </summary>
/// <remarks>
/// <para>As in scikit-learn, a <see cref="double"/> test size is a fraction in (0, 1), rounded up
/// (<c>ceil(0.25 · 10) = 3</c> test items), and an <see cref="int"/> test size is a count in [1, n − 1].</para>
/// <para>With <c>shuffle: true</c> the test part is the first <c>n_test</c> positions of a random permutation and
/// the training part the rest, as in <c>ShuffleSplit</c>; with <c>shuffle: false</c> the training part is
/// <c>0 .. n_train − 1</c> and the test part the tail, in order, as in scikit-learn.</para>
/// <para>The permutation comes from <c>new Generator(seed)</c> (Philox, see <see cref="Generator"/>): the same
/// seed always gives the same split. The sizes match scikit-learn's exactly; which items land in which part cannot,
/// because NumPy draws from a different generator.</para>
/// </remarks>
public static class TrainTestSplit
{
    /// <summary>Splits positions <c>0 .. n − 1</c>, holding out a fraction for testing.</summary>
    /// <param name="n">Number of items, ≥ 2.</param>
    /// <param name="testFraction">Fraction of the items to test on, in (0, 1); the count is rounded up. scikit-learn:
    /// float <c>test_size</c> (its default is 0.25).</param>
    /// <param name="seed">Seed of the shuffle. scikit-learn: <c>random_state</c>.</param>
    /// <param name="shuffle">Shuffle before splitting. Default <c>true</c>; scikit-learn: <c>shuffle</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside (0, 1), or leaves no training or no test
    /// item.</exception>
    public static SplitIndices Indices(int n, double testFraction = 0.25, ulong seed = 0, bool shuffle = true)
        => Indices(n, TestCountFromFraction(n, testFraction), seed, shuffle);

    /// <summary>Splits positions <c>0 .. n − 1</c>, holding out <paramref name="testCount"/> items for
    /// testing.</summary>
    /// <param name="n">Number of items, ≥ 2.</param>
    /// <param name="testCount">Number of test items, in [1, n − 1]. scikit-learn: int <c>test_size</c>.</param>
    /// <param name="seed">Seed of the shuffle. scikit-learn: <c>random_state</c>.</param>
    /// <param name="shuffle">Shuffle before splitting. Default <c>true</c>; scikit-learn: <c>shuffle</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is outside [1, n − 1].</exception>
    public static SplitIndices Indices(int n, int testCount, ulong seed = 0, bool shuffle = true)
    {
        ValidateTestCount(n, testCount);
        int nTrain = n - testCount;
        if (!shuffle)
            return new SplitIndices(
                Enumerable.Range(0, nTrain).ToArray(), Enumerable.Range(nTrain, testCount).ToArray());

        var permutation = Enumerable.Range(0, n).ToArray();
        Shuffle(permutation, new Generator(seed));
        return new SplitIndices(permutation[testCount..], permutation[..testCount]);
    }

    /// <summary>
    /// Splits positions <c>0 .. labels.Count − 1</c> so that each class keeps its share in both parts.
    /// scikit-learn: <c>train_test_split(..., stratify=labels)</c>.
    /// </summary>
    /// <param name="labels">The class of each item; any type with an order (strings compare ordinally, as in
    /// Python).</param>
    /// <param name="testFraction">Fraction to test on, in (0, 1), rounded up over the whole set.</param>
    /// <param name="seed">Seed of the shuffle. scikit-learn: <c>random_state</c>.</param>
    /// <remarks>
    /// <para>Rounding (scikit-learn's <c>_approximate_mode</c>): class <c>i</c> with <c>c_i</c> of the <c>n</c> items
    /// gets <c>floor(n_train · c_i / n)</c> training items; the few left over go one each to the classes with the
    /// largest fractional parts, and the rest of each class is its test part. Every class is therefore within one
    /// item of its exact share. scikit-learn breaks ties between equal fractional parts at random; DeepSeq gives the
    /// extra item to the class that sorts first, so the counts do not depend on the seed.</para>
    /// <para>Stratifying always shuffles (scikit-learn refuses <c>shuffle=False</c> with <c>stratify</c>). Both
    /// parts are returned in shuffled order, as scikit-learn returns them.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">A class has a single item, or a part would be smaller than the number of
    /// classes (scikit-learn's checks).</exception>
    public static SplitIndices Stratified<TLabel>(
        IReadOnlyList<TLabel> labels, double testFraction = 0.25, ulong seed = 0)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Stratified(labels, TestCountFromFraction(labels.Count, testFraction), seed);
    }

    /// <summary>As <see cref="Stratified{TLabel}(IReadOnlyList{TLabel}, double, ulong)"/>, holding out
    /// <paramref name="testCount"/> items in all.</summary>
    public static SplitIndices Stratified<TLabel>(IReadOnlyList<TLabel> labels, int testCount, ulong seed = 0)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Count;
        ValidateTestCount(n, testCount);
        int nTrain = n - testCount;

        // Group positions by class; classes in Python's sort order (NumPy's np.unique).
        var classes = labels.Distinct().OrderBy(c => c, PythonOrder.Comparer<TLabel>()).ToArray();
        var classOf = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var members = classes.Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < n; i++) members[classOf[labels[i]]].Add(i);
        var counts = members.Select(m => m.Count).ToArray();

        if (counts.Min() < 2)
            throw new ArgumentException("The least populated class in labels has only 1 member, which is too few: " +
                "every class needs at least 2 (one per part).", nameof(labels));
        if (testCount < classes.Length)
            throw new ArgumentException($"The test size = {testCount} should be greater or equal to the number of " +
                $"classes = {classes.Length}.", nameof(testCount));
        if (nTrain < classes.Length)
            throw new ArgumentException($"The train size = {nTrain} should be greater or equal to the number of " +
                $"classes = {classes.Length}.", nameof(testCount));

        var trainPerClass = ApproximateMode(counts, nTrain);
        var generator = new Generator(seed);
        var train = new List<int>(nTrain);
        var test = new List<int>(testCount);
        for (int k = 0; k < classes.Length; k++)
        {
            var shuffled = members[k].ToArray();
            Shuffle(shuffled, generator);
            train.AddRange(shuffled[..trainPerClass[k]]);
            test.AddRange(shuffled[trainPerClass[k]..]);
        }
        // Without this last shuffle the parts would be sorted by class (scikit-learn permutes them too).
        var trainArray = train.ToArray();
        var testArray = test.ToArray();
        Shuffle(trainArray, generator);
        Shuffle(testArray, generator);
        return new SplitIndices(trainArray, testArray);
    }

    /// <summary>Splits a list of items; the convenience form of
    /// <see cref="Indices(int, double, ulong, bool)"/>.</summary>
    /// <returns>The training items and the test items. scikit-learn:
    /// <c>X_train, X_test = train_test_split(X)</c>.</returns>
    public static (T[] Train, T[] Test) Split<T>(
        IReadOnlyList<T> items, double testFraction = 0.25, ulong seed = 0, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(items);
        var split = Indices(items.Count, testFraction, seed, shuffle);
        return (SplitIndices.Take(items, split.Train), SplitIndices.Take(items, split.Test));
    }

    /// <summary>
    /// Splits parallel lists of inputs and targets the same way; the convenience form of
    /// <see cref="Indices(int, double, ulong, bool)"/>, or of
    /// <see cref="Stratified{TLabel}(IReadOnlyList{TLabel}, double, ulong)"/> on <paramref name="y"/> when
    /// <paramref name="stratify"/> is set.
    /// </summary>
    /// <returns>scikit-learn's <c>X_train, X_test, y_train, y_test = train_test_split(X, y)</c>.</returns>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static (TX[] XTrain, TX[] XTest, TY[] YTrain, TY[] YTest) Split<TX, TY>(
        IReadOnlyList<TX> x, IReadOnlyList<TY> y,
        double testFraction = 0.25, ulong seed = 0, bool shuffle = true, bool stratify = false)
        where TY : notnull
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"Found input variables with inconsistent numbers of samples: [{x.Count}, " +
                $"{y.Count}].", nameof(y));
        if (stratify && !shuffle)
            throw new ArgumentException("Stratified train/test split is not implemented for shuffle: false (as in " +
                "scikit-learn).", nameof(shuffle));
        var split = stratify ? Stratified(y, testFraction, seed) : Indices(x.Count, testFraction, seed, shuffle);
        return (SplitIndices.Take(x, split.Train), SplitIndices.Take(x, split.Test),
                SplitIndices.Take(y, split.Train), SplitIndices.Take(y, split.Test));
    }

    /// <summary>
    /// Shuffles <paramref name="items"/> in place (Fisher–Yates, Durstenfeld's form): for i = n−1 down to 1, swap
    /// item i with item j = floor(u_i · (i + 1)), u_i ~ U[0, 1) drawn from <paramref name="generator"/>.
    /// </summary>
    /// <remarks>All n − 1 uniforms are drawn in one call (one Philox offset range), as doubles: with 53 random
    /// bits the bias of floor(u · (i + 1)) is below 2⁻²² for any list that fits in memory.</remarks>
    public static void Shuffle<T>(T[] items, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(generator);
        if (items.Length < 2) return;
        var u = new double[items.Length - 1];
        generator.Uniform<double>(u, 0.0, 1.0);
        for (int i = items.Length - 1; i >= 1; i--)
        {
            // min() guards the (theoretical) u rounding up to 1 after scaling.
            int j = Math.Min((int)(u[i - 1] * (i + 1)), i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// scikit-learn's <c>_approximate_mode(class_counts, n_draws)</c>: floor of each class's exact share of
    /// <paramref name="draws"/>, then one extra for the largest remainders until the total is reached
    /// (ties: the class that sorts first).
    /// </summary>
    public static int[] ApproximateMode(int[] counts, int draws)
    {
        long total = counts.Sum(c => (long)c);
        var taken = new int[counts.Length];
        var remainders = new (long Numerator, int Class)[counts.Length];
        for (int k = 0; k < counts.Length; k++)
        {
            // Exact integer arithmetic: share = draws · c_k / total = taken + remainder / total.
            long product = (long)draws * counts[k];
            taken[k] = (int)(product / total);
            remainders[k] = (product % total, k);
        }
        int missing = draws - taken.Sum();
        foreach (var (_, k) in remainders.OrderByDescending(r => r.Numerator).ThenBy(r => r.Class).Take(missing))
            taken[k]++;
        return taken;
    }

    private static int TestCountFromFraction(int n, double testFraction)
    {
        if (!(testFraction > 0.0 && testFraction < 1.0))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                "testFraction must be in (0, 1).");
        // ceil as scikit-learn; the fraction is applied in double, like NumPy's float64.
        return (int)Math.Ceiling(testFraction * n);
    }

    private static void ValidateTestCount(int n, int testCount)
    {
        if (n < 2)
            throw new ArgumentOutOfRangeException(nameof(n), n,
                "Need at least 2 items to make a training and a test part.");
        if (testCount < 1 || testCount > n - 1)
            throw new ArgumentOutOfRangeException(nameof(testCount), testCount,
                $"With n = {n} items the test size must leave at least one item in each part: got {testCount} test " +
                $"and {n - testCount} training items.");
    }
}
