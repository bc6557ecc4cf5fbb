using DeepSeq.Layers.Saving;

namespace DeepSeq.Layers;

/// <summary>Saving and loading weights in the safetensors format (Keras
/// <c>save_weights</c>/<c>load_weights</c>).</summary>
public partial class Model
{
    /// <summary>
    /// Writes every weight to <paramref name="path"/> as a safetensors file, each under its <see cref="Weight.Path"/>
    /// (<c>dense/kernel</c>, …), so PyTorch and Hugging Face tools can read it. The file is written atomically: a
    /// crash leaves the previous file or nothing, never half a file.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="allowNonFinite">Default <c>false</c>: a weight holding NaN or ±∞ is refused with an
    /// <see cref="InvalidOperationException"/> naming it, and nothing is written, so a diverged model never replaces
    /// a good file. <c>true</c> saves it anyway (to inspect a diverged model).</param>
    public void SaveWeights(string path, bool allowNonFinite = false)
    {
        var weights = RequireWeights("save weights");
        if (!allowNonFinite)
            foreach (var w in weights)
                if (w.DType == typeof(float) ? !AllFinite(w.Variable<float>().Data) : !AllFinite(w.Variable<double>().Data))
                    throw new InvalidOperationException(
                        $"{Name}: save weights: {w.Path} holds NaN or infinity; {path} was not written (pass " +
                        "allowNonFinite: true to save it anyway)");
        var tensors = weights.Select(w => w.DType == typeof(float)
            ? SafeTensor.From(w.Path, w.Variable<float>().Data)
            : SafeTensor.From(w.Path, w.Variable<double>().Data));
        var metadata = new Dictionary<string, string> { ["format"] = "deepseq", ["model"] = Name };
        SafeTensorsFile.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Loads weights saved by <see cref="SaveWeights"/> (or any safetensors file with the same names). Every name,
    /// shape and dtype is checked before anything changes: on a mismatch the exception lists each problem and the
    /// model keeps its weights.
    /// </summary>
    public void LoadWeights(string path)
    {
        var weights = RequireWeights("load weights");
        var contents = SafeTensorsFile.Read(path);
        var problems = new List<string>();
        foreach (var weight in weights)
        {
            if (!contents.TryGet(weight.Path, out var saved))
                problems.Add($"missing {weight.Path} ({Weight.DTypeName(weight.DType)}{weight.Shape})");
            else if (saved.Shape != weight.Shape)
                problems.Add($"{weight.Path}: the file has shape {saved.Shape}, the model {weight.Shape}");
            else if (saved.DType.ElementType != weight.DType)
                problems.Add(
                    $"{weight.Path}: the file has dtype {saved.DType}, the model {Weight.DTypeName(weight.DType)}");
        }
        var expected = weights.Select(w => w.Path).ToHashSet();
        problems.AddRange(contents.Tensors.Where(t => !expected.Contains(t.Name)).Select(t =>
            $"unexpected {t.Name} {t.DType}{t.Shape} (no such weight in the model)"));
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"{path}: the weights do not fit model '{Name}'; " +
                $"nothing was loaded:\n  {string.Join("\n  ", problems)}");

        // Decode everything first, then assign: nothing below can fail half way.
        var values = weights.Select(w => (w, w.DType == typeof(float)
            ? (object)contents[w.Path].ToTensor<float>(Device)
            : contents[w.Path].ToTensor<double>(Device))).ToArray();
        new WeightSnapshot(values).Restore();
    }

    // x · 0 sums to 0 exactly when every element is finite (NaN·0 and ∞·0 are NaN).
    private static bool AllFinite<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => T.IsFinite((x * T.Zero).Sum().Item());

    private IReadOnlyList<Weight> RequireWeights(string what)
    {
        if (!IsDefined)
            throw new InvalidOperationException(
                $"{Name}: {what}: the model has no weights yet; build " +
                $"it (give it an input shape or call it on data) first");
        var weights = Weights;
        var duplicate = weights.GroupBy(w => w.Path).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"{Name}: {what}: two weights are both named '{duplicate.Key}'; give the layers distinct names");
        return weights;
    }
}
