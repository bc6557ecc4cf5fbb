using DeepSeq.Samples.Results;
using Xunit;

namespace DeepSeq.Tests.Samples.Common.Results;

/// <summary>The confusion matrix and per-class figures of a small case worked by hand, zero division as
/// scikit-learn's zero_division=0, and the errors.</summary>
public sealed class ClassificationReportTests
{
    [Fact]
    public void FiguresAreTheOnesWorkedByHand()
    {
        // true:      0 0 0 1 1 2
        // predicted: 0 1 1 1 1 1   → class 0: P 1/1, R 1/3; class 1: P 2/5, R 2/2; class 2: never predicted.
        var report = ClassificationReport.Of([0, 0, 0, 1, 1, 2], [0, 1, 1, 1, 1, 1], ["a", "b", "c"]);
        Assert.Equal(new[,] { { 1, 2, 0 }, { 0, 2, 0 }, { 0, 1, 0 } }, report.Counts);
        Assert.Equal([1.0, 0.4, 0.0], report.Precision);
        Assert.Equal([1 / 3.0, 1.0, 0.0], report.Recall);
        Assert.Equal(0.5, report.F1[0], 12);
        Assert.Equal(2 * 0.4 / 1.4, report.F1[1], 12);
        Assert.Equal(0.0, report.F1[2]);
        Assert.Equal([3, 2, 1], report.Support);
        Assert.Equal(0.5, report.Accuracy, 12);
        Assert.Equal((0.5 + 0.8 / 1.4) / 3, report.MacroF1, 12);
        var text = new StringWriter();
        report.Write(text);
        Assert.Contains("accuracy 0.500", text.ToString());
    }

    [Fact]
    public void MismatchedOrOutOfRangeLabelsAreClearErrors()
    {
        Assert.Contains("2 true labels but 1",
            Assert.Throws<ArgumentException>(() => ClassificationReport.Of([0, 1], [0], ["a", "b"])).Message);
        Assert.Contains("prediction 1 is 5",
            Assert.Throws<ArgumentException>(() => ClassificationReport.Of([0, 1], [0, 5], ["a", "b"])).Message);
    }
}
