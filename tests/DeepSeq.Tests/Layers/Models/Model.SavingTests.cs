using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <c>SaveWeights</c>/<c>LoadWeights</c> at the model level: a trained model comes back bit for bit; a file that
/// does not fit is refused with every problem named and leaves the model as it was; a failed save leaves neither
/// half a file nor a temporary one, and an older file stays intact.
/// </summary>
public sealed class ModelSavingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-saving-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Tensor<float> X = Tensor.FromArray<float>(new float[,] { { 0.5f, -1, 2, 0.25f }, { 1, 1, -1, 0 }, { -2, 0.5f, 0, 1 } });

    private static Sequential Mlp(int hidden, int layers = 2)
    {
        var stack = new List<Layer> { new InputLayer([4]) };
        for (int i = 0; i < layers - 1; i++) stack.Add(new Dense(hidden, "relu"));
        stack.Add(new Dense(1, "sigmoid"));
        return new Sequential([.. stack], null);
    }

    private static int[] Bits(Tensor<float> t) => t.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void A_trained_model_saved_and_loaded_into_a_fresh_one_predicts_bit_for_bit()
    {
        Session.SetRandomSeed(1);
        var trained = Mlp(8);
        trained.Compile(new Adam(0.01), "binary_crossentropy");
        trained.Fit(X, Tensor.FromArray<float>(new float[,] { { 1 }, { 0 }, { 1 } }), epochs: 3, verbose: 0);
        string path = Path.Combine(_dir, "trained.safetensors");
        trained.SaveWeights(path);

        Session.SetRandomSeed(2);
        var fresh = Mlp(8);
        Assert.NotEqual(Bits(trained.Predict(X)), Bits(fresh.Predict(X)));
        fresh.LoadWeights(path);
        Assert.Equal(Bits(trained.Predict(X)), Bits(fresh.Predict(X)));
        Assert.Equal(Directory.GetFiles(_dir).Select(Path.GetFileName), ["trained.safetensors"]);
    }

    [Fact]
    public void A_float64_model_round_trips_too()
    {
        Session.SetRandomSeed(3);
        var input = new Input([4], dtype: typeof(double));
        var model = new Model(input, new Dense(2, "tanh").Call(input));
        string path = Path.Combine(_dir, "f64.safetensors");
        model.SaveWeights(path);
        var x = X.Cast<double>();
        var expected = model.Predict(x).ToArray();
        Session.SetRandomSeed(4);
        var input2 = new Input([4], dtype: typeof(double));
        var fresh = new Model(input2, new Dense(2, "tanh").Call(input2));
        fresh.LoadWeights(path);
        Assert.Equal(expected, fresh.Predict(x).ToArray());
    }

    [Fact]
    public void A_weight_of_another_shape_is_named_with_both_shapes_and_nothing_changes()
    {
        Session.SetRandomSeed(5);
        string path = Path.Combine(_dir, "wide.safetensors");
        Mlp(16).SaveWeights(path);

        Session.SetRandomSeed(6);
        var narrow = Mlp(8);
        var before = Bits(narrow.Predict(X));
        var e = Assert.Throws<InvalidDataException>(() => narrow.LoadWeights(path));
        Assert.Contains("dense/kernel", e.Message);
        Assert.Contains("(4,16)", e.Message);
        Assert.Contains("(4,8)", e.Message);
        Assert.Contains("dense_1/kernel", e.Message);   // every problem is listed, not only the first
        Assert.Contains("nothing was loaded", e.Message);
        Assert.Equal(before, Bits(narrow.Predict(X)));
    }

    [Fact]
    public void Missing_and_unexpected_weights_are_named()
    {
        Session.SetRandomSeed(7);
        string two = Path.Combine(_dir, "two.safetensors");
        Mlp(8, layers: 2).SaveWeights(two);

        Session.SetRandomSeed(8);
        var deeper = Mlp(8, layers: 3);
        var missing = Assert.Throws<InvalidDataException>(() => deeper.LoadWeights(two));
        Assert.Contains("missing dense_2/kernel", missing.Message);
        Assert.Contains("missing dense_2/bias", missing.Message);

        Session.SetRandomSeed(9);
        string three = Path.Combine(_dir, "three.safetensors");
        Mlp(8, layers: 3).SaveWeights(three);
        Session.SetRandomSeed(10);
        var shallow = Mlp(8, layers: 2);
        var before = Bits(shallow.Predict(X));
        var unexpected = Assert.Throws<InvalidDataException>(() => shallow.LoadWeights(three));
        Assert.Contains("unexpected dense_2/kernel", unexpected.Message);
        Assert.Equal(before, Bits(shallow.Predict(X)));
    }

    [Fact]
    public void A_save_into_a_missing_folder_fails_and_creates_nothing()
    {
        Session.SetRandomSeed(11);
        string path = Path.Combine(_dir, "no-such-folder", "w.safetensors");
        Assert.ThrowsAny<IOException>(() => Mlp(4).SaveWeights(path));
        Assert.False(Directory.Exists(Path.Combine(_dir, "no-such-folder")));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_save_that_fails_after_writing_removes_its_temporary_file()
    {
        // The target is a folder: the whole file is written to the temporary file, then the final rename fails.
        Session.SetRandomSeed(12);
        string target = Path.Combine(_dir, "occupied");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "untouched");
        Assert.ThrowsAny<IOException>(() => Mlp(4).SaveWeights(target));
        Assert.Equal(["occupied"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
        Assert.Equal("untouched", File.ReadAllText(Path.Combine(target, "keep.txt")));
    }

    [Fact]
    public void A_refused_save_leaves_the_previous_file_byte_for_byte()
    {
        Session.SetRandomSeed(13);
        string path = Path.Combine(_dir, "w.safetensors");
        Mlp(4).SaveWeights(path);
        byte[] old = File.ReadAllBytes(path);
        // A nested model's layer named like an outer one: their weights would collide in the file, so the save is refused.
        var inner = new Sequential([new InputLayer([4]), new Dense(3, name: "same")], "inner");
        var clash = new Sequential(new InputLayer([4]), inner, new Dense(1, name: "same"));
        var e = Assert.Throws<InvalidOperationException>(() => clash.SaveWeights(path));
        Assert.Contains("same/kernel", e.Message);
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal(["w.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Saving_an_unbuilt_model_says_it_has_no_weights_yet()
    {
        Session.SetRandomSeed(14);
        var e = Assert.Throws<InvalidOperationException>(() => new Sequential(new Dense(1)).SaveWeights(Path.Combine(_dir, "x.safetensors")));
        Assert.Contains("no weights yet", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    /// <summary>Issue 15: a diverged model's weights replaced a good file. SaveWeights refuses a weight holding NaN or
    /// ±∞, naming it, and writes nothing; allowNonFinite saves it anyway, bit for bit.</summary>
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void SaveWeightsRefusesNonFiniteWeightsAndKeepsTheOldFile(float bad)
    {
        string path = Path.Combine(_dir, "good.safetensors");
        Session.SetRandomSeed(21);   // resets the layer-name counters too, so a second Mlp names its weights alike
        var model = Mlp(8);
        model.SaveWeights(path);
        byte[] good = File.ReadAllBytes(path);
        var bias = model.Weights.Single(w => w.Path.EndsWith("/bias", StringComparison.Ordinal) && w.Size == 8);
        bias.Assign(Tensor.Full(bias.Shape, bad));

        var e = Assert.Throws<InvalidOperationException>(() => model.SaveWeights(path));
        Assert.Contains($"{bias.Path} holds NaN or infinity; {path} was not written", e.Message);
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));

        model.SaveWeights(path, allowNonFinite: true);
        Session.SetRandomSeed(22);
        var loaded = Mlp(8);
        loaded.LoadWeights(path);
        Assert.Equal(Bits(bias.Variable<float>().Data),
            Bits(loaded.Weights.Single(w => w.Path == bias.Path).Variable<float>().Data));
    }
}
