namespace DeepSeq.Tests.Layers.Training;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>Small seeded data sets for the learning tests, drawn with DeepSeq's own <see cref="Generator"/>.</summary>
public static class TrainingData
{
    /// <summary>
    /// scikit-learn's <c>make_moons</c>: two interleaving half circles — class 0 on (cos t, sin t), class 1 on
    /// (1 − cos t, ½ − sin t), t ~ U(0, π) — plus Gaussian noise of <paramref name="noise"/>. Not linearly separable.
    /// </summary>
    public static (Tensor<float> X, Tensor<float> Y) TwoMoons(int count, ulong seed, double noise = 0.1)
    {
        var generator = new Generator(seed);
        var t = new double[count];
        var jitter = new double[2 * count];
        generator.Uniform<double>(t, 0, Math.PI);
        generator.Normal<double>(jitter, 0, noise);
        var x = new float[count, 2];
        var y = new float[count, 1];
        for (int i = 0; i < count; i++)
        {
            bool upper = i % 2 == 0;
            x[i, 0] = (float)((upper ? Math.Cos(t[i]) : 1 - Math.Cos(t[i])) + jitter[2 * i]);
            x[i, 1] = (float)((upper ? Math.Sin(t[i]) : 0.5 - Math.Sin(t[i])) + jitter[2 * i + 1]);
            y[i, 0] = upper ? 0 : 1;
        }
        return (Tensor.FromArray<float>(x), Tensor.FromArray<float>(y));
    }

    /// <summary><paramref name="count"/> rows of <paramref name="features"/> features uniform in [−1.5, 1.5].</summary>
    public static Tensor<float> Uniform(int count, int features, ulong seed)
    {
        var values = new float[count * features];
        new Generator(seed).Uniform<float>(values, -1.5f, 1.5f);
        return Tensor.FromArray<float>(values, [count, features]);
    }

    /// <summary>f applied to each row of <paramref name="x"/>: a (count, 1) target.</summary>
    public static Tensor<float> Target(Tensor<float> x, Func<float[], double> f)
    {
        int count = x.Shape[0], features = x.Shape[1];
        var values = x.ToArray();
        var y = new float[count];
        for (int i = 0; i < count; i++) y[i] = (float)f(values.AsSpan(i * features, features).ToArray());
        return Tensor.FromArray<float>(y, [count, 1]);
    }

    /// <summary>The fraction of rows whose probability in <paramref name="p"/> falls on the side of 0.5 its label in <paramref name="y"/> is on.</summary>
    public static double Accuracy(Tensor<float> p, Tensor<float> y)
        => p.ToArray().Zip(y.ToArray()).Count(z => (z.First > 0.5f) == (z.Second > 0.5f)) / (double)y.Shape[0];
}
