using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// ToString golden strings. Where the values are integral the layout is exactly NumPy's <c>repr</c> (default print
/// options: threshold 1000, edgeitems 3, a trailing '.' on integral floats), with <c>array(</c> spelled <c>tensor(</c>
/// — so continuation lines are indented by 8 — and the shape and dtype always shown. Other values use
/// DeepSeq's own rule (6 significant digits, right-aligned), pinned here as it is.
/// </summary>
public sealed class TensorFormatterTests
{
    [Fact]
    public void SmallMatrix()
    {
        // numpy: repr(np.arange(6.).reshape(2, 3)) == 'array([[0., 1., 2.],\n       [3., 4., 5.]])'
        Assert.Equal("tensor([[0., 1., 2.],\n        [3., 4., 5.]], shape=(2,3), dtype=float32)",
            Tensor.Arange(6f).Reshape(2, 3).ToString());
    }

    /// <summary>
    /// Every number is printed with up to 6 significant digits and right-aligned to the widest one.
    /// (NumPy would align the decimal points, <c>[[ 1.5 , -2.  ], [10.  ,  0.25]]</c>; DeepSeq keeps the simpler rule.)
    /// </summary>
    [Fact]
    public void DecimalPointsAreAlignedAsNumPyAlignsThem()
    {
        // numpy: array([[ 1.5 , -2.  ],
        //               [10.  ,  0.25]], dtype=float32)
        Assert.Equal("tensor([[ 1.5 , -2.  ],\n        [10.  ,  0.25]], shape=(2,2), dtype=float32)",
            Tensor.FromArray<float>(new float[,] { { 1.5f, -2f }, { 10f, 0.25f } }).ToString());
        Assert.Equal("tensor([ 1.5 , -2.  , 10.  ,  0.25], shape=(4), dtype=float32)",
            Tensor.FromArray<float>([1.5f, -2f, 10f, 0.25f]).ToString());
        // numpy prints the shortest digits that read back, at most 8 after the point ...
        Assert.Equal("tensor([0.09003057, 0.66524094], shape=(2), dtype=float32)", Tensor.FromArray<float>([0.09003057f, 0.66524094f]).ToString());
        // ... and switches the whole array to scientific notation, mantissas padded alike, when a value is < 1e-4:
        // numpy: array([9.003057e-02, 1.000000e-05], dtype=float32)
        Assert.Equal("tensor([9.003057e-02, 1.000000e-05], shape=(2), dtype=float32)", Tensor.FromArray<float>([0.09003057f, 1e-5f]).ToString());
        Assert.Equal("tensor(1.5e+20, shape=(), dtype=float64)", Tensor.Scalar(1.5e20).ToString());
    }

    [Fact]
    public void ScalarsAndOtherDTypes()
    {
        Assert.Equal("tensor(3.5, shape=(), dtype=float32)", Tensor.Scalar(3.5f).ToString());
        Assert.Equal("tensor(-7, shape=(), dtype=int32)", Tensor.Scalar(-7).ToString());
        Assert.Equal("tensor([[  1, -20],\n        [300,   4]], shape=(2,2), dtype=int32)",
            Tensor.FromArray<int>(new int[,] { { 1, -20 }, { 300, 4 } }).ToString());
        Assert.Equal("tensor([0.1       , 0.33333333], shape=(2), dtype=float64)", Tensor.FromArray<double>([0.1, 1.0 / 3]).ToString());
        Assert.Equal("tensor([ nan,  inf, -inf,   0.], shape=(4), dtype=float32)",
            Tensor.FromArray<float>([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f]).ToString());
    }

    [Fact]
    public void ThreeDimensionsSeparateBlocksByABlankLine()
    {
        Assert.Equal(
            "tensor([[[ 0.,  1.,  2.],\n" +
            "         [ 3.,  4.,  5.]],\n" +
            "\n" +
            "        [[ 6.,  7.,  8.],\n" +
            "         [ 9., 10., 11.]]], shape=(2,2,3), dtype=float32)",
            Tensor.Arange(12f).Reshape(2, 2, 3).ToString());
    }

    [Fact]
    public void LargeTensorsElideTheMiddle()
    {
        // numpy: repr(np.arange(2000.).reshape(40, 50)): 2000 > threshold 1000, so 3 edge items per dimension, and
        // max/min = 1999 > 1e3 puts the whole array in scientific notation with 3-digit mantissas (1.999e+03).
        // (NumPy also wraps rows at 75 characters; DeepSeq keeps one row per line.)
        string expected =
            "tensor([[0.000e+00, 1.000e+00, 2.000e+00, ..., 4.700e+01, 4.800e+01, 4.900e+01],\n" +
            "        [5.000e+01, 5.100e+01, 5.200e+01, ..., 9.700e+01, 9.800e+01, 9.900e+01],\n" +
            "        [1.000e+02, 1.010e+02, 1.020e+02, ..., 1.470e+02, 1.480e+02, 1.490e+02],\n" +
            "        ...,\n" +
            "        [1.850e+03, 1.851e+03, 1.852e+03, ..., 1.897e+03, 1.898e+03, 1.899e+03],\n" +
            "        [1.900e+03, 1.901e+03, 1.902e+03, ..., 1.947e+03, 1.948e+03, 1.949e+03],\n" +
            "        [1.950e+03, 1.951e+03, 1.952e+03, ..., 1.997e+03, 1.998e+03, 1.999e+03]], shape=(40,50), dtype=float32)";
        string text = Tensor.Arange(2000f).Reshape(40, 50).ToString();
        Assert.Equal(expected, text);
        Assert.Contains("...", text);
        Assert.DoesNotContain("3.000e+00", text);
        // 1000 elements is not above the threshold: nothing is elided.
        Assert.DoesNotContain("...", Tensor.Arange(1000f).ToString());
    }

    [Fact]
    public void ViewsPrintInLogicalOrder()
    {
        Assert.Equal("tensor([[0., 3.],\n        [1., 4.],\n        [2., 5.]], shape=(3,2), dtype=float32)",
            Tensor.Arange(6f).Reshape(2, 3).Transpose().ToString());
        Assert.Equal("tensor([4., 2., 0.], shape=(3), dtype=float32)", Tensor.Arange(6f).Slice(0, 4, null, -2).ToString());
    }

    [Fact]
    public void DeviceTensorsNameTheirDevice()
    {
        Assert.Equal("tensor([1., 2.], shape=(2), dtype=float32, device=ilgpu:cpu)",
            Tensor.FromArray<float>([1f, 2f], IlgpuDevice.CpuSimulator).ToString());
    }
}
