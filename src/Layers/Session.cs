namespace DeepSeq.Layers;

/// <summary>
/// The state Keras keeps in its backend session: the random seed every new layer draws its own seed from, and
/// the counters that give layers unique default names (<c>dense</c>, <c>dense_1</c>, …).
/// </summary>
/// <remarks>
/// <para>Keras: <c>keras.utils.set_random_seed(seed)</c> and <c>keras.backend.clear_session()</c>.</para>
/// <para>The state follows the logical flow of control (an <see cref="AsyncLocal{T}"/>), so two tests or two
/// experiments running at once on different threads do not consume each other's seeds: each layer's seed depends
/// only on the session seed and on how many layers were made before it in the same flow. That is what makes a
/// model reproducible: the same code with the same seed builds the same weights and draws the same dropout
/// masks.</para>
/// <para>Unlike Keras, which draws an unseeded session seed at random, a session that was never seeded uses
/// seed 0: every DeepSeq run is reproducible unless you ask for otherwise.</para>
/// </remarks>
public static class Session
{
    private sealed class State(ulong seed)
    {
        public readonly ulong Seed = seed;
        public ulong LayersSeeded;
        public readonly Dictionary<string, int> NamesUsed = new(StringComparer.Ordinal);
    }

    private static readonly AsyncLocal<State?> Current = new();

    private static State Get() => Current.Value ??= new State(0);

    /// <summary>Starts a fresh session with <paramref name="seed"/>: seeds and name counters restart.</summary>
    public static void SetRandomSeed(ulong seed) => Current.Value = new State(seed);

    /// <summary>Starts a fresh session with the same seed: name counters and layer seeds restart (Keras
    /// <c>clear_session</c>).</summary>
    public static void Clear() => Current.Value = new State(Get().Seed);

    /// <summary>The seed this session was started with.</summary>
    public static ulong Seed => Get().Seed;

    /// <summary>
    /// The next layer's own seed: a SplitMix64 hash of (session seed, layer counter), so consecutive layers get
    /// unrelated Philox keys rather than neighbouring ones.
    /// </summary>
    internal static ulong NextSeed()
    {
        var state = Get();
        ulong counter = Interlocked.Increment(ref state.LayersSeeded);
        return SplitMix64(state.Seed ^ SplitMix64(counter));
    }

    /// <summary>
    /// Keras's unique names: <paramref name="prefix"/> the first time, then <c>prefix_1</c>, <c>prefix_2</c>, …;
    /// or, <paramref name="zeroBased"/> false (Keras's inputs), <c>prefix_1</c>, <c>prefix_2</c>, … from the start.
    /// </summary>
    internal static string UniqueName(string prefix, bool zeroBased = true)
    {
        var names = Get().NamesUsed;
        lock (names)
        {
            int used = names.GetValueOrDefault(prefix);
            names[prefix] = used + 1;
            return zeroBased && used == 0 ? prefix : $"{prefix}_{(zeroBased ? used : used + 1)}";
        }
    }

    /// <summary>Sebastiano Vigna's SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    private static ulong SplitMix64(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
