using DeepSeq.Data;
using DeepSeq.Data.Reuters;
using Xunit;
using static DeepSeq.Tests.Data.Reuters.ReutersSamples;

namespace DeepSeq.Tests.Data.Reuters;

/// <summary>
/// <see cref="ReutersSgml"/> on tiny synthetic SGML: attributes, topics and entities decoded, and malformed markup
/// named by file and line.
/// </summary>
public sealed class ReutersSgmlTests
{
    [Fact]
    public void ParsesAttributesTopicsAndDecodesEntities()
    {
        var docs = ReutersSgml.Parse(Sgml, "tiny.sgm");
        Assert.Equal([1, 20, 3, 4], docs.Select(d => d.NewId));
        var first = docs[0];
        Assert.Equal((5544, "TRAIN", "TRAINING-SET", true), (first.OldId, first.LewisSplit, first.CgiSplit, first.HasTopics));
        Assert.Equal(["cocoa", "crude"], first.Topics);
        Assert.Equal("BAHIA & COCOA <REVIEW>", first.Title);
        Assert.Equal("    SALVADOR, Feb 26 - ", first.Dateline);
        Assert.Equal("26-FEB-1987 15:01:01.79", first.Date);
        Assert.EndsWith("Reuter\n\u0003", first.Body);
        Assert.Equal(2, first.Line);
        Assert.Null(docs[1].Body);                       // a brief: title only
        Assert.Equal("BRIEF", docs[1].TextType);
        Assert.Equal("UNPROC", docs[2].TextType);
        Assert.Equal("\u0002\nCORRECTION - COCOA ITEM\n\u0003", docs[2].UnmarkedText);
        Assert.False(docs[3].HasTopics);
        Assert.Empty(docs[3].Topics);
    }

    [Theory]
    [InlineData("<REUTERS NEWID=\"1\" OLDID=\"1\">\n<TEXT>\n<BODY>never closed\n</TEXT>\n</REUTERS>\n", 4, "<BODY> (opened on line 3)")]
    [InlineData("<REUTERS NEWID=\"1\" OLDID=\"1\">\n<TEXT>\n", 2, "<TEXT> is never closed")]
    [InlineData("<REUTERS NEWID=\"1\" OLDID=\"1\">\n</TEXT>\n", 2, "</TEXT>")]
    [InlineData("\n<REUTERS NEWID=\"1\" OLDID=\"1\"\n", 2, "no closing '>'")]
    [InlineData("<REUTERS OLDID=\"1\">\n</REUTERS>", 1, "no NEWID")]
    [InlineData("<TITLE>x</TITLE>", 1, "outside any <REUTERS>")]
    public void MalformedSgmlNamesFileAndLine(string text, int line, string fragment)
    {
        var e = Assert.Throws<DataFormatException>(() => ReutersSgml.Parse(text, "bad.sgm"));
        Assert.StartsWith($"bad.sgm: line {line}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    /// <summary>Issue 15: a character reference naming a UTF-16 surrogate threw ArgumentOutOfRangeException from
    /// <c>char.ConvertFromUtf32</c>, naming neither the file nor the entity.</summary>
    [Theory]
    [InlineData("#xD800")]
    [InlineData("#55296")]
    [InlineData("#xDFFF")]
    public void SurrogateEntityInReutersIsRefused(string entity)
    {
        string text = $"<REUTERS NEWID=\"1\" OLDID=\"1\">\n<TEXT>\n<BODY>a &{entity}; b</BODY>\n</TEXT>\n</REUTERS>\n";
        var e = Assert.Throws<DataFormatException>(() => ReutersSgml.Parse(text, "bad.sgm"));
        Assert.Equal(("bad.sgm", "line 3"), (e.Path, e.Position));
        Assert.Contains($"&{entity};", e.Reason);
        Assert.Contains("surrogate", e.Reason);
        Assert.IsType<FormatException>(e.InnerException);
    }
}
