using DeepSeq.Data;
using System.Diagnostics;
using DeepSeq.Data.Formats;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Data.Formats.FormatWriters;
using static DeepSeq.Tests.Data.Formats.PickleGolden;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// <see cref="PickleReader"/>: NumPy's exact pickle bytes for an object array of int lists, round trips over random
/// ragged rows in every protocol and writer flavour, and malicious or damaged pickles refused quickly with the
/// documented exception types.
/// </summary>
public sealed class PickleReaderTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(2);

    private static int[][] Read(byte[] pickle) => PickleReader.ReadIntLists(pickle, "x.npy");

    [Fact]
    public void ReadsTheExactBytesNumPyWritesForAnObjectArrayOfLists()
    {
        var rows = Read(GoldenProtocol3);
        Assert.Equal(2, rows.Length);
        Assert.Equal([1, 14], rows[0]);
        Assert.Empty(rows[1]);
        // The test writer must agree with the hand-written bytes, or its round trips would prove little.
        Assert.Equal(GoldenProtocol3, PickleWriter.ObjectArray([[1, 14], []], protocol: 3));
    }

    /// <summary>One writer flavour: protocol, Python 2, NumPy 1 or 2 module name.</summary>
    private static readonly (int Protocol, bool Python2, string Multiarray)[] Flavours =
    [
        (2, false, "numpy.core.multiarray"), (2, true, "numpy.core.multiarray"), (3, false, "numpy.core.multiarray"),
        (3, false, "numpy._core.multiarray"), (4, false, "numpy.core.multiarray"), (4, false, "numpy._core.multiarray"),
        (5, false, "numpy._core.multiarray"),
    ];

    [Property(MaxTest = 150)]
    public Property RoundTripsRaggedRowsInEveryProtocol(int seed)
    {
        var rng = new Random(seed);
        var (protocol, python2, multiarray) = Flavours[rng.Next(Flavours.Length)];
        // Rows of 0..40 ints, some empty, values spanning every int opcode: BININT1, BININT2, BININT (negative too).
        long[][] rows = [.. Enumerable.Range(0, rng.Next(0, 12)).Select(_ =>
            Enumerable.Range(0, rng.Next(0, 3) == 0 ? 0 : rng.Next(1, 41)).Select(_ => rng.Next(4) switch
            {
                0 => (long)rng.Next(256),
                1 => rng.Next(256, 65536),
                2 => rng.Next(65536, int.MaxValue),
                _ => rng.Next(int.MinValue, 0),
            }).ToArray())];
        // A small APPENDS batch so that some lists span several batches, and single-item batches use APPEND.
        int batch = rng.Next(1, 8);
        var pickle = PickleWriter.ObjectArray(rows, protocol, python2, multiarray, batch);

        var read = Read(pickle);
        bool same = read.Length == rows.Length && read.Zip(rows).All(p => p.First.Select(v => (long)v).SequenceEqual(p.Second));
        return same.Label($"protocol {protocol}, python2 {python2}, {multiarray}, batch {batch}, {rows.Length} rows");
    }

    [Fact]
    public void ManyMemoEntriesUseLongBinPutAndASharedListComesBackAsOneArray()
    {
        // 300 rows: memo indices pass 255, so protocol 3 switches to LONG_BINPUT, and the list object that appears
        // twice is recalled the second time with LONG_BINGET; in protocol 4 the module 'numpy' is recalled with BINGET.
        long[] shared = [5, 6, 7];
        var rows = Enumerable.Range(0, 300).Select(i => new long[] { i, i + 1 }).Append(shared).Append(shared).ToList();
        foreach (int protocol in new[] { 3, 4 })
        {
            var pickle = PickleWriter.ObjectArray(rows, protocol);
            var read = Read(pickle);
            Assert.Equal(302, read.Length);
            Assert.Equal([299, 300], read[299]);
            Assert.Equal([5, 6, 7], read[300]);
            Assert.Same(read[300], read[301]);
        }
    }

    [Fact]
    public void Python2LongsAreLong1AndWideOnesAreNotSupported()
    {
        // Python 2 wrote every long with LONG1, including 0 (no bytes), negatives and values in the int range.
        long[][] rows = [[0, 1, 255, 256, -1, -129, int.MaxValue, int.MinValue]];
        var pickle = PickleWriter.ObjectArray(rows, protocol: 2, python2: true);
        Assert.Equal([0, 1, 255, 256, -1, -129, int.MaxValue, int.MinValue], Read(pickle)[0]);

        // 2⁴⁰ is a valid pickle int, but no word index: refused as not supported, naming the element.
        var wide = PickleWriter.ObjectArray([[1, 1L << 40]], protocol: 3);
        var e = Assert.Throws<DataFormatException>(() => Read(wide));
        Assert.Contains("element 0", e.Message);
        Assert.Contains("1099511627776", e.Message);
    }

    // --- malicious and damaged pickles ----------------------------------------------------------------------------

    [Fact]
    public void AGlobalOutsideTheWhitelistIsRefusedByNameAndOffset()
    {
        // The classic exploit: os.system('echo pwned') via GLOBAL + REDUCE. It must stop at the GLOBAL, at offset 2.
        byte[] exploit = [0x80, 2, 0x63, .. "os\nsystem\n"u8, 0x58, 10, 0, 0, 0, .. "echo pwned"u8, 0x85, 0x52, 0x2E];
        var e = Assert.Throws<DataFormatException>(() => Read(exploit));
        Assert.StartsWith("x.npy: byte 2: GLOBAL (0x63) at byte offset 2 names the global 'os.system'", e.Message);

        // The protocol 4 spelling: STACK_GLOBAL of two strings.
        byte[] stacked = [0x80, 4, 0x8C, 8, .. "builtins"u8, 0x8C, 4, .. "eval"u8, 0x93, 0x2E];
        var s = Assert.Throws<DataFormatException>(() => PickleReader.ReadIntLists(stacked, "x.npy", startOffset: 128));
        Assert.StartsWith("x.npy: byte 146: STACK_GLOBAL (0x93) at byte offset 146 names the global 'builtins.eval'", s.Message);
    }

    [Property(MaxTest = 300)]
    public Property MutatedPicklesFailOnlyWithTheDocumentedExceptions(int seed)
    {
        // Flip, delete or insert a few bytes of a valid pickle; whatever happens, only the two documented
        // exception types may come out (an IndexOutOfRange or InvalidCast would be a bug in the reader).
        var rng = new Random(seed);
        var flavour = Flavours[rng.Next(Flavours.Length)];
        var bytes = PickleWriter.ObjectArray([[1, 300], [], [70000, -2, 5]], flavour.Protocol, flavour.Python2, flavour.Multiarray, batch: 2).ToList();
        for (int edits = rng.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(3))
            {
                case 0: bytes[at] ^= (byte)rng.Next(1, 256); break;
                case 1: bytes.RemoveAt(at); break;
                default: bytes.Insert(at, (byte)rng.Next(256)); break;
            }
        }
        try { Read([.. bytes]); return true.ToProperty(); }
        catch (Exception e) when (e is DataFormatException) { return true.ToProperty(); }
        catch (Exception e) { return false.Label($"{e.GetType().Name}: {e.Message} for {Convert.ToHexString([.. bytes])}"); }
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 3, 0x42, 0xF0, 0xFF, 0xFF, 0xFF }, "BINBYTES (0x42) at byte offset 2 needs 4294967280 bytes")]
    [InlineData(new byte[] { 0x80, 3, 0x58, 0xFF, 0xFF, 0xFF, 0x7F, 0x41 }, "BINUNICODE (0x58) at byte offset 2 needs 2147483647 bytes")]
    [InlineData(new byte[] { 0x80, 2, 0x8B, 0xFF, 0xFF, 0xFF, 0x7F, 0 }, "LONG4 (0x8B) at byte offset 2 needs 2147483647 bytes")]
    [InlineData(new byte[] { 0x80, 2, 0x54, 0xFF, 0xFF, 0xFF, 0xFF }, "BINSTRING (0x54) at byte offset 2 declares the negative length -1")]
    [InlineData(new byte[] { 0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x2E }, "FRAME (0x95) declares 9223372036854775808 bytes")]
    public void ALyingLengthFailsBeforeAllocating(byte[] pickle, string expected)
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<DataFormatException>(() => Read(pickle));
        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void EveryTruncationIsRefused()
    {
        // Protocol 3 stops at each opcode in turn; in protocol 4 the FRAME's length already gives the cut away.
        foreach (int protocol in new[] { 2, 3, 4 })
        {
            var pickle = PickleWriter.ObjectArray([[1, 300, 70000], [], [-5]], protocol);
            for (int length = 0; length < pickle.Length; length++)
            {
                var e = Assert.Throws<DataFormatException>(() => Read(pickle[..length]));
                Assert.StartsWith("x.npy: ", e.Message);
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 2, 0xFF, 0x2E }, typeof(DataFormatException), "byte 0xFF at byte offset 2 is not a pickle opcode")]
    [InlineData(new byte[] { 0x80, 2, 0x7D, 0x2E }, typeof(DataFormatException), "EMPTY_DICT (0x7D) at byte offset 2 is not supported")]
    [InlineData(new byte[] { 0x80, 2, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0x2E }, typeof(DataFormatException), "BINFLOAT (0x47) at byte offset 2 is not supported")]
    [InlineData(new byte[] { 0x28, 0x4B, 1, 0x2E }, typeof(DataFormatException), "protocol 0 or 1")]
    [InlineData(new byte[] { 0x80, 6, 0x2E }, typeof(DataFormatException), "announces pickle protocol 6")]
    [InlineData(new byte[] { 0x80, 2, 0x52, 0x2E }, typeof(DataFormatException), "REDUCE (0x52) at byte offset 2 needs a value on the stack")]
    [InlineData(new byte[] { 0x80, 2, 0x68, 7, 0x2E }, typeof(DataFormatException), "BINGET (0x68) at byte offset 2 recalls memo entry 7, which was never stored")]
    [InlineData(new byte[] { 0x80, 2, 0x4B, 1, 0x2E, 0x2E }, typeof(DataFormatException), "1 bytes follow STOP (0x2E) at byte offset 4")]
    [InlineData(new byte[] { 0x80, 2, 0x4B, 1, 0x4B, 1, 0x2E }, typeof(DataFormatException), "STOP (0x2E) at byte offset 6 finds 2 values")]
    [InlineData(new byte[] { 0x80, 2, 0x4B, 1, 0x2E }, typeof(DataFormatException), "the pickle holds the int 1; expected a NumPy object array")]
    [InlineData(new byte[] { 0x80, 2, 0x65, 0x2E }, typeof(DataFormatException), "APPENDS (0x65) at byte offset 2 needs a MARK")]
    [InlineData(new byte[] { 0x80, 2, 0x4B, 1, 0x4B, 2, 0x61, 0x2E }, typeof(DataFormatException), "APPEND (0x61) at byte offset 6 appends to the int 1")]
    public void BadOpcodesAndStackMisuseAreRefused(byte[] pickle, Type expected, string message)
    {
        var e = Assert.Throws(expected, () => Read(pickle));
        Assert.StartsWith("x.npy: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ArraysOtherThanOneDimensionalObjectArraysOfIntListsAreRefused()
    {
        // A numeric dtype: the state's data would be raw bytes, not a list.
        var int64 = new PickleWriter(3).Dump(Retype(PickleWriter.NumpyArray([[1]]), "i8"));
        Assert.Contains("dtype 'i8'", Assert.Throws<DataFormatException>(() => Read(int64)).Message);

        // An element that is a tuple, or a list holding a str.
        var state = (object?[])PickleWriter.NumpyArray([[1]]).State!;
        Assert.Contains("element 0 of the pickled array is a 2-tuple", Assert.Throws<DataFormatException>(
            () => Read(new PickleWriter(3).Dump(WithData(state, new object?[] { 1L, 2L })))).Message);

        // A 2-D shape, and a shape that disagrees with the number of elements.
        Assert.Contains("shape (1, 1)", Assert.Throws<DataFormatException>(
            () => Read(new PickleWriter(3).Dump(WithShape(state, [1L, 1L])))).Message);
        Assert.Contains("shape (3) disagrees with its 1 elements", Assert.Throws<DataFormatException>(
            () => Read(new PickleWriter(3).Dump(WithShape(state, [3L])))).Message);
    }

    private static PickleWriter.Reduce Retype(PickleWriter.Reduce array, string descr)
    {
        var state = (object?[])array.State!;
        var dtype = (PickleWriter.Reduce)state[2]!;
        return array with { State = new object?[] { state[0], state[1], dtype with { Args = [descr, false, true] }, state[3], "x"u8.ToArray() } };
    }

    private static PickleWriter.Reduce WithData(object?[] state, object? element)
        => PickleWriter.NumpyArray([[1]]) with { State = new object?[] { state[0], state[1], state[2], state[3], new List<object?> { element } } };

    private static PickleWriter.Reduce WithShape(object?[] state, object?[] shape)
        => PickleWriter.NumpyArray([[1]]) with { State = new object?[] { state[0], shape, state[2], state[3], state[4] } };
}
