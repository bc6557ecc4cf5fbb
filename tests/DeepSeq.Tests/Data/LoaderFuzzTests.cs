using DeepSeq.Data;
using System.Text;
using DeepSeq.Data.Csv;
using DeepSeq.Data.Formats;
using DeepSeq.Data.Imdb;
using DeepSeq.Data.Loaders;
using DeepSeq.Data.Reuters;
using DeepSeq.Data.TimeSeries;
using DeepSeq.Data.WordVectors;
using DeepSeq.Tests.Data.Imdb;
using DeepSeq.Tests.Data.Reuters;
using DeepSeq.Tests.Data.WordVectors;
using Xunit;
using static DeepSeq.Tests.Data.Formats.FormatWriters;

namespace DeepSeq.Tests.Data;

/// <summary>
/// Seeded fuzzing of every file loader in src/Data. Each test starts from a small file the loader accepts, then feeds
/// it 300 mutations of that file: byte flips, a truncation, random insertions, line duplication, deletion and swaps,
/// invalid UTF-8, number lies and pure random bytes. Issue 15's contract: each mutant either loads as exactly the
/// seed's data or is refused with the documented <see cref="DataFormatException"/> carrying a path and a position;
/// never different data. Every call must end within <see cref="TimeLimit"/> (no endless loop on a lying header).
/// Covers, under src/Data: <c>Formats/NpyReader.cs</c>, <c>NpzReader.cs</c>, <c>IdxReader.cs</c>;
/// <c>Csv/CsvReader.cs</c>; <c>Imdb/ImdbReviews.cs</c>, <c>ImdbWordIndex.cs</c>, <c>ImdbNpz.cs</c>;
/// <c>Reuters/Reuters21578.cs</c>, <c>ReutersSgml.cs</c>; <c>TimeSeries/JenaClimate.cs</c>, <c>BeijingPm25.cs</c>;
/// <c>WordVectors/GloVe.cs</c>, <c>Word2Vec.cs</c>; <c>Loaders/StockPrices.cs</c>, <c>EmotionTweets.cs</c>,
/// <c>HateSpeechTweets.cs</c>, <c>TextCorpus.cs</c>.
/// </summary>
/// <remarks>
/// An IndexOutOfRange, NullReference, Overflow or Format exception is a bug in the loader: the failure message gives
/// the iteration, the mutation and the input's bytes in hex, so the case can be replayed. The seed is fixed, so a
/// run is reproducible.
/// </remarks>
public sealed class LoaderFuzzTests : IDisposable
{
    private const int Iterations = 300;
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-loaderfuzz-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    // --- the seeds: small files each loader accepts ------------------------------------------------------------

    private static readonly byte[] NpySeed = Npy("<f4", [3, 4], Encode('f', 4, false, [.. Enumerable.Range(0, 12).Select(i => (double)i)]));
    private static readonly byte[] NpzSeed = Npz(true, ("a", Npy("<f8", [2], Encode('f', 8, false, [1, 2]))), ("b", Npy("|u1", [3], [1, 2, 3])));
    private static readonly byte[] IdxSeed = Idx(0x08, [2, 3, 3], [.. Enumerable.Range(0, 18).Select(i => (byte)i)]);

    private const string CsvSeed = "a,b,c\n1,2,3\n\"x,y\",\"q\"\"uote\",5\n";

    private static readonly byte[] ImdbTarSeed = ImdbReviewsTests.TarGz(
        ("aclImdb/train/pos/0_9.txt", "good film"), ("aclImdb/train/neg/1_2.txt", "bad<br />film"),
        ("aclImdb/test/pos/0_8.txt", "fine"), ("aclImdb/test/neg/0_1.txt", "awful"));

    private const string WordIndexSeed = """{"the": 1, "and": 2, "a": 3, "film": 4}""";

