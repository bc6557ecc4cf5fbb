using System.Numerics;
using DeepSeq.Layers.Saving;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Saving;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Write then read gives back every tensor bit for bit — every dtype, scalars, empty tensors, NaN payloads,
/// negative zeros — in the reference writer's order, and the metadata. A round-trip sweep covering SafeTensor.cs
/// (From, ToTensor), SafeTensorDType.cs, SafeTensorsFile.cs (Write, Read) and SafeTensorsHeader.cs.
/// </summary>
public sealed class SafeTensorsRoundTripTests : SafeTensorsTestBase
{
    private static readonly Shape[] EdgeShapes = [[], [0], [3], [2, 0, 3], [2, 3], [1, 1, 1, 1, 1, 1, 1, 2]];

    private void TensorsOfEveryShapeRoundTrip<T>(Func<int, T> value) where T : unmanaged, INumber<T>
    {
        var tensors = EdgeShapes.Select((shape, i) =>
            Tensor.FromArray(Enumerable.Range(0, shape.Size).Select(value).ToArray().AsSpan(), shape)).ToList();
        var read = RoundTrip(tensors.Select((t, i) => SafeTensor.From($"t{i}", t)));
        for (int i = 0; i < tensors.Count; i++)
        {
            var back = read[$"t{i}"];
            Assert.Equal(SafeTensorDTypes.Of<T>(), back.DType);
            Assert.Equal(tensors[i].Shape, back.Shape);
            Assert.Equal(tensors[i].ToArray(), back.ToTensor<T>().ToArray());
        }
    }

    [Fact] public void FloatTensorsRoundTrip() => TensorsOfEveryShapeRoundTrip(i => i * 0.1f - 1f);
    [Fact] public void DoubleTensorsRoundTrip() => TensorsOfEveryShapeRoundTrip(i => Math.PI * i - 2);
    [Fact] public void IntTensorsRoundTrip() => TensorsOfEveryShapeRoundTrip(i => int.MinValue + 977 * i);
    [Fact] public void LongTensorsRoundTrip() => TensorsOfEveryShapeRoundTrip(i => long.MaxValue - 3L * i);
    [Fact] public void ByteTensorsRoundTrip() => TensorsOfEveryShapeRoundTrip(i => (byte)(250 + i));

    [Fact]
    public void MetadataRoundTripsAndIsEmptyWhenAbsent()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "deepseq", ["keras_version"] = "3.0", ["empty"] = "", ["quote \" and é"] = "line\nbreak" };
        var read = RoundTrip([], metadata);
        Assert.Equal(metadata.OrderBy(kv => kv.Key), read.Metadata.OrderBy(kv => kv.Key));
        Assert.Empty(RoundTrip([]).Metadata);
    }

    // ---- property: random tensors of random dtypes and shapes, random bits (so NaN payloads, −0, subnormals) ----

    private static readonly Gen<SafeTensorDType> DType = Gen.Elements(Enum.GetValues<SafeTensorDType>());

    private static readonly Gen<int[]> Dims =
        from rank in Gen.Choose(0, 4)
        from dims in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 4))), rank)
        select dims;

    private static Gen<SafeTensor> Entry(string name) =>
        from dtype in DType
        from dims in Dims
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), new Shape(dims).Size * dtype.Size)
        select new SafeTensor(name, dtype, new Shape(dims), bytes);

    private static readonly Gen<SafeTensor[]> Entries =
        from count in Gen.Choose(0, 5)
        from names in Gen.ArrayOf(Gen.Elements("kernel", "bias", "dense/kernel", "é", "a.b", "gamma", "β", "Z"), count)
        from tensors in Gen.CollectToArray(names.Distinct().Select(Entry))
        select tensors;

    [Fact]
    public void AnyTensorsRoundTripBitForBit() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true), Prop.ForAll(Entries.ToArbitrary(), tensors =>
        {
            var read = RoundTrip(tensors);
            Assert.Equal(tensors.Length, read.Tensors.Count);
            foreach (var written in tensors)
            {
                var back = read[written.Name];
                Assert.Equal(written.DType, back.DType);
                Assert.Equal(written.Shape, back.Shape);
                Assert.Equal(written.Data.ToArray(), back.Data.ToArray());
            }
            // The stored order is the reference writer's: alignment descending, then name.
            var expectedOrder = tensors.OrderByDescending(t => t.DType).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Name);
            Assert.Equal(expectedOrder, read.Tensors.Select(t => t.Name));
        }));

    [Fact]
    public void NaNPayloadsSurviveTheTensorPath() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true), Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(int.MinValue, int.MaxValue)).ToArbitrary(), bits =>
        {
            // Every pattern, plus quiet and signalling NaNs with payloads, and −0.
            int[] patterns = [.. bits, 0x7FC00001, 0x7F800001, unchecked((int)0xFFC12345), unchecked((int)0x80000000)];
            var floats = patterns.Select(BitConverter.Int32BitsToSingle).ToArray();
            var doubles = patterns.Select(b => BitConverter.Int64BitsToDouble(((long)b << 32) | (uint)b)).ToArray();
            var read = RoundTrip([SafeTensor.From("f", Tensor.FromArray(floats)), SafeTensor.From("d", Tensor.FromArray(doubles))]);
            Assert.Equal(patterns, read["f"].ToTensor<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(doubles.Select(BitConverter.DoubleToInt64Bits), read["d"].ToTensor<double>().ToArray().Select(BitConverter.DoubleToInt64Bits));
        }));
}
