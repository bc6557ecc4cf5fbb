using DeepSeq.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Data.Preprocessing;

/// <summary><see cref="LabelEncoder{TLabel}"/> against scikit-learn's documented example, errors, and a round-trip property.</summary>
public sealed class LabelEncoderTests
{
    [Fact]
    public void ClassesAreSortedAndCodesAreTheirPositions()
    {
        // scikit-learn docs: le.fit(["paris", "paris", "tokyo", "amsterdam"]); classes_ → ['amsterdam', 'paris', 'tokyo'];
        // le.transform(["tokyo", "tokyo", "paris"]) → [2, 2, 1]; le.inverse_transform([2, 2, 1]) → ['tokyo', 'tokyo', 'paris']
        var encoder = new LabelEncoder<string>().Fit(["paris", "paris", "tokyo", "amsterdam"]);
        Assert.Equal(["amsterdam", "paris", "tokyo"], encoder.Classes);
        Assert.Equal([2, 2, 1], encoder.Transform(["tokyo", "tokyo", "paris"]));
        Assert.Equal(["tokyo", "tokyo", "paris"], encoder.InverseTransform([2, 2, 1]));
        // scikit-learn docs: le.fit([1, 2, 2, 6]).transform([1, 1, 2, 6]) → [0, 0, 1, 2]
        Assert.Equal([0, 0, 1, 2], new LabelEncoder<int>().Fit([1, 2, 2, 6]).Transform([1, 1, 2, 6]));
    }

    [Fact]
    public void StringsSortByCodePointAsInPython()
    {
        // Python: sorted(["b", "B", "a"]) → ['B', 'a', 'b'] (culture-aware .NET order would give a, b, B).
        Assert.Equal(["B", "a", "b"], new LabelEncoder<string>().Fit(["b", "B", "a"]).Classes);
    }

    [Fact]
    public void UnknownLabelsAndUnfittedUseThrowClearly()
    {
        var encoder = new LabelEncoder<string>();
        Assert.Throws<InvalidOperationException>(() => encoder.Transform(["a"]));
        Assert.Throws<InvalidOperationException>(() => encoder.Classes);
        encoder.Fit(["a", "b"]);
        var e = Assert.Throws<ArgumentException>(() => encoder.Transform(["a", "zebra"]));
        Assert.Contains("previously unseen labels: [zebra]", e.Message);
        e = Assert.Throws<ArgumentException>(() => encoder.InverseTransform([0, 2]));
        Assert.Contains("[2]", e.Message);
        Assert.Throws<ArgumentException>(() => encoder.InverseTransform([-1]));
    }

    /// <summary>InverseTransform(FitTransform(y)) = y, codes lie in [0, classes), classes are sorted and distinct.</summary>
    [Property(MaxTest = 300)]
    public Property RoundTrip(int[] labels)
    {
        var encoder = new LabelEncoder<int>();
        var codes = encoder.FitTransform(labels);
        bool back = encoder.InverseTransform(codes).SequenceEqual(labels);
        bool range = codes.All(c => c >= 0 && c < encoder.Classes.Count);
        bool sorted = encoder.Classes.SequenceEqual(labels.Distinct().Order());
        return (back && range && sorted).Label($"{labels.Length} labels");
    }
}