    private const string SgmlSeed = """
        <!DOCTYPE lewis SYSTEM "lewis.dtd">
        <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
        <DATE>26-FEB-1987 15:01:01.79</DATE>
        <TOPICS><D>cocoa</D><D>crude</D></TOPICS>
        <TEXT>&#2;
        <TITLE>BAHIA &amp; COCOA</TITLE>
        <BODY>Showers continued.
         Reuter
        &#3;</BODY></TEXT>
        </REUTERS>
        <REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="PUBLISHED-TESTSET" OLDID="1" NEWID="2">
        <TOPICS><D>crude</D></TOPICS>
        <TEXT TYPE="BRIEF">&#2;
        <TITLE>OIL UP</TITLE>
        &#3;</TEXT>
        </REUTERS>
        """;

    private const string JenaSeed =
        "\"Date Time\",\"p (mbar)\",\"T (degC)\",\"Tpot (K)\",\"Tdew (degC)\",\"rh (%)\",\"VPmax (mbar)\",\"VPact (mbar)\",\"VPdef (mbar)\",\"sh (g/kg)\",\"H2OC (mmol/mol)\",\"rho (g/m**3)\",\"wv (m/s)\",\"max. wv (m/s)\",\"wd (deg)\"\n" +
        "01.01.2009 00:10:00,996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,3.12,1307.75,1.03,1.75,152.30\n" +
        "01.01.2009 00:20:00,996.57,-8.41,265.01,-9.28,93.40,3.23,3.02,0.21,1.89,3.03,1309.80,0.72,1.50,136.10\n";

    private const string BeijingSeed =
        "No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir,pm2.5_1ago,pm2.5_2ago,pm2.5_3ago\n" +
        "1,2010,1,1,0,NA,-21,-11,1021,NW,1.79,0,0,NA,NA,NA\n" +
        "2,2010,1,1,1,129,-16,-4,1020,SE,1.79,0,0,NA,NA,NA\n" +
        "3,2010,1,1,2,148,-15,-4,1020,cv,0.89,0,1,129,NA,NA\n";

    private const string GloVeSeed = "the 0.1 0.2 -0.3\nand 1 2 3\nfilm -1e-3 4.5 6\n";

    private static readonly byte[] Word2VecSeed = WordVectorFiles.Word2VecBytes(
        [("the", [0.1f, 0.2f, 0.3f]), ("and", [1f, 2f, 3f]), ("film", [-1f, 4.5f, 6f])], dim: 3);

    private const string StockSeed =
        "Date,Open,High,Low,Close,Adj Close,Volume\n" +
        "1981-08-07,0.1,0.2,0.05,0.15,0.12,1000\n" +
        "1981-08-10,null,null,null,null,null,null\n" +
        "1981-08-11,1.5,2.5,1.0,2.0,1.8,2e3";

    private const string EmotionSeed =
        "tweet_id,sentiment,author,content\n" +
        "1,worry,a,\"ok, so\nthat was \"\"fine\"\"\"\n" +
        "2,sadness,b,plain\n";

    private const string HateSeed =
        ",count,hate_speech,offensive_language,neither,class,tweet\n" +
        "0,3,0,0,3,2,\"!!! RT, \"\"quoted\"\"\nsecond line\"\n" +
        "5,3,2,1,0,0,short\n";

    private const string TextSeed = "It was the best of times,\nit was the worst of times.\n";

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    // --- one test per loader -------------------------------------------------------------------------------------

