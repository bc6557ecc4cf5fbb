using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DeepSeq.Data;

/// <summary>
/// How a text loader treats bytes that are not UTF-8: <see cref="Strict"/> (the default everywhere) refuses the
/// file with a <see cref="DataFormatException"/> giving the file, the line and the byte offset;
/// <see cref="Lenient"/> replaces each invalid sequence with U+FFFD, as <see cref="Encoding.UTF8"/> does, and
/// counts the replacements so that nothing is changed unseen.
/// </summary>
/// <remarks>
/// <para>Why strict by default: a review or a word vector whose bytes were mangled still "trains", and the damage
/// shows up, if ever, as a slightly worse score. Refusing says where the file is wrong.</para>
/// <para>Lenient, for files known to hold a few bad bytes:</para>
/// <code>
/// var utf8 = Utf8Decoding.Lenient();
/// var (train, test) = ImdbReviews.Load(path, utf8);
/// Console.WriteLine($"{utf8.Replacements} invalid sequences replaced, the first at {utf8.FirstReplacement}");
/// </code>
/// <para>A replacement is made per maximal invalid subsequence (Unicode §3.9, "U+FFFD substitution of maximal
/// subparts"), the rule .NET's own decoder follows, so lenient text equals what <c>Encoding.UTF8</c> gives. A UTF-8
/// byte order mark at the start of a file is dropped in both modes. A lenient instance may be shared by several
/// loads (the counts add up) and by several threads.</para>
/// </remarks>
public sealed class Utf8Decoding
{
    private int _replacements;
    private string? _first;

    private Utf8Decoding(bool lenient) => IsLenient = lenient;

    /// <summary>Refuse invalid UTF-8 (the default of every loader). Shared; it never changes.</summary>
    public static Utf8Decoding Strict { get; } = new(lenient: false);

    /// <summary>A new lenient decoding: invalid sequences become U+FFFD and are counted in
    /// <see cref="Replacements"/>.</summary>
    public static Utf8Decoding Lenient() => new(lenient: true);

    /// <summary>Whether invalid sequences are replaced rather than refused.</summary>
    public bool IsLenient { get; }

    /// <summary>How many invalid sequences were replaced with U+FFFD so far (always 0 for
    /// <see cref="Strict"/>).</summary>
    public int Replacements => Volatile.Read(ref _replacements);

    /// <summary>Where the first replacement was made (<c>path: line N, byte M</c>); null while there is
    /// none.</summary>
    public string? FirstReplacement => Volatile.Read(ref _first);

    /// <summary>
    /// Decodes <paramref name="bytes"/>, the part of <paramref name="path"/> that starts at byte
    /// <paramref name="offset"/> of the file, on line <paramref name="line"/>.
    /// </summary>
    internal string Decode(ReadOnlySpan<byte> bytes, string path, long offset = 0, long line = 1)
    {
        if (offset == 0 && bytes.StartsWith("\uFEFF"u8)) { bytes = bytes[3..]; offset = 3; }
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            Span<char> chars = rented.AsSpan(0, bytes.Length);
            int read = 0, written = 0;
            while (true)
            {
                var status = Utf8.ToUtf16(bytes[read..], chars[written..], out int r, out int w,
                    replaceInvalidSequences: false, isFinalBlock: true);
                read += r;
                written += w;
                if (status == OperationStatus.Done) break;
                // InvalidData (NeedMoreData cannot happen with isFinalBlock; DestinationTooSmall cannot either, since
                // UTF-16 never needs more chars than UTF-8 has bytes).
                Rune.DecodeFromUtf8(bytes[read..], out _, out int invalid);
                long at = offset + read;
                long where = line + bytes[..read].Count((byte)'\n');
                if (!IsLenient)
                    throw new DataFormatException(path, $"line {where}, byte {at:N0}",
                        $"invalid UTF-8 (bytes {Convert.ToHexString(bytes.Slice(read, invalid))}); the file must be " +
                        "UTF-8: re-encode it, or pass Utf8Decoding.Lenient() to replace invalid bytes with U+FFFD");
                chars[written++] = '\uFFFD';
                read += invalid;
                if (Interlocked.Increment(ref _replacements) == 1)
                    Interlocked.CompareExchange(ref _first, $"{path}: line {where}, byte {at:N0}", null);
            }
            return new string(chars[..written]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => IsLenient ? $"lenient ({Replacements} replacements)" : "strict";
}
