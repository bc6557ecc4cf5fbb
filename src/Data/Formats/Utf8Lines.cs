namespace DeepSeq.Data.Formats;

/// <summary>
/// Reads a stream line by line as UTF-8, knowing each line's number and byte offset, so that a decoding error names
/// the line and the byte of the file (a <see cref="StreamReader"/> only knows an index into its own buffer).
/// </summary>
/// <remarks>Lines end at LF; a CR before it stays in the line (the callers trim it). The buffer holds the longest
/// line read so far, at least 64 KiB.</remarks>
internal sealed class Utf8Lines(Stream stream, string path, Utf8Decoding decoding)
{
    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private bool _eof;
    private long _offset;   // the file offset of _buffer[_start]

    /// <summary>The 1-based number of the line the last <see cref="ReadLine"/> returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its LF, or null at the end of the stream.</summary>
    public string? ReadLine()
    {
        int searched = 0;
        while (true)
        {
            int length = _end - _start;
            int newline = _buffer.AsSpan(_start + searched, length - searched).IndexOf((byte)'\n');
            if (newline >= 0) return Take(searched + newline, 1);
            searched = length;
            if (_eof) return length == 0 ? null : Take(length, 0);
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
                (_start, _end) = (0, length);
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, checked(_buffer.Length * 2));
            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _eof = true;
            else _end += read;
        }
    }

    private string Take(int length, int terminator)
    {
        LineNumber++;
        string line = decoding.Decode(_buffer.AsSpan(_start, length), path, _offset, LineNumber);
        _start += length + terminator;
        _offset += length + terminator;
        return line;
    }
}