    [Fact] public void NpyReader_() => Fuzz(NpySeed, 1, p => NpyReader.Read(p), Invalid);
    // Exact although no CRC covers a member's name: the local header's copy must match the directory's.
    [Fact] public void NpzReader_() => Fuzz(NpzSeed, 2, p => NpzReader.Read(p), Invalid, Contract.Exact);
    [Fact] public void IdxReader_() => Fuzz(IdxSeed, 3, p => IdxReader.Read(p), Invalid);
    [Fact] public void IdxReaderGzipped() => Fuzz(Gzip(IdxSeed), 4, p => IdxReader.Read(p), Invalid, Contract.Exact);
    [Fact] public void CsvReader_() => Fuzz(Utf8(CsvSeed), 5, p => CsvReader.Read(p), Invalid, Contract.StrictText);
    [Fact] public void CsvReaderGzipped() => Fuzz(Gzip(Utf8(CsvSeed)), 6, p => CsvReader.Read(p), Invalid, Contract.Exact);
    // A flipped byte in a tar header's size/checksum field makes System.Formats.Tar.TarReader.GetNextEntry throw
    // OverflowException: TarGzInput must turn it, like every runtime complaint, into a DataFormatException.
    [Fact]
    public void ImdbReviews_() => Fuzz(ImdbTarSeed, 7, p => ImdbReviews.Load(p), Invalid, Contract.Exact);
    [Fact] public void ImdbWordIndex_() => Fuzz(Utf8(WordIndexSeed), 8, p => ImdbWordIndex.Load(p), Invalid);
    [Fact] public void Reuters21578_() => Fuzz(ReutersSamples.TarGz(("reuters21578/reut2-000.sgm", SgmlSeed)), 9, p => Reuters21578.Load(p), Invalid,
        Contract.Exact);
    [Fact] public void ReutersSgml_() => Fuzz(Utf8(SgmlSeed), 10, p => ReutersSgml.Parse(File.ReadAllText(p), p), Invalid);
    [Fact] public void JenaClimate_() => Fuzz(Utf8(JenaSeed), 11, p => JenaClimate.Load(p), Invalid, Contract.StrictText);
    [Fact] public void BeijingPm25_() => Fuzz(Utf8(BeijingSeed), 12, p => BeijingPm25.Load(p), Invalid, Contract.Series);
    [Fact] public void GloVe_() => Fuzz(Utf8(GloVeSeed), 13, p => GloVe.Read(p).ToList(), Invalid, Contract.StrictText);
    [Fact] public void Word2Vec_() => Fuzz(Word2VecSeed, 14, p => Word2Vec.Read(p).ToList(), Invalid);
    [Fact] public void StockPrices_() => Fuzz(Utf8(StockSeed), 15, p => StockPrices.Load(p), Invalid, Contract.StrictText);
    [Fact] public void EmotionTweets_() => Fuzz(Utf8(EmotionSeed), 16, p => EmotionTweets.Load(p), Invalid);
    [Fact] public void HateSpeechTweets_() => Fuzz(Utf8(HateSeed), 17, p => HateSpeechTweets.Load(p), Invalid);
    [Fact] public void TextCorpus_() => Fuzz(Utf8(TextSeed), 18, p => TextCorpus.Load(p), Invalid, Contract.StrictText);
    [Fact] public void ImdbNpz_() => Fuzz(ImdbNpzTests.Padded(), 19, p => ImdbNpz.Load(p), Invalid, Contract.Exact);
    [Fact] public void ImdbNpzPickled() => Fuzz(ImdbNpzTests.Pickled(), 20, p => ImdbNpz.Load(p), Invalid, Contract.Exact);

    /// <summary>Every loader documents <see cref="DataFormatException"/> only, for damaged files and for well-formed
    /// data beyond DeepSeq (a dtype it does not read, more than 8 dimensions) alike.</summary>
    private static bool Invalid(Exception e) => e is DataFormatException d && Located(d);

    /// <summary>Issue 15: the error carries a path and a position, and its message starts with them.</summary>
    private static bool Located(DataFormatException e)
        => e.Path.Length > 0 && e.Position.Length > 0 && e.Message.StartsWith($"{e.Path}: {e.Position}: ", StringComparison.Ordinal);

    // --- the fuzzer ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Checks that <paramref name="seed"/> loads, then feeds <paramref name="load"/> <see cref="Iterations"/> mutations
    /// of it (seeded by <paramref name="rngSeed"/>), each written to a file.
    /// </summary>
    /// <summary>Which mutants must load as the seed's data or be refused (all other mutants may load as other data:
    /// a flipped digit in a plain CSV is still a valid CSV).</summary>
    private enum Contract
    {
        /// <summary>Any well-formed result is fine.</summary>
        None,
        /// <summary>Invalid UTF-8 and non-finite numbers (NaN, Infinity, 1e999) are refused.</summary>
        StrictText,
        /// <summary>StrictText, and a duplicated, deleted or swapped row breaks the series (Beijing: hourly).</summary>
        Series,
        /// <summary>A checksummed container (gzip, zip, tar.gz): every mutant loads as the seed's data or is
        /// refused.</summary>
        Exact,
    }

