using System.Diagnostics;
using System.Globalization;
using DeepSeq.Samples.EmojiSuggestions.Baselines;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmojiSuggestions.Classical;

/// <summary>
/// C1: the book's classical baselines on the TF-IDF rows (<see cref="TfidfFeatures"/>): the majority class,
/// multinomial naive Bayes, a linear SVM trained by SGD, a random forest and the RBF-kernel SVC, each scored by
/// micro precision on the 13,200 test tweets (for one label per tweet, micro precision is the accuracy).
/// </summary>
/// <remarks>The RBF SVC keeps a Gram matrix of its training rows (<see cref="RbfSvc"/>), so it is fitted on the first
/// <see cref="SvcRows"/> training rows (the split is shuffled, so they are a random subsample) and said so; the
/// others use all 26,800. A <c>--quick</c> run grows 10 trees and fits the SVC on 300 rows.
/// <para>Two more rows run the forest and the SVC with the defaults of scikit-learn 0.19, the version of the
/// book's notebooks: <c>n_estimators=10</c> and <c>gamma='auto'</c> (1 / features). With γ that small every kernel
/// value is ≈ 1 and the SVC can hardly tell tweets apart, which is why the book's SVC (0.219) is no better than its
/// majority class (0.216).</para></remarks>
public sealed class ClassicalBaselines : Experiment
{
    /// <summary>The training rows the RBF SVC is fitted on in a full run.</summary>
    public const int SvcRows = 6_000;

    /// <summary>The trees of scikit-learn 0.19's forest (its default <c>n_estimators</c>, the book's).</summary>
    public const int BookTrees = 10;

    /// <inheritdoc/>
    public override string Id => "C1";

    /// <inheritdoc/>
    public override string Title => "TF-IDF (50,000 words), 33 % test: majority, naive Bayes, SGD, random forest, SVC";

    /// <inheritdoc/>
    public override string Reference => "NB 0.280; majority class 0.216; nb: SGD 0.324, SVC 0.219, random forest 0.282";

    /// <summary>One row of the table: the model, what scikit-learn runs, the metric's name, the book's figure and how
    /// to make the model.</summary>
    private sealed record Baseline(string Name, string Settings, string Metric, double Reference,
        Func<IClassifier> Create, int? TrainRows = null);

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var features = TfidfFeatures.Load(context);
        PrintData(context, features);

        int trees = context.Size(100, 10), svcRows = Math.Min(features.XTrain.Rows, context.Size(SvcRows, 300));
        SgdClassifier? sgd = null;
        Baseline[] baselines =
        [
            new("majority class", "DummyClassifier(strategy='most_frequent')", "majority", 0.216,
                () => new MajorityClass()),
            new("naive Bayes", "MultinomialNB(alpha=1.0)", "naive_bayes", 0.280,
                () => TfidfFeatures.NaiveBayes(context, features)),
            new("linear SVM (SGD)", "SGDClassifier(hinge, l2, alpha=1e-4, optimal, max_iter=1000, tol=1e-3), OvR",
                "sgd", 0.324, () => sgd = new SgdClassifier(context.Seed)),
            new("random forest", $"RandomForestClassifier({trees} trees, gini, max_features=sqrt, bootstrap, " +
                                 "to purity)", "random_forest", 0.282, () => new RandomForest(context.Seed, trees)),
            new("RBF SVC", $"SVC(rbf, C=1, gamma='scale'), OvO; fitted on {svcRows:N0} of " +
                           $"{features.XTrain.Rows:N0} training rows", "svc", 0.219, () => new RbfSvc(), svcRows),
            // The book ran scikit-learn 0.19, whose defaults were 10 trees and gamma='auto' (1 / features): the same
            // models with those, to explain its figures.
            new("random forest, 0.19 defaults", "RandomForestClassifier(10 trees, otherwise as above)",
                "random_forest_10_trees", 0.282, () => new RandomForest(context.Seed, BookTrees)),
            new("RBF SVC, 0.19 defaults", $"SVC(rbf, C=1, gamma='auto' = 1/{features.XTrain.Columns:N0}), same " +
                                          $"{svcRows:N0} rows", "svc_gamma_auto", 0.219,
                () => new RbfSvc(gamma: RbfSvc.AutoGamma(features.XTrain.Columns)), svcRows),
        ];

        var table = new TextTable("model", "scikit-learn", "ours", "reference", "seconds");
        var metrics = new Dictionary<string, double>();
        foreach (var baseline in baselines)
        {
            var clock = Stopwatch.StartNew();
            var model = baseline.Create();
            if (model is not MultinomialNaiveBayes)   // the shared naive Bayes arrives fitted
            {
                int rows = baseline.TrainRows ?? features.XTrain.Rows;
                var x = rows == features.XTrain.Rows
                    ? features.XTrain
                    : features.XTrain.SelectRows([.. Enumerable.Range(0, rows)]);
                model.Fit(x, features.YTrain[..rows], features.Classes);
            }
            double precision = MicroPrecision(model.Predict(features.XTest), features.YTest);
            double seconds = clock.Elapsed.TotalSeconds;
            context.Output.WriteLine($"{baseline.Name}: micro precision {precision:F4} ({seconds:F1} s)");
            table.Add(baseline.Name, baseline.Settings, F(precision), F(baseline.Reference), seconds.ToString("F1",
                CultureInfo.InvariantCulture));
            metrics[baseline.Metric] = precision;
            metrics[$"{baseline.Metric}_seconds"] = Math.Round(seconds, 1);
        }
        metrics["svc_train_rows"] = svcRows;
        context.Output.WriteLine();
        table.Write(context.Output);
        context.Output.WriteLine($"SGD epochs per class (n_iter_): {string.Join(", ", sgd!.Epochs)}");
        return new ExperimentResult(features.Tweets.Origin, metrics, sgd.Epochs.Max());
    }

    /// <summary>Micro-averaged precision over all classes: correct predictions / predictions, which for one label
    /// per row is the accuracy. scikit-learn: <c>precision_score(average='micro')</c>.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length or are empty.</exception>
    public static double MicroPrecision(IReadOnlyList<int> predicted, IReadOnlyList<int> truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count || truth.Count == 0)
            throw new ArgumentException($"MicroPrecision: {predicted.Count} predictions for {truth.Count} labels");
        return (double)predicted.Where((p, i) => p == truth[i]).Count() / truth.Count;
    }

    /// <summary>The label counts and the head of the data, as the book prints them.</summary>
    private static void PrintData(ExperimentContext context, TfidfFeatures features)
    {
        var tweets = features.Tweets;
        context.Output.WriteLine("label counts: " + string.Join(", ",
            tweets.ClassCounts().Select(c => $"{c.Class} {c.Count:N0}")));
        var head = new TextTable("label", "tweet");
        for (int i = 0; i < Math.Min(5, tweets.Count); i++)
        {
            string text = tweets.Texts[i].ReplaceLineEndings(" ");
            head.Add(tweets.Classes[tweets.Labels[i]], text.Length > 90 ? text[..87] + "..." : text);
        }
        head.Write(context.Output);
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
