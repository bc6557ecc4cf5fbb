using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace DeepSeq.Data.Formats;

/// <summary>
/// The parsed header of a .npy file: what NumPy writes as the Python dict
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>.
/// </summary>
/// <param name="DType">The <c>descr</c> entry: byte order, kind and size in NumPy notation, e.g. <c>&lt;f4</c>.</param>
/// <param name="FortranOrder">Whether the data is stored column-major.
/// DeepSeq reads only row-major (C order) data.</param>
/// <param name="Shape">The <c>shape</c> entry; empty for a 0-d array.</param>
public sealed record NpyHeader(string DType, bool FortranOrder, IReadOnlyList<long> Shape);

/// <summary>
/// Reads NumPy's <c>.npy</c> files (what <c>np.save</c> writes) into DeepSeq tensors.
/// </summary>
/// <remarks>
/// <para>The format, versions 1.0, 2.0 and 3.0, is a small header followed by the raw elements:</para>
/// <code>
/// offset  size  content
/// 0       6     magic: the byte 0x93 then "NUMPY"
/// 6       2     version: major, minor (1 0, 2 0 or 3 0)
/// 8       2|4   header length L, little-endian: 2 bytes in v1, 4 bytes in v2 and v3
/// 10|12   L     a Python dict literal, latin-1 (v1, v2) or UTF-8 (v3), padded with spaces and a final '\n'
///               so that the data starts at a multiple of 64 bytes
/// …       rest  the elements, row-major, each in the byte order 'descr' names
/// </code>
/// <para>
/// Supported element types (any byte order): <c>f2 f4 f8 i1 i2 i4 i8 u1 u2 b1</c>, mapped to tensors as
/// <see cref="LoadedArray"/> describes. Everything else is refused before a byte of data is read.
/// </para>
/// <para>What goes wrong, and what is thrown (every message starts with the file name):</para>
/// <list type="bullet">
///   <item><see cref="DataFormatException"/>: an empty or truncated file, a wrong magic string or version, a header
///   that is not the expected dict, an unsupported or unparsable dtype (including object arrays <c>|O</c>, which hold
///   pickled Python objects: <see cref="ReadIntLists(string)"/> reads the one kind DeepSeq supports), a shape that
///   claims more bytes than the file holds, or bytes left over after the data.</item>
///   <item><see cref="DataFormatException"/> too, its reason saying what DeepSeq does not read: a well-formed file
///   DeepSeq cannot represent: <c>fortran_order: True</c>, more than 8 dimensions, more elements than a .NET array
///   holds, or an int64 value outside the int range.</item>
/// </list>
/// <para>Nothing partially loaded is ever returned: the tensor is built only after every check has passed.</para>
/// </remarks>
public static class NpyReader
{
    /// <summary>The six bytes every .npy file starts with.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the .npy file at <paramref name="path"/>.</summary>
    public static LoadedArray Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads one .npy array from <paramref name="stream"/>, from its current position to its end.
    /// <paramref name="sourceName"/> names the data in error messages (a file name, usually).
    /// </summary>
    public static LoadedArray Read(Stream stream, string sourceName)
        => Read(stream, stream.CanSeek ? stream.Length - stream.Position : null, sourceName);

    /// <summary>
    /// The reader proper. <paramref name="remaining"/> is how many bytes the source holds, when known
    /// (a file, or a zip member's declared size); it lets a lying header be caught before any allocation.
    /// </summary>
    internal static LoadedArray Read(Stream stream, long? remaining, string source)
    {
        var (header, _, left) = ReadHeader(stream, remaining, source);
        return ReadData(stream, header, left, source);
    }

    /// <summary>
    /// Reads a .npy file holding a 1-D object array whose elements are Python lists of ints (Keras's
    /// <c>imdb.npz</c> <c>x_train</c>): one <c>int[]</c> per element. The data after the header is a pickle,
    /// decoded by <see cref="PickleReader"/>, which runs no Python code and refuses everything but this layout.
    /// </summary>
    /// <remarks>
    /// Throws what <see cref="Read(string)"/> throws for the header, and what <see cref="PickleReader.ReadIntLists"/>
    /// throws for the data; a numeric dtype is a <see cref="DataFormatException"/> (read it with
    /// <see cref="Read(string)"/>).
    /// </remarks>
    public static int[][] ReadIntLists(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadIntLists(stream, stream.Length, path);
    }

    /// <summary>As <see cref="ReadIntLists(string)"/>, from <paramref name="stream"/>'s position to its end.</summary>
    public static int[][] ReadIntLists(Stream stream, string sourceName)
        => ReadIntLists(stream, stream.CanSeek ? stream.Length - stream.Position : null, sourceName);

