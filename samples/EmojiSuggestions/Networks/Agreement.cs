using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// C8, where the three networks agree: for the first 100 test tweets, the true class and the predictions of the
/// character CNN (C3), the word CNN (C5) and the LSTM (C7); 25 rows are printed, all 100 written to
/// <c>C8_agreement.tsv</c> in the output folder. The models are those of C3, C5 and C7 of this run, trained if they
/// were not yet.
/// </summary>
public sealed class Agreement : Experiment
{
    /// <summary>The test tweets compared.</summary>
    public const int Tweets = 100;

    /// <summary>The rows printed.</summary>
    public const int Shown = 25;

    /// <inheritdoc/>
    public override string Id => "C8";

    /// <inheritdoc/>
    public override string Title => "Agreement table: the first 100 test tweets, true class vs char CNN, word CNN, " +
                                    "LSTM (25 rows shown)";

    /// <inheritdoc/>
    public override string Reference => "a readable table";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = NetworkData.Load(context);
        TrainedNetwork[] models = [CharCnn.Trained(context), WordCnn.Trained(context), WordLstm.Trained(context)];
        int n = Math.Min(Tweets, data.Test.Length);
        var classes = data.Tweets.Classes;
        var table = new TextTable("text", "true", "char_cnn", "cnn", "lstm");
        var lines = new List<string> { "text\ttrue\tchar_cnn\tcnn\tlstm" };
        int allAgree = 0;
        int[] right = new int[models.Length];
        for (int i = 0; i < n; i++)
        {
            int tweet = data.Test[i], truth = data.Tweets.Labels[tweet];
            int[] predicted = [.. models.Select(m => m.TestPredictions[i])];
            if (predicted.Distinct().Count() == 1) allAgree++;
            for (int m = 0; m < models.Length; m++) right[m] += predicted[m] == truth ? 1 : 0;
            string text = data.Tweets.Texts[tweet].ReplaceLineEndings(" ").Replace('\t', ' ');
            string[] row = [text, classes[truth], .. predicted.Select(p => classes[p])];
            lines.Add(string.Join('\t', row));
            if (i < Shown) table.Add([text.Length > 60 ? text[..57] + "..." : text, .. row[1..]]);
        }
        table.Write(context.Output);
        string path = context.OutPath("C8_agreement.tsv");
        File.WriteAllLines(path, lines);
        context.Output.WriteLine($"all three agree on {allAgree} of {n}; right: char_cnn {right[0]}, cnn " +
                                 $"{right[1]}, lstm {right[2]}; table: {path}");
        var metrics = new Dictionary<string, double>
        {
            ["tweets"] = n,
            ["all_agree"] = allAgree,
            ["char_cnn_right"] = right[0],
            ["cnn_right"] = right[1],
            ["lstm_right"] = right[2],
        };
        return new ExperimentResult(data.Tweets.Origin, metrics, 0);
    }
}
