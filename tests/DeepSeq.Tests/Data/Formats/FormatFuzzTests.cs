using DeepSeq.Data;
using DeepSeq.Data.Formats;
using Xunit;
using static DeepSeq.Tests.Data.Formats.FormatWriters;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// A small seeded fuzz test: valid files with random byte flips and truncations. A reader may accept a
/// mutated file (a flipped data byte is still a valid file), but when it refuses, the only exceptions allowed
/// is <see cref="DataFormatException"/>: no IndexOutOfRange, no
/// OverflowException, no OutOfMemory from a header that lies. Covers <c>src/Data/Formats/NpyReader.cs</c>,
/// <c>IdxReader.cs</c> and <c>NpzReader.cs</c>, with the bounded reads of <c>FormatInput.cs</c> they share.
/// </summary>
public sealed class FormatFuzzTests
{
    private static readonly (string Name, byte[] Bytes, Func<Stream, object> Read)[] Seeds =
    [
        ("npy f4", Npy("<f4", [3, 4], Encode('f', 4, false, [.. Enumerable.Range(0, 12).Select(i => (double)i)])), s => NpyReader.Read(s, "fuzz.npy")),
        ("npy i8 v2", Npy("<i8", [5], Encode('i', 8, false, [1, 2, 3, 4, 5]), major: 2), s => NpyReader.Read(s, "fuzz.npy")),
        ("idx ubyte", Idx(0x08, [2, 4, 4], [.. Enumerable.Range(0, 32).Select(i => (byte)i)]), s => IdxReader.Read(s, "fuzz-idx3-ubyte")),
        ("idx float gz", Gzip(Idx(0x0D, [6], Encode('f', 4, true, [1, 2, 3, 4, 5, 6]))), s => IdxReader.Read(s, "fuzz-idx1.gz")),
        ("npz", Npz(true, ("a", Npy("<f8", [2], Encode('f', 8, false, [1, 2]))), ("b", Npy("|u1", [3], [1, 2, 3]))), s => NpzReader.Read(s, "fuzz.npz")),
    ];

    [Fact]
    public void MutatedFilesThrowOnlyFormatExceptions()
    {
        var rng = new Random(20240601);
        for (int iteration = 0; iteration < 300; iteration++)
        {
            var (name, valid, read) = Seeds[iteration % Seeds.Length];
            var bytes = (byte[])valid.Clone();
            int mutation = rng.Next(3);   // 0: flip bytes, 1: truncate, 2: both
            if (mutation != 1)
                for (int flips = rng.Next(1, 5); flips > 0; flips--)
                    bytes[rng.Next(bytes.Length)] ^= (byte)rng.Next(1, 256);
            if (mutation != 0) bytes = bytes[..rng.Next(bytes.Length)];

            Stream stream = rng.Next(2) == 0 || name.Contains("gz") || name == "npz" ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes);
            try { read(stream); }
            catch (Exception e) when (e is DataFormatException) { }
            catch (Exception e)
            {
                Assert.Fail($"iteration {iteration} ({name}, mutation {mutation}, {bytes.Length} bytes): {e.GetType().Name}: {e.Message}\n{Convert.ToHexString(bytes)}");
            }
        }
    }
}
