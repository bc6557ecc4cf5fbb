using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Kernels;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The recurrence op's gradient (the fused backward-through-time kernels of src/Kernels/Cpu/SimpleRnn.cs, Lstm.cs and
/// Gru.cs) against float64 central differences, for every cell and GRU variant, with and without a sequence mask and
/// recurrent dropout masks, over random sizes. The GPU twins are not written yet: the ILGPU device refuses the op,
/// which a test pins.
/// </summary>
public sealed class RecurrenceTests : GradTestBase
{
    protected override Device Device => Device.Cpu;

    public static TheoryData<CellKind, bool> Cells => new()
    {
        { CellKind.SimpleRnn, false }, { CellKind.Lstm, false }, { CellKind.Gru, false }, { CellKind.Gru, true },
    };

    /// <summary>A 0/1 mask (batch, steps) with at least some real steps, as TensorCase values.</summary>
    private static Gen<TensorCase> SequenceMask(int batch, int steps) =>
        GradGen.Input([batch, steps], Gen.Elements(0.0, 1.0, 1.0));

    private static Gen<TensorCase> DropoutMask(int gates, int batch, int units) =>
        GradGen.Input([gates, batch, units], Gen.Elements(0.0, 1.25, 1.25, 1.25));

    [Theory]
    [MemberData(nameof(Cells))]
    public void GradientWithRespectToEveryInput(CellKind kind, bool resetAfter) => Property(
        from batch in Gen.Choose(1, 3)
        from steps in Gen.Choose(1, 4)
        from units in Gen.Choose(1, 3)
        from masked in Gen.Elements(false, true)
        from dropout in Gen.Elements(false, true)
        let gates = RecurrentGeometry.GatesOf(kind)
        from xz in GradGen.Input([batch, steps, gates * units], GradGen.Moderate)
        from u in GradGen.Input([units, gates * units], GradGen.Moderate)
        from h0 in GradGen.Input([batch, units], GradGen.Moderate)
        from extra in GradGen.Input(kind == CellKind.Lstm ? [batch, units] : [gates * units], GradGen.Moderate)
        from mask in SequenceMask(batch, steps)
        from recurrentMask in DropoutMask(gates, batch, units)
        select (xz, u, h0, extra, mask: masked ? mask : null, recurrentMask: dropout ? recurrentMask : null),
        t =>
        {
            var cell = new RecurrentCell(kind, CellActivation.Tanh, CellActivation.Sigmoid, resetAfter);
            bool hasExtra = kind == CellKind.Lstm || resetAfter;
            var mask = t.mask?.Make<double>(Device);
            var recurrentMask = t.recurrentMask?.Make<double>(Device);
            TensorCase[] inputs = hasExtra ? [t.xz, t.u, t.h0, t.extra] : [t.xz, t.u, t.h0];
            AssertGradient(v => v[0].Recurrence(cell, v[1], v[2], hasExtra ? v[3] : null, mask, recurrentMask),
                $"{cell} masked={mask is not null} dropout={recurrentMask is not null}", inputs);
        }, GradCases);

    [Theory]
    [InlineData(CellActivation.HardSigmoid, CellActivation.Relu)]
    [InlineData(CellActivation.Sigmoid, CellActivation.Linear)]
    public void GradientWithTheOtherActivations(CellActivation recurrentActivation, CellActivation activation) =>
        Property(
            from xz in GradGen.Input([2, 3, 12], GradGen.Moderate.Select(v => v / 4))
            from u in GradGen.Input([3, 12], GradGen.Moderate.Select(v => v / 4))
            from h0 in GradGen.Input([2, 3], GradGen.Moderate.Select(v => v / 4))
            from c0 in GradGen.Input([2, 3], GradGen.Moderate.Select(v => v / 4))
            select (xz, u, h0, c0),
            t =>
            {
                var cell = new RecurrentCell(CellKind.Lstm, activation, recurrentActivation);
                AssertGradient(v => v[0].Recurrence(cell, v[1], v[2], v[3]), cell.ToString(), t.xz, t.u, t.h0, t.c0);
            }, GradCases);

    [Fact]
    public void WrongShapesNameTheCellAndTheShape()
    {
        var cell = new RecurrentCell(CellKind.Lstm, CellActivation.Tanh, CellActivation.Sigmoid);
        var xz = new Variable<double>(DeepSeq.Tensor.Zeros<double>([2, 5, 12], Device));
        var u = new Variable<double>(DeepSeq.Tensor.Zeros<double>([3, 12], Device));
        var h0 = new Variable<double>(DeepSeq.Tensor.Zeros<double>([2, 3], Device));
        var badC0 = new Variable<double>(DeepSeq.Tensor.Zeros<double>([2, 4], Device));
        var e = Assert.Throws<ArgumentException>(() => xz.Recurrence(cell, u, h0, badC0));
        Assert.Contains("Lstm", e.Message);
        Assert.Contains("(2,4)", e.Message);
        var badMask = DeepSeq.Tensor.Zeros<double>([2, 4], Device);
        var c0 = new Variable<double>(DeepSeq.Tensor.Zeros<double>([2, 3], Device));
        e = Assert.Throws<ArgumentException>(() => xz.Recurrence(cell, u, h0, c0, badMask));
        Assert.Contains("mask", e.Message);
    }

    [Fact]
    public void TheIlgpuDeviceRefusesUntilItsTwinIsWritten()
    {
        var device = IlgpuDevice.CpuSimulator;
        var cell = new RecurrentCell(CellKind.SimpleRnn, CellActivation.Tanh, CellActivation.Sigmoid);
        var xz = new Variable<double>(DeepSeq.Tensor.Zeros<double>([1, 2, 3], device));
        var u = new Variable<double>(DeepSeq.Tensor.Zeros<double>([3, 3], device));
        var h0 = new Variable<double>(DeepSeq.Tensor.Zeros<double>([1, 3], device));
        var e = Assert.Throws<NotSupportedException>(() => xz.Recurrence(cell, u, h0));
        Assert.Contains("Device.Cpu", e.Message);
    }
}
