using DeepSeq.Data;
using DeepSeq.Data.Csv;
using Xunit;
using static DeepSeq.Tests.Data.Csv.CsvChecks;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// <see cref="CsvTable"/>'s typed columns: non-numbers, missing cells, integers out of range and unknown or duplicate
/// columns are refused with a message naming the file, the line and the column.
/// </summary>
public sealed class CsvTableTests
{
    [Fact]
    public void NonNumericCellNamesFileLineColumnAndText()
    {
        var t = CsvReader.Parse("id,score\n1,0.5\n2,\"multi\nline\"\n3,abc\n", "scores.csv");
        var e = Assert.Throws<DataFormatException>(() => t.Doubles("id", allowMissing: false).Concat(t.Doubles("score")).ToArray());
        Contains(e, "scores.csv: line 3", "column 'score'", "'multi\nline' is not a number");
        Contains(Assert.Throws<DataFormatException>(() => t.Ints("score")), "line 2", "'0.5' is not an integer");
    }

    [Fact]
    public void MissingCellsAreNaNOnlyWhenAllowed()
    {
        var t = CsvReader.Parse("x\n1.5\n\n\"\"\nNA\nnull\n N/A \n-2e-3\nNaN\n", "m.csv");
        var e = Assert.Throws<DataFormatException>(() => t.Doubles("x"));
        Contains(e, "m.csv: line 4", "column 'x'", "'' is not a number", "allowMissing");
        double[] values = t.Doubles("x", allowMissing: true);
        Assert.Equal(1.5, values[0]);
        Assert.All(values[1..5], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(-0.002, values[5]);
        Assert.True(double.IsNaN(values[6]));   // the text NaN is a number, allowed or not
        Contains(Assert.Throws<DataFormatException>(() => t.Longs("x")), "'1.5' is not an integer");
    }

    [Fact]
    public void IntegerColumnsRefuseMissingAndOutOfRange()
    {
        var t = CsvReader.Parse("n,big\n1,9007199254740993\n,2\n", "i.csv");
        Contains(Assert.Throws<DataFormatException>(() => t.Ints("big")), "line 2", "'9007199254740993' is not an integer", "Longs");
        Assert.Equal([9007199254740993L, 2L], t.Longs("big"));   // exact: a double would round it
        Contains(Assert.Throws<DataFormatException>(() => t.Ints("n")), "line 3", "column 'n'", "no NaN");
    }

    [Fact]
    public void UnknownColumnListsTheKnownOnes()
    {
        var t = CsvReader.Parse("tweet_id,sentiment,author\n1,fun,me\n", "t.csv");
        var e = Assert.Throws<ArgumentException>(() => t.Strings("label"));
        Contains(e, "t.csv: no column named 'label'", "'tweet_id', 'sentiment', 'author'");
        var dup = CsvReader.Parse("a,b,a\n1,2,3\n", "d.csv");
        Contains(Assert.Throws<ArgumentException>(() => dup.Ints("a")), "two columns 'a'", "fields 1 and 3");
        Assert.Equal([2], dup.Ints("b"));
    }
}
