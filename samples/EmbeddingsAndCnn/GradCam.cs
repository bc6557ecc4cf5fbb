using System.Globalization;
using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmbeddingsAndCnn;

/// <summary>
/// D4, Grad-CAM (Selvaraju et al., 2017) on D3's network for the first ten training images: which pixels made the
/// network pick its class.
/// </summary>
/// <remarks>
/// For an image with last-conv activation A (7 × 7 × 64, after its relu) and predicted class ĉ, the score is the
/// softmax probability p_ĉ and the autograd gives ∂p_ĉ/∂A (up to a positive factor per image, through a score that
/// does not lose it to rounding: <see cref="ProbabilityScore"/>). Each channel k is weighted by its mean gradient
/// α_k = mean_ij ∂p_ĉ/∂A_ijk; the map is relu(mean_k α_k · A_ijk), divided by its maximum + 1e-10 and resized
/// bilinearly to 28 × 28. The overlay adds 0.4 × the map in the jet colours to the image and rescales the sum to
/// [0, 1], as Keras's Grad-CAM recipe (<c>jet_heatmap * 0.4 + img</c>, then <c>array_to_img</c>) does. One PNG per
/// image: image, heatmap, overlay side by side.
/// </remarks>
public sealed class GradCam : Experiment
{
    /// <inheritdoc/>
    public override string Id => "D4";

    /// <inheritdoc/>
    public override string Title => "Grad-CAM of D3's network for the first 10 training images: gradient of the " +
                                    "predicted class's probability w.r.t. the last conv output (7×7×64)";

    /// <inheritdoc/>
    public override string Reference => "heatmaps sit on the strokes of the digit";

    private const int Images = 10;

    /// <summary>A pixel counts as stroke when its value (in [0, 1]) exceeds this.</summary>
    public const float StrokeLevel = 0.25f;

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var data = MnistCnn.Data(context);
        output.WriteLine(data.Origin.Description);
        var model = TrainedNetwork(context, data);
        var images = MnistData.AsImages(data.TrainImages.Narrow(0, 0, Images));
        var (heat, predicted) = Explain(model, images);

