using System.Text;

namespace DeepSeq.Tests.Data.Reuters;

/// <summary>
/// Tiny synthetic Reuters-21578 SGML (four documents: a full one, a brief, an unprocessed one, one without topics), and
/// Latin-1 .tar.gz archives of it, for the Reuters tests and the loader fuzzer.
/// </summary>
internal static class ReutersSamples
{
    internal const string Sgml = """
        <!DOCTYPE lewis SYSTEM "lewis.dtd">
        <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
        <DATE>26-FEB-1987 15:01:01.79</DATE>
        <TOPICS><D>cocoa</D><D>crude</D></TOPICS>
        <TEXT>&#2;
        <TITLE>BAHIA &amp; COCOA &lt;REVIEW></TITLE>
        <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued, U.S. 1.5 pct.
         Reuter
        &#3;</BODY></TEXT>
        </REUTERS>
        <REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="PUBLISHED-TESTSET" OLDID="1" NEWID="20">
        <TOPICS><D>crude</D></TOPICS>
        <TEXT TYPE="BRIEF">&#2;
        <TITLE>OIL UP</TITLE>
        &#3;</TEXT>
        </REUTERS>
        <REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="PUBLISHED-TESTSET" OLDID="2" NEWID="3">
        <TOPICS><D>cocoa</D><D>gold</D></TOPICS>
        <TEXT TYPE="UNPROC">&#2;
        CORRECTION - COCOA ITEM
        &#3;</TEXT>
        </REUTERS>
        <REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="3" NEWID="4">
        <TOPICS></TOPICS><TEXT><TITLE>NO TOPICS</TITLE></TEXT>
        </REUTERS>
        """;

    // the SGML files are Latin-1
    internal static byte[] TarGz(params (string Path, string Text)[] members) => TestArchives.TarGz(Encoding.Latin1, members);
}
