using DeepSeq.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Data.Preprocessing;

/// <summary>
/// <see cref="HashingTrick"/>: FNV-1a test vectors from the FNV reference (Noll's test suite), Keras's md5 indices
/// (<c>int(hashlib.md5(w.encode()).hexdigest(), 16) % (n - 1) + 1</c>, evaluated in Python), n-grams, properties.
/// </summary>
public sealed class HashingTrickTests
{
    [Fact]
    public void Fnv1aMatchesTheReferenceVectors()
    {
        // FNV reference: FNV-1a-32("") = 0x811c9dc5 (the offset basis), ("a") = 0xe40c292c, ("foobar") = 0xbf9cf968.
        Assert.Equal(0x811c9dc5u, HashingTrick.Fnv1a32(""));
        Assert.Equal(0xe40c292cu, HashingTrick.Fnv1a32("a"));
        Assert.Equal(0xbf9cf968u, HashingTrick.Fnv1a32("foobar"));
    }

    [Fact]
    public void DefaultHashIsFnv1aModNMinusOnePlusOne()
    {
        // FNV-1a-32: hello = 0x4f9f2cab = 1335831723 ≡ 0 (mod 9) → 1; world = 0x37a3e893 = 933488787 ≡ 3 → 4;
        // the = 0xb40eb21c = 3020862108 ≡ 1 → 2 (digit sums 36, 57, 37 give the residues mod 9).
        Assert.Equal([1, 4, 2, 1], HashingTrick.Hash("Hello, world! The hello.", 10));
        Assert.Equal(HashingTrick.Hash("Hello, world! The hello.", 10), HashingTrick.OneHot("Hello, world! The hello.", 10));
    }

    [Fact]
    public void Md5GivesKerasIndices()
    {
        // Keras: hashing_trick("hello world the", 10, 'md5') → [8, 9, 6]; with n = 1000 → [800, 90, 132].
        Assert.Equal([8, 9, 6], HashingTrick.Hash("hello world the", 10, HashFunction.Md5));
        Assert.Equal([800, 90, 132], HashingTrick.Hash("hello world the", 1000, HashFunction.Md5));
    }

    [Fact]
    public void NGramsAreContiguousWindows()
    {
        // zip(*[t[i:] for i in range(2)]) over [1, 4, 9, 4] → (1, 4), (4, 9), (9, 4)
        var grams = HashingTrick.NGrams([1, 4, 9, 4], 2);
        Assert.Equal(3, grams.Length);
        Assert.Equal([1, 4], grams[0]);
        Assert.Equal([4, 9], grams[1]);
        Assert.Equal([9, 4], grams[2]);
        Assert.Empty(HashingTrick.NGrams(["a", "b"], 3));
        Assert.Equal(2, HashingTrick.NGrams(["a", "b"], 1).Length);
    }

    [Fact]
    public void BadArgumentsThrowClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HashingTrick.Hash("a b", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HashingTrick.Hash("a b", 5, (HashFunction)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => HashingTrick.NGrams([1, 2], 0));
        Assert.Throws<ArgumentNullException>(() => HashingTrick.Hash(null!, 5));
    }

    /// <summary>Every index lies in [1, n − 1], one index per word, and equal words get equal indices.</summary>
    [Property(MaxTest = 300)]
    public Property IndicesStayInRange(NonEmptyString text, PositiveInt size, bool md5)
    {
        int n = size.Get % 1000 + 2;
        var hash = md5 ? HashFunction.Md5 : HashFunction.Fnv1a32;
        var words = TextPreprocessing.TextToWordSequence(text.Get);
        var indices = HashingTrick.Hash(text.Get, n, hash);
        bool range = indices.All(i => i >= 1 && i <= n - 1);
        bool consistent = words.Zip(indices).GroupBy(p => p.First).All(g => g.Select(p => p.Second).Distinct().Count() == 1);
        return (range && consistent && indices.Length == words.Length).Label($"n {n} {hash}");
    }
}