    private static bool MustMatch(Contract contract, string mutation, byte[] seed, byte[] mutant) => contract switch
    {
        // A mutant that lost the container's magic bytes is another kind of file (a 1-byte "CSV"), not a damaged one.
        Contract.Exact => mutant.Length >= 2 && mutant[0] == seed[0] && mutant[1] == seed[1],
        Contract.Series => mutation.StartsWith("invalid UTF-8", StringComparison.Ordinal)
                           || mutation.StartsWith("number lie", StringComparison.Ordinal)
                           || mutation.StartsWith("line", StringComparison.Ordinal),
        Contract.StrictText => mutation.StartsWith("invalid UTF-8", StringComparison.Ordinal),
        _ => false,
    };

    private void Fuzz(byte[] seed, int rngSeed, Func<string, object> load, Func<Exception, bool> documented,
        Contract contract = Contract.None)
    {
        string seedPath = Path.Combine(_dir, "seed");
        File.WriteAllBytes(seedPath, seed);
        var (seedError, original) = Run(load, seedPath);
        Assert.Null(seedError);   // the unmutated seed must load: otherwise the fuzz tests nothing
        string? expected = contract == Contract.None ? null : Fingerprint(original);

        var rng = new Random(rngSeed * 7919);
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            var (bytes, mutation) = Mutate(seed, rng);
            string path = Path.Combine(_dir, $"input-{iteration}");
            File.WriteAllBytes(path, bytes);
            var (e, loaded) = Run(load, path);
            // Issue 15: a mutated file either loads as exactly the seed's data (a mutation that changes nothing a
            // reader keeps, e.g. a flipped bit in zip padding) or is refused; it never loads as different data.
            if (e is null && MustMatch(contract, mutation, seed, bytes) && Fingerprint(loaded) != expected)
                Assert.Fail($"seed {rngSeed}, iteration {iteration} ({mutation}): the mutated file loaded as " +
                            $"different data\ninput hex: {Convert.ToHexString(bytes)}");
            if (e is TimeoutException || (e is not null && !documented(e)))
                Assert.Fail($"seed {rngSeed}, iteration {iteration} ({mutation}, {bytes.Length} bytes): {e.GetType().FullName}: {e.Message}\n"
                            + $"input hex: {Convert.ToHexString(bytes)}\n{e.StackTrace}");
        }
    }

    /// <summary>Runs one load on the thread pool: its exception (null if it loaded) and result, or a
    /// TimeoutException past the limit.</summary>
    private static (Exception? Error, object? Result) Run(Func<string, object> load, string path)
    {
        // A dedicated thread (LongRunning), not the pool: under the full parallel suite a pool item can wait seconds
        // to start, and the limit must time the load, not the queue.
        var task = Task.Factory.StartNew(() => load(path), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return task.Wait(TimeLimit) ? (null, task.Result)
                : (new TimeoutException($"the load did not finish within {TimeLimit.TotalSeconds} s"), null);
        }
        catch (AggregateException e)
        {
            return (e.InnerException, null);
        }
    }

    /// <summary>
    /// Everything a load returned, as text: every public property, element and tensor value, recursively, so that
    /// two loads compare equal exactly when they hold the same data. Paths (which differ between the seed and a
    /// mutant) are left out.
    /// </summary>
    private static string Fingerprint(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, int depth)
    {
        if (depth > 6) return;
        switch (value)
        {
            case null: sb.Append("null;"); return;
            case string s: sb.Append('"').Append(s).Append("\";"); return;
            case float f: sb.Append(BitConverter.SingleToInt32Bits(f)).Append(';'); return;
            case double d: sb.Append(BitConverter.DoubleToInt64Bits(d)).Append(';'); return;
            case IFormattable or bool or char: sb.Append(value).Append(';'); return;
            case Tensor<float> t: foreach (var x in t.ToArray()) Append(sb, x, depth); sb.Append(t.Shape).Append(';'); return;
            case Tensor<double> t: foreach (var x in t.ToArray()) Append(sb, x, depth); sb.Append(t.Shape).Append(';'); return;
            case Tensor<int> t: foreach (var x in t.ToArray()) Append(sb, x, depth); sb.Append(t.Shape).Append(';'); return;
            case System.Collections.IDictionary map:
                foreach (System.Collections.DictionaryEntry kv in map) { Append(sb, kv.Key, depth + 1); Append(sb, kv.Value, depth + 1); }
                return;
            case System.Collections.IEnumerable items:
                sb.Append('[');
                foreach (var item in items) Append(sb, item, depth + 1);
                sb.Append(']');
                return;
            case System.Runtime.CompilerServices.ITuple tuple:
                for (int i = 0; i < tuple.Length; i++) Append(sb, tuple[i], depth + 1);
                return;
        }
        if (value.GetType().Namespace?.StartsWith("DeepSeq.Data", StringComparison.Ordinal) != true) return;
        foreach (var p in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name is "Source" or "Path" or "Paths" or "SourceFile") continue;
            sb.Append(p.Name).Append('=');
            object? v;
            try { v = p.GetValue(value); } catch (System.Reflection.TargetInvocationException) { continue; }
            Append(sb, v, depth + 1);
        }
    }

    /// <summary>One random mutation of <paramref name="seed"/>, and a word saying which.</summary>
    private static (byte[] Bytes, string Mutation) Mutate(byte[] seed, Random rng)
    {
        switch (rng.Next(8))
        {
            case 4:
            {
                // Invalid UTF-8: a lone continuation byte, an overlong form, a surrogate, a truncated sequence.
                byte[][] bad = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF]];
                var b = bad[rng.Next(bad.Length)];
                int at = rng.Next(seed.Length + 1);
                return ([.. seed[..at], .. b, .. seed[at..]], $"invalid UTF-8 {Convert.ToHexString(b)} at {at}");
            }
            case 5:
            {
                // A number lie: a run of digits becomes NaN, Infinity or 1e999.
                var runs = System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(seed), "[0-9]+(\\.[0-9]+)?");
                if (runs.Count == 0) goto case 0;
                var run = runs[rng.Next(runs.Count)];
                string lie = new[] { "NaN", "Infinity", "1e999", "-1e999" }[rng.Next(4)];
                return ([.. seed[..run.Index], .. Encoding.ASCII.GetBytes(lie), .. seed[(run.Index + run.Length)..]],
                    $"number lie {lie} at {run.Index}");
            }
            case 6 or 7:
            {
                // Line operations on the data rows (line 0, a header, is kept; the last line is not deleted, since
                // a file that simply ends one row earlier is a valid, shorter file).
                var lines = Encoding.Latin1.GetString(seed).Split('\n').ToList();
                if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
                if (lines.Count < 3) goto case 0;
                int i = rng.Next(1, lines.Count - 1), j = rng.Next(i + 1, lines.Count);
                string what;
                switch (rng.Next(3))
                {
                    case 0: lines.Insert(i, lines[i]); what = $"line {i + 1} duplicated"; break;
                    // Not the first data row either: without it the series just starts one step later.
                    case 1 when i > 1: lines.RemoveAt(i); what = $"line {i + 1} deleted"; break;
                    case 1: lines.RemoveAt(i + 1); what = $"line {i + 2} deleted"; break;
                    default: (lines[i], lines[j]) = (lines[j], lines[i]); what = $"lines {i + 1} and {j + 1} swapped"; break;
                }
                return (Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n"), what);
            }
            case 0:
            {
                var bytes = (byte[])seed.Clone();
                int flips = rng.Next(1, 5);
                for (int i = 0; i < flips; i++) bytes[rng.Next(bytes.Length)] ^= (byte)rng.Next(1, 256);
                return (bytes, $"{flips} byte flips");
            }
            case 1:
            {
                int at = rng.Next(seed.Length);
                return (seed[..at], $"truncated at {at}");
            }
            case 2:
            {
                int at = rng.Next(seed.Length + 1);
                var inserted = new byte[rng.Next(1, 9)];
                rng.NextBytes(inserted);
                return ([.. seed[..at], .. inserted, .. seed[at..]], $"{inserted.Length} random bytes inserted at {at}");
            }
            default:
            {
                var bytes = new byte[rng.Next(0, 257)];
                rng.NextBytes(bytes);
                return (bytes, "pure random bytes");
            }
        }
    }
}
