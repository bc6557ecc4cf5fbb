using DeepSeq.Data;
using DeepSeq.Data.Reuters;
using Xunit;
using static DeepSeq.Tests.Data.Reuters.ReutersSamples;

namespace DeepSeq.Tests.Data.Reuters;

/// <summary>
/// <see cref="Reuters21578"/> on tiny synthetic archives: cut, empty, duplicated and unclosed ones are refused with
/// an error naming the archive (and the member and line).
/// </summary>
public sealed class Reuters21578Tests
{
    [Fact]
    public void ArchiveErrorsNameTheArchive()
    {
        var bytes = TarGz(("reut2-000.sgm", Sgml + "\n" + new string('x', 20_000)));
        var e = Assert.Throws<DataFormatException>(() => Reuters21578.Load(new MemoryStream(bytes[..(bytes.Length / 2)]), "cut.tar.gz"));
        Assert.StartsWith("cut.tar.gz: ", e.Message);
        e = Assert.Throws<DataFormatException>(() => Reuters21578.Load(new MemoryStream(TarGz(("README.txt", "x"))), "none.tar.gz"));
        Assert.Contains("no reut2-NNN.sgm", e.Message);
        e = Assert.Throws<DataFormatException>(() => Reuters21578.Load(new MemoryStream(TarGz(("reut2-000.sgm", Sgml), ("reut2-001.sgm", Sgml))), "dup.tar.gz"));
        Assert.StartsWith("dup.tar.gz/reut2-001.sgm: line 2: NEWID 1", e.Message);
        e = Assert.Throws<DataFormatException>(() => Reuters21578.Load(new MemoryStream(TarGz(("reut2-000.sgm", "<REUTERS NEWID=\"1\" OLDID=\"1\">"))), "open.tar.gz"));
        Assert.StartsWith("open.tar.gz/reut2-000.sgm: line 1: <REUTERS> is never closed", e.Message);
    }
}
