using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// Minimal writers for the formats under test, written from the format descriptions (not from the readers),
/// so a round trip checks the readers against an independent encoder.
/// </summary>
internal static class FormatWriters
{
    /// <summary>
    /// A .npy file as <c>np.save</c> writes it: magic, version, header length, then the dict padded with spaces
    /// and ended by '\n' so that the data starts at a multiple of 64 bytes.
    /// </summary>
    public static byte[] Npy(string descr, long[] shape, byte[] data, int major = 1, bool fortran = false, string? header = null)
    {
        header ??= $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {PythonTuple(shape)}, }}";
        int prefix = major == 1 ? 10 : 12;
        int pad = 64 - (prefix + header.Length + 1) % 64;
        header += new string(' ', pad % 64) + "\n";
        var headerBytes = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        var len = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)headerBytes.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)headerBytes.Length);
        output.Write(len);
        output.Write(headerBytes);
        output.Write(data);
        return output.ToArray();
    }

    /// <summary>Python's repr of a shape tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 3)</c>.</summary>
    public static string PythonTuple(long[] shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape) + ")",
    };

    /// <summary>Encodes <paramref name="values"/> (doubles standing in for any type) as elements of a dtype.</summary>
    public static byte[] Encode(char kind, int size, bool bigEndian, double[] values)
    {
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            var span = bytes.AsSpan(i * size, size);
            double v = values[i];
            switch (kind, size)
            {
                case ('f', 2): if (bigEndian) BinaryPrimitives.WriteHalfBigEndian(span, (Half)v); else BinaryPrimitives.WriteHalfLittleEndian(span, (Half)v); break;
                case ('f', 4): if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(span, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(span, (float)v); break;
                case ('f', 8): if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(span, v); else BinaryPrimitives.WriteDoubleLittleEndian(span, v); break;
                case ('i', 1): span[0] = (byte)(sbyte)v; break;
                case ('u', 1): case ('b', 1): span[0] = (byte)v; break;
                case ('i', 2): if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(span, (short)v); else BinaryPrimitives.WriteInt16LittleEndian(span, (short)v); break;
                case ('u', 2): if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)v); else BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)v); break;
                case ('i', 4): if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(span, (int)v); else BinaryPrimitives.WriteInt32LittleEndian(span, (int)v); break;
                case ('i', 8): if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(span, (long)v); else BinaryPrimitives.WriteInt64LittleEndian(span, (long)v); break;
                default: throw new ArgumentException($"no encoder for {kind}{size}");
            }
        }
        return bytes;
    }

    /// <summary>A .npz archive: each member stored as <c>name.npy</c>, deflated or stored as NumPy's two savez functions do.</summary>
    public static byte[] Npz(bool compressed, params (string Name, byte[] Npy)[] members)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, npy) in members)
            {
                var entry = zip.CreateEntry(name + ".npy", compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var s = entry.Open();
                s.Write(npy);
            }
        return output.ToArray();
    }

    /// <summary>An IDX file: 00 00 type rank, one big-endian uint32 per dimension, then the (big-endian) data.</summary>
    public static byte[] Idx(byte typeCode, int[] dims, byte[] data)
    {
        var output = new MemoryStream();
        output.Write([0, 0, typeCode, (byte)dims.Length]);
        var size = new byte[4];
        foreach (int d in dims) { BinaryPrimitives.WriteUInt32BigEndian(size, (uint)d); output.Write(size); }
        output.Write(data);
        return output.ToArray();
    }

    /// <summary>The gzip encoding of <paramref name="data"/>.</summary>
    public static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return output.ToArray();
    }

    /// <summary>A stream that can neither seek nor tell its length: what a network or decompression stream looks like.</summary>
    public sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7)); // short reads on purpose
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