    /// <summary>As <see cref="ReadIntLists(string)"/>; <paramref name="remaining"/> as for
    /// <see cref="Read(Stream, long?, string)"/>.</summary>
    internal static int[][] ReadIntLists(Stream stream, long? remaining, string source)
    {
        var (header, dataStart, left) = ReadHeader(stream, remaining, source);
        return ReadIntListData(stream, header, dataStart, left, source);
    }

    /// <summary>Whether a <c>descr</c> names NumPy's object dtype (<c>|O</c>), whose data is a pickle rather than raw
    /// elements.</summary>
    public static bool IsObjectDType(string descr) => descr.TrimStart('<', '>', '|', '=') is "O" or "O8" or "O4";

    /// <summary>
    /// The magic, version and header dict, checked: the parsed header, the byte offset where the data starts, and the
    /// bytes left after the header when <paramref name="remaining"/> is known. The stream is left at the data.
    /// </summary>
    internal static (NpyHeader Header, long DataStart, long? Left) ReadHeader(
        Stream stream, long? remaining, string source)
    {
        // Magic, version and header length: 10 bytes in v1, 12 in v2/v3.
        var start = ReadPrefix(stream, 8, remaining, source);
        if (!start.AsSpan(0, 6).SequenceEqual(Magic))
            throw FormatInput.Malformed(source, "header",
                "not a .npy file: expected the magic bytes 93 4E 55 4D 50 59 " +
                $"(\\x93NUMPY), found {Convert.ToHexString(start, 0, 6)}");
        byte major = start[6], minor = start[7];
        if (major is < 1 or > 3 || minor != 0)
            throw FormatInput.Malformed(source, "header",
                $"unsupported .npy version {major}.{minor}; expected 1.0, 2.0 or 3.0");
        int lengthBytes = major == 1 ? 2 : 4;
        var len = FormatInput.ReadExactly(stream, lengthBytes, remaining - 8, source, "header length");
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(len)
            : BinaryPrimitives.ReadUInt32LittleEndian(len);
        long? left = remaining - 8 - lengthBytes;

        var headerBytes = FormatInput.ReadExactly(stream, headerLength, left, source, "header");
        left -= headerLength;
        // v3 exists only to allow UTF-8 field names; v1 and v2 are latin-1.
        string text = major == 3 ? DecodeUtf8(headerBytes, source) : Encoding.Latin1.GetString(headerBytes);
        return (ParseHeader(text, source), 8 + lengthBytes + headerLength, left);
    }

    /// <summary>The raw elements after a numeric header, decoded into a tensor; see the remarks on
    /// <see cref="NpyReader"/>.</summary>
    internal static LoadedArray ReadData(Stream stream, NpyHeader header, long? left, string source)
    {
        var type = ParseDType(header.DType, source);
        if (header.FortranOrder)
            throw FormatInput.Malformed(source, "header",
                "the array is stored in Fortran (column-major) order, which " +
                "DeepSeq does not read; save it with np.save(path, np.ascontiguousarray(a))");
        var dims = header.Shape.ToArray();
        var (elements, bytes) = FormatInput.Count(dims, type.Size, source);
        if (left is long l && bytes > l)
            throw FormatInput.Malformed(source, "header", $"the header's shape {FormatInput.FormatDims(dims)} of " +
                $"'{header.DType}' needs {bytes} bytes of data but only {l} remain in the file");
        var shape = FormatInput.ToShape(dims, elements, source);

        var raw = FormatInput.ReadExactly(stream, bytes, left, source, "data");
        FormatInput.ExpectEnd(stream, left - bytes, source);
        return FormatInput.Decode(raw, type, shape, source);
    }

    /// <summary>
    /// The pickle after an object-dtype header, decoded as a 1-D array of int lists whose length the header's shape
    /// gives. <paramref name="dataStart"/> makes the pickle's error offsets count from the start of the file.
    /// </summary>
    internal static int[][] ReadIntListData(Stream stream, NpyHeader header, long dataStart, long? left, string source)
    {
        if (!IsObjectDType(header.DType))
            throw FormatInput.Malformed(source, "header",
                $"dtype '{header.DType}' is numeric, not an object array of lists; read it with NpyReader.Read");
        if (header.Shape.Count != 1)
            throw FormatInput.Malformed(source, "header", "the object array has shape " +
                $"{FormatInput.FormatDims(header.Shape.ToArray())}; only 1-D arrays of lists are read");
        byte[] pickle = ReadPickle(stream, left, source);
        var rows = PickleReader.ReadIntLists(pickle, source, dataStart);
        if (rows.Length != header.Shape[0])
            throw FormatInput.Malformed(source, "header", "the header's shape " +
                $"{FormatInput.FormatDims(header.Shape.ToArray())} disagrees with the {rows.Length} pickled elements");
        return rows;
    }

