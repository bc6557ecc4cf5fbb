using DeepSeq.Kernels.Cpu;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>The CPU where kernel against the elementwise definition.</summary>
public sealed class WhereTests
{
    [Property(MaxTest = 100)]
    public Property WhereSelectsByTheCondition(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng);
        var (c, cl) = RandomView(rng, shape);
        for (int i = 0; i < c.Length; i++) c[i] = rng.Next(2);
        var (a, al) = RandomView(rng, shape);
        var (b, bl) = RandomView(rng, shape);
        var (z, zl) = RandomView(rng, shape, allowBroadcast: false);
        Where.Strided(z, zl, c, cl, a, al, b, bl);
        var cs = Read(c, cl); var avs = Read(a, al); var bvs = Read(b, bl);
        var expected = Enumerable.Range(0, cs.Length).Select(i => cs[i] != 0 ? avs[i] : bvs[i]);
        return Read(z, zl).SequenceEqual(expected).ToProperty();
    }
}
