using DeepSeq.Autograd;
using DeepSeq.Data.Loaders;
using DeepSeq.Layers;

namespace DeepSeq.Samples.RecurrentProjects.TextGeneration;

/// <summary>
/// Generates text from a trained character model one character at a time, carrying the recurrent state: the
/// model's own layers run in inference, except its recurrent layer, which a stateful twin with the same weights
/// replaces. A prompt is read once; each new character is one step (never the whole prefix again).
/// </summary>
/// <remarks>
/// The next character is the argmax of p, or, at temperature T &gt; 0, a draw from softmax(log p / T) ∝ p^(1/T):
/// T = 1 samples p itself, T → 0 tends to the argmax, T &gt; 1 flattens p. Draws come from a seeded
/// <see cref="Generator"/>, so a seed gives one text.
/// </remarks>
public sealed class CharGenerator
{
    private readonly Layer[] _before, _after;
    private readonly RecurrentLayer _stepper;
    private readonly CharVocabulary _vocabulary;

    /// <summary>A generator for <paramref name="model"/>, whose one recurrent layer
    /// <paramref name="statefulTwin"/> replaces (built here with that layer's weights).</summary>
    /// <param name="model">A trained (batch, steps) ids → (batch, steps, V) probabilities model.</param>
    /// <param name="statefulTwin">A new, unbuilt layer configured as the model's recurrent one, with stateful true
    /// and return_sequences true.</param>
    /// <param name="vocabulary">The characters of the model's V outputs.</param>
    public CharGenerator(Sequential model, RecurrentLayer statefulTwin, CharVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(statefulTwin);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (!statefulTwin.Stateful || !statefulTwin.ReturnSequences)
            throw new ArgumentException("char generator: the twin must be stateful and return sequences");
        var layers = model.Layers.ToArray();
        int at = Array.FindIndex(layers, l => l is RecurrentLayer);
        if (at < 0 || layers.Skip(at + 1).Any(l => l is RecurrentLayer))
            throw new ArgumentException($"char generator: {model.Name} must have exactly one recurrent layer");
        var trained = (RecurrentLayer)layers[at];
        int features = trained.Kernel!.Shape[0];
        statefulTwin.Build([new SymbolicShape([1, 1, features])]);
        statefulTwin.SetWeights(trained.GetWeights<float>());
        (_before, _stepper, _after, _vocabulary) = (layers[..at], statefulTwin, layers[(at + 1)..], vocabulary);
    }

    /// <summary>Forgets the state: the next <see cref="Read"/> starts a new text.</summary>
    public void Reset() => _stepper.ResetStates();

    /// <summary>Reads <paramref name="text"/> one character at a time from the current state and returns p of the
    /// character after it (V probabilities). Throws naming the position of a character outside the
    /// vocabulary.</summary>
    public float[] Read(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        float[] p = [];
        foreach (int code in _vocabulary.Encode(text)) p = Step(code);
        return p;
    }

    /// <summary>The probabilities of the next character after one step on <paramref name="code"/>.</summary>
    private float[] Step(int code)
    {
        using var _ = GradMode.NoGrad();
        var x = new Variable<float>(Tensor.FromArray(new float[] { code }, new Shape(1, 1)));
        foreach (var layer in _before) x = layer.Call(x);
        x = _stepper.Call(x);
        foreach (var layer in _after) x = layer.Call(x);
        return x.Data.ToArray();
    }

    /// <summary>
    /// <paramref name="prompt"/> followed by <paramref name="count"/> generated characters (state reset first):
    /// argmax when <paramref name="temperature"/> is 0, else temperature sampling seeded by
    /// <paramref name="seed"/>.
    /// </summary>
    public string Generate(string prompt, int count, double temperature, ulong seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Reset();
        var p = Read(prompt);
        var generator = new Generator(seed);
        var text = new System.Text.StringBuilder(prompt, prompt.Length + count);
        for (int i = 0; i < count; i++)
        {
            int next = Choose(p, temperature, generator);
            text.Append(_vocabulary.Chars[next]);
            if (i + 1 < count) p = Step(next);
        }
        return text.ToString();
    }

    /// <summary>The argmax of <paramref name="p"/> (T = 0), or a draw from softmax(log p / T).</summary>
    public static int Choose(ReadOnlySpan<float> p, double temperature, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (p.IsEmpty) throw new ArgumentException("char generator: no probabilities");
        if (!(temperature >= 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "must be finite and ≥ 0");
        int best = 0;
        for (int i = 1; i < p.Length; i++)
            if (p[i] > p[best]) best = i;
        if (temperature == 0) return best;
        // softmax(log p / T), shifted by the largest logit (the best p) so the exponentials cannot overflow.
        var weights = new double[p.Length];
        double maxLog = Math.Log(p[best]), total = 0;
        for (int i = 0; i < p.Length; i++)
            total += weights[i] = p[i] > 0 ? Math.Exp((Math.Log(p[i]) - maxLog) / temperature) : 0;
        Span<double> u = stackalloc double[1];
        generator.Uniform(u, 0.0, total);
        for (int i = 0; i < p.Length; i++)
            if ((u[0] -= weights[i]) < 0) return i;
        return best;   // u landed on the rounding error at the top
    }
}