    /// <summary>
    /// The pickle runs to the end of the file, so its length is whatever the source declares (a zip member's size)
    /// or holds. The declaration is checked, not trusted: the buffer grows only as bytes arrive, never past it.
    /// </summary>
    private static byte[] ReadPickle(Stream stream, long? left, string source)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > (left ?? Array.MaxLength))
                throw left is long max
                    ? FormatInput.Malformed(source, "end of file",
                        $"more than the declared {max} bytes of pickled data follow the header")
                    : FormatInput.Malformed(source, "data",
                        $"the pickled data is more than a .NET array can hold ({Array.MaxLength} bytes)");
        }
        if (left is long l && buffer.Length < l)
            throw FormatInput.Malformed(source, "end of file",
                $"truncated: the pickled data needs {l} bytes but the file ends after {buffer.Length}");
        return buffer.ToArray();
    }

    // The first bytes, with a message that tells an empty file from a short one.
    private static byte[] ReadPrefix(Stream stream, int count, long? remaining, string source)
    {
        var buffer = new byte[count];
        int filled = 0, read;
        while (filled < count && (read = stream.Read(buffer, filled, count - filled)) > 0) filled += read;
        if (filled == 0)
            throw FormatInput.Malformed(source, "end of file",
                "the file is empty; expected a .npy file starting with \\x93NUMPY");
        if (filled < count)
            throw FormatInput.Malformed(source, "end of file",
                $"truncated: a .npy file starts with {count} bytes of magic and " +
                $"version, but the file holds only {filled}");
        return buffer;
    }

    private static string DecodeUtf8(byte[] bytes, string source)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException)
        {
            throw FormatInput.Malformed(source, "header", "the v3.0 header is not valid UTF-8");
        }
    }

    /// <summary>
    /// Parses the header dict. NumPy writes exactly the keys <c>descr</c>, <c>fortran_order</c> and <c>shape</c>
    /// (in that order, with a trailing comma, padded with spaces and ended by '\n'); any order and spacing of
    /// the same three keys is accepted, as NumPy's own reader does, and anything else is an
    /// <see cref="DataFormatException"/> naming <paramref name="source"/> and what was expected.
    /// </summary>
    public static NpyHeader ParseHeader(string header, string source = "header")
    {
        var parser = new DictParser(header, source);
        var dict = parser.ParseDict();
        foreach (var key in dict.Keys)
            if (key is not ("descr" or "fortran_order" or "shape"))
                throw FormatInput.Malformed(source, "header",
                    $"unexpected header key '{key}'; expected exactly 'descr', 'fortran_order' and 'shape'");
        object Get(string key) => dict.TryGetValue(key, out var v) ? v
            : throw FormatInput.Malformed(source, "header",
                $"the header has no '{key}' entry; expected 'descr', 'fortran_order' and 'shape'");
        var descr = Get("descr") switch
        {
            string s => s,
            List<object> => throw FormatInput.Malformed(source, "header",
                "unsupported dtype: the array has a structured dtype " +
                "(a list of fields); expected a plain numeric dtype such as '<f4'"),
            var other => throw FormatInput.Malformed(source, "header",
                $"'descr' should be a string like '<f4', found {Describe(other)}"),
        };
        var fortran = Get("fortran_order") is bool f ? f
            : throw FormatInput.Malformed(source, "header",
                $"'fortran_order' should be True or False, found {Describe(Get("fortran_order"))}");
        var shape = Get("shape") is List<long> dims ? dims
            : throw FormatInput.Malformed(source, "header",
                $"'shape' should be a tuple of integers like (2, 3), found {Describe(Get("shape"))}");
        foreach (long d in shape)
            if (d < 0)
                throw FormatInput.Malformed(source, "header",
                    $"'shape' has a negative dimension: {FormatInput.FormatDims(shape.ToArray())}");
        return new NpyHeader(descr, fortran, shape);
    }

    private static string Describe(object value) => value switch
    {
        string s => $"the string '{s}'",
        bool b => b ? "True" : "False",
        long n => $"the number {n}",
        _ => "a list",
    };

    /// <summary>
    /// Splits a dtype string such as <c>&lt;f4</c> into byte order, kind and size, refusing what DeepSeq cannot hold.
    /// </summary>
    internal static FormatInput.ElementType ParseDType(string descr, string source)
    {
        const string expected =
            "expected one of f2, f4, f8, i1, i2, i4, i8, u1, u2, b1 with byte order '<', '>', '|' or '='";
        if (descr.Contains('O'))
            throw FormatInput.Malformed(source, "header",
                $"unsupported dtype '{descr}': an object array holds pickled Python " +
                "objects, which NpyReader.Read does not unpickle (it could run arbitrary code); " +
                "NpyReader.ReadIntLists reads the one kind DeepSeq supports, a 1-D array of lists of ints, or save a " +
                "numeric array instead");
        string body = descr;
        bool bigEndian = false;
        if (body.Length > 0 && body[0] is '<' or '>' or '|' or '=')
        {
            bigEndian = body[0] == '>';
            body = body[1..];
        }
        if (body.Length < 2
            || !int.TryParse(body.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int size))
            throw FormatInput.Malformed(source, "header", $"unsupported dtype '{descr}'; {expected}");
        var type = new FormatInput.ElementType(body[0], size, bigEndian);
        if (!type.IsSupported)
            throw FormatInput.Malformed(source, "header", $"unsupported dtype '{descr}'; {expected}");
        return type;
    }

    /// <summary>
    /// A recursive-descent parser for the tiny subset of Python literals a .npy header uses: a dict of string
    /// keys whose values are strings, True/False, tuples of integers (the shape) or lists (structured dtypes,
    /// parsed only so they can be refused by name).
    /// </summary>
    private sealed class DictParser(string text, string source)
    {
        private int _pos;

        public Dictionary<string, object> ParseDict()
        {
            SkipSpace();
            Expect('{', "the header to start with '{'");
            var dict = new Dictionary<string, object>();
            while (true)
            {
                SkipSpace();
                if (TryTake('}')) break;
                if (Peek() is not ('\'' or '"'))
                    throw Error("a quoted key or '}'");
                string key = ParseString();
                SkipSpace();
                Expect(':', $"':' after the key '{key}'");
                SkipSpace();
                if (!dict.TryAdd(key, ParseValue()))
                    throw FormatInput.Malformed(source, "header", $"the header repeats the key '{key}'");
                SkipSpace();
                if (TryTake('}')) break;
                Expect(',', "',' or '}' after a value");
            }
            SkipSpace();
            if (_pos != text.Length)
                throw Error("nothing but spaces and '\\n' after the closing '}'");
            return dict;
        }

        private object ParseValue()
        {
            char c = Peek();
            if (c is '\'' or '"') return ParseString();
            if (c == '(') return ParseTuple(')');
            if (c == '[') { ParseList(); return new List<object>(); }
            if (Word("True")) return true;
            if (Word("False")) return false;
            if (char.IsAsciiDigit(c)) return ParseInt();
            throw Error("a string, True, False or a tuple");
        }

        private string ParseString()
        {
            char quote = text[_pos++];
            int end = text.IndexOf(quote, _pos);
            if (end < 0) throw Error($"a closing {quote} for the string");
            var s = text[_pos..end];
            _pos = end + 1;
            return s;
        }

        private List<long> ParseTuple(char close)
        {
            _pos++;   // the opening bracket
            var items = new List<long>();
            while (true)
            {
                SkipSpace();
                if (TryTake(close)) return items;
                items.Add(ParseInt());
                SkipSpace();
                if (TryTake(close)) return items;
                Expect(',', $"',' or '{close}' in the shape tuple");
            }
        }

        // Structured dtypes: skip a bracketed list of anything, balancing brackets, without interpreting it.
        private void ParseList()
        {
            int depth = 0;
            do
            {
                if (_pos >= text.Length) throw Error("a closing ']'");
                char c = text[_pos++];
                if (c is '[' or '(') depth++;
                else if (c is ']' or ')') depth--;
            } while (depth > 0);
        }

        private long ParseInt()
        {
            int start = _pos;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
            if (start == _pos) throw Error("an integer");
            if (!long.TryParse(text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture,
                    out long value))
                throw FormatInput.Malformed(source, "header",
                    $"the shape has a dimension too large to be real: {text[start.._pos]}");
            TryTake('L');   // Python 2 wrote long integers as 3L
            return value;
        }

        private bool Word(string word)
        {
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) != 0) return false;
            _pos += word.Length;
            return true;
        }

        private char Peek() => _pos < text.Length ? text[_pos] : '\0';
        private void SkipSpace() { while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++; }
        private bool TryTake(char c) { if (Peek() != c || _pos >= text.Length) return false; _pos++; return true; }
        private void Expect(char c, string what) { if (!TryTake(c)) throw Error(what); }

        private DataFormatException Error(string expected)
        {
            string found = _pos < text.Length ? $"'{text[_pos]}' at position {_pos}" : "the end of the header";
            return FormatInput.Malformed(source, "header",
                $"malformed .npy header: expected {expected}, found {found} in {Quote(text)}");
        }

        private static string Quote(string s)
            => "\"" + (s.Length > 120 ? s[..120] + "…" : s).Replace("\n", "\\n") + "\"";
    }
}