        float[] pixels = images.ToArray(), maps = heat.ToArray();
        var table = new TextTable("image", "label", "predicted", "heat on strokes", "stroke pixels", "png");
        double onStrokes = 0, strokeArea = 0;
        for (int i = 0; i < Images; i++)
        {
            var image = pixels[(i * MnistData.Pixels)..((i + 1) * MnistData.Pixels)];
            var map = maps[(i * MnistData.Pixels)..((i + 1) * MnistData.Pixels)];
            var (heatShare, areaShare) = StrokeShares(image, map);
            onStrokes += heatShare / Images;
            strokeArea += areaShare / Images;
            string png = SavePanels(context.OutPath($"{Id}_gradcam_{i}.png"), image, map, data.TrainLabels[i],
                predicted[i]);
            table.Add(i.ToString(CultureInfo.InvariantCulture), data.TrainLabels[i].ToString(CultureInfo.InvariantCulture),
                predicted[i].ToString(CultureInfo.InvariantCulture), P(heatShare), P(areaShare), Path.GetFileName(png));
        }
        table.Write(output);
        output.WriteLine($"On average {P(onStrokes)} of the heat lies on stroke pixels (value > {StrokeLevel}), " +
                         $"which cover {P(strokeArea)} of an image: the heat sits on the strokes when the first is " +
                         "well above the second. PNGs in " + context.OutDir);
        return new ExperimentResult(data.Origin, new Dictionary<string, double>
        {
            ["heat_on_strokes"] = onStrokes,
            ["stroke_area"] = strokeArea,
            ["correct"] = Enumerable.Range(0, Images).Count(i => predicted[i] == data.TrainLabels[i]),
        }, 0);
    }

    /// <summary>
    /// The Grad-CAM maps of <paramref name="images"/> (n, 28, 28, 1) under <paramref name="model"/> (D3's network):
    /// (n, 28, 28, 1) in [0, 1], and the predicted classes.
    /// </summary>
    /// <remarks>Grad-CAM needs one layer's activation, so the stack runs layer by layer here and keeps that
    /// activation's gradient (<see cref="Variable{T}.RetainGrad"/>). One backward pass serves the whole batch: image
    /// b's score depends on image b's activations only, so ∂(Σ_b p_b)/∂A_b = ∂p_b/∂A_b.</remarks>
    public static (Tensor<float> Heat, int[] Predicted) Explain(Sequential model, Tensor<float> images)
    {
        ArgumentNullException.ThrowIfNull(model);
        var v = new Variable<float>(images);
        Variable<float>? activation = null;
        foreach (var layer in model.Layers)
        {
            v = layer.Call(v);
            if (layer.Name == MnistCnn.LastConvName) activation = v.RetainGrad();
        }
        if (activation is null)
            throw new ArgumentException($"grad-cam: the model has no layer named '{MnistCnn.LastConvName}'");
        int[] predicted = v.Data.ArgMax(1).ToArray();
        ProbabilityScore(v, predicted).Backward();

        var a = activation.Data;
        var alpha = activation.Grad!.Mean([1, 2], keepDims: true);                 // (n, 1, 1, k)
        var cam = (a * alpha).Mean(3, keepDims: true).Relu();                         // (n, 7, 7, 1)
        cam /= cam.Max([1, 2, 3], keepDims: true) + 1e-10f;
        foreach (var w in model.TrainableWeights) w.Variable<float>().ZeroGrad();   // nothing left for a later fit
        return (cam.ResizeBilinear(images.Shape[1], images.Shape[2]), predicted);
    }

    /// <summary>
    /// A scalar whose gradient with respect to anything before the softmax is, image by image, a positive multiple of
    /// ∂p_ĉ/∂A: S = Σ_b (z_ĉ − Σ_j≠ĉ q_j · z_j), the predicted logit minus the mean of the others weighted by
    /// q_j = p_j / Σ_k≠ĉ p_k (a softmax over the other logits, held constant).
    /// </summary>
    /// <remarks>
    /// The softmax derivative written without its cancelling terms is ∂p_ĉ/∂A = p_ĉ · Σ_j≠ĉ p_j · ∂(z_ĉ − z_j)/∂A
    /// = p_ĉ (1 − p_ĉ) · ∂S/∂A. Differentiating p_ĉ itself computes 1 − p_ĉ, which is exactly 0 in float32 once the
    /// network is confident (p_ĉ rounds to 1 when its logit leads by about 17), and the whole product is then far
    /// below the 1e-10 added to the maximum: every map would come out empty. S keeps the direction at a size the
    /// recipe's 1e-10 does not disturb, and the factor p_ĉ (1 − p_ĉ) > 0 it leaves out, one number per image,
    /// cancels in the division by the map's maximum: the maps are those of the probability score.
    /// </remarks>
    private static Variable<float> ProbabilityScore(Variable<float> probabilities, int[] predicted)
    {
        var z = probabilities.Logits
                ?? throw new ArgumentException("grad-cam: the model's output is not a softmax (it carries no logits)");
        var chosen = Vectorize.OneHot(predicted, z.Shape[1]);
        var q = (z.Data - chosen * 1e30f).Softmax(-1);                                     // 0 at ĉ
        var zChosen = (z * new Variable<float>(chosen)).Sum(1);
        return (zChosen - (z * new Variable<float>(q)).Sum(1)).Sum();
    }

    /// <summary>D3's network from this run, or from D3's weights file, or (say so) trained briefly here.</summary>
    private static Sequential TrainedNetwork(ExperimentContext context, MnistData data)
    {
        var output = context.Output;
        string weights = context.OutPath(MnistCnn.WeightsFile);
        return context.Shared(MnistCnn.SharedModelKey, () =>
        {
            Session.SetRandomSeed((ulong)context.Seed);
            var model = MnistCnn.Build();
            model.ProgressOutput = output;
            if (File.Exists(weights))
            {
                model.LoadWeights(weights);
                output.WriteLine($"D3's trained network from {weights}");
                return model;
            }
            int epochs = context.Epochs(2, 1);
            output.WriteLine($"No D3 network in this run and no {weights}: training one for {epochs} epoch(s) " +
                             "here (run D3 first for the 15-epoch one)");
            model.Fit(MnistData.AsImages(data.TrainImages), Vectorize.OneHot(data.TrainLabels, 10),
                batchSize: MnistCnn.BatchSize, epochs: epochs, verbose: 2);
            return model;
        });
    }

    /// <summary>The share of the map's mass on stroke pixels, and the share of the image the strokes cover.</summary>
    private static (double Heat, double Area) StrokeShares(float[] image, float[] map)
    {
        double total = map.Sum(), onStrokes = 0;
        int strokes = 0;
        for (int p = 0; p < image.Length; p++)
            if (image[p] > StrokeLevel) { onStrokes += map[p]; strokes++; }
        return (total > 0 ? onStrokes / total : 0, (double)strokes / image.Length);
    }

    private static string SavePanels(string path, float[] image, float[] map, int label, int predicted)
    {
        var jet = new float[3 * map.Length];
        var overlay = new float[3 * map.Length];
        for (int p = 0; p < map.Length; p++)
        {
            var (r, g, b) = ImagePanels.Jet(map[p]);
            (jet[3 * p], jet[3 * p + 1], jet[3 * p + 2]) = (r, g, b);
            (overlay[3 * p], overlay[3 * p + 1], overlay[3 * p + 2]) =
                (0.4f * r + image[p], 0.4f * g + image[p], 0.4f * b + image[p]);
        }
        float top = Math.Max(overlay.Max(), 1e-10f);                                   // array_to_img's rescale
        for (int p = 0; p < overlay.Length; p++) overlay[p] /= top;
        int side = MnistData.Side;
        return ImagePanels.Save(path,
        [
            new ImagePanels.Panel($"label {label}", image, side, side),
            new ImagePanels.Panel($"Grad-CAM ({predicted})", jet, side, side, Rgb: true),
            new ImagePanels.Panel("overlay", overlay, side, side, Rgb: true),
        ], columns: 3, scale: 6);
    }

    private static string P(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
}
