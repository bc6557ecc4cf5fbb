namespace DeepSeq.Data.Reuters;

/// <summary>One <c>&lt;REUTERS&gt;</c> document of Reuters-21578, its SGML entities decoded.</summary>
/// <param name="NewId">The <c>NEWID</c> attribute (1–21578): the document's id, and the number in NLTK's file ids
/// (<c>test/14826</c>).</param>
/// <param name="OldId">The <c>OLDID</c> attribute (the id in the older Reuters-22173 collection).</param>
/// <param name="HasTopics">The <c>TOPICS</c> attribute: <c>YES</c> when the document was indexed for topics at all
/// (it may still list none); <c>NO</c> and <c>BYPASS</c> give <see langword="false"/>.</param>
/// <param name="LewisSplit">The <c>LEWISSPLIT</c> attribute: <c>TRAIN</c>, <c>TEST</c> or <c>NOT-USED</c>.</param>
/// <param name="CgiSplit">The <c>CGISPLIT</c> attribute: <c>TRAINING-SET</c> or <c>PUBLISHED-TESTSET</c>.</param>
/// <param name="Topics">The <c>&lt;D&gt;</c> values inside <c>&lt;TOPICS&gt;</c>, in file order (empty when
/// none).</param>
/// <param name="Date">The <c>&lt;DATE&gt;</c> text, e.g. <c>26-FEB-1987 15:01:01.79</c>.</param>
/// <param name="Title">The <c>&lt;TITLE&gt;</c> text, or <see langword="null"/> when absent.</param>
/// <param name="Dateline">The <c>&lt;DATELINE&gt;</c> text, e.g. <c>"    BAHIA BLANCA, Argentina, Feb 26 - "</c>,
/// or <see langword="null"/>.</param>
/// <param name="Body">The <c>&lt;BODY&gt;</c> text (it ends with the control character U+0003, the decoded
/// <c>&amp;#3;</c>), or <see langword="null"/> when absent (brief items are a title only).</param>
/// <param name="TextType">The <c>TYPE</c> attribute of <c>&lt;TEXT&gt;</c>: <c>NORM</c> (the default), <c>BRIEF</c>
/// (title only) or <c>UNPROC</c> (no TITLE/BODY markup: the story is the text directly inside
/// <c>&lt;TEXT&gt;</c>).</param>
/// <param name="UnmarkedText">The text directly inside <c>&lt;TEXT&gt;</c>, outside its child elements, trimmed: the
/// whole story for <c>UNPROC</c> documents, usually empty otherwise.</param>
/// <param name="Line">The 1-based line of the <c>&lt;REUTERS</c> tag in <see cref="SourceFile"/>.</param>
/// <param name="SourceFile">The file the document came from, e.g. <c>reut2-000.sgm</c>.</param>
public sealed record ReutersDocument(
    int NewId, int OldId, bool HasTopics, string LewisSplit, string CgiSplit, string[] Topics,
    string? Date, string? Title, string? Dateline, string? Body, string TextType, string UnmarkedText,
    int Line, string SourceFile);
