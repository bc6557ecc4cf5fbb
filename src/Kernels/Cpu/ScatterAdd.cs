// x[i₀, …, index[i₀, …, j, …], …] += y[i₀, …, j, …]      y, index: (d₀, …, m, …)   x: (d₀, …, n, …)
//
// The backward of gather. Gather reads y[…, j, …] = x[…, index[…, j, …], …], so each x element
// receives the gradient of every y element that was read from it: dx[…, k, …] = Σ_{j : index[…, j, …] = k} dy[…, j, …].
// Several j may name the same k (a token that occurs twice in a batch), so contributions add up;
// an overwrite would keep only one of them.

using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// x[i₀, …, index[i₀, …, j, …], …] += y[i₀, …, j, …] along one axis (PyTorch's <c>scatter_add_</c>):
/// the adjoint of <see cref="Gather"/>, hence its backward. With a broadcast index (stride 0) it is
/// <c>index_add_</c>, the backward of <c>index_select</c> and of embedding lookup.
/// </summary>
/// <remarks>
/// Deterministic: each x element receives its terms in ascending j, whatever the number of cores, so
/// the float result is bit-for-bit that of the plain row-major loop. The work is split across cores
/// only over the dimensions other than <c>axis</c>: two positions that differ there write to different
/// lines of x, so no two threads ever add into the same element, and each line is summed by one thread
/// in one order. (The ILGPU twin adds with atomics instead, and its float sums are not deterministic.)
/// </remarks>
public static class ScatterAdd
{
    /// <summary>
    /// Adds y into x along <paramref name="axis"/>. <paramref name="xLayout"/> is x's layout with the axis's size
    /// set to y's (its stride is what matters; exactly as <see cref="Gather.Strided{T}"/> gets it) and must not
    /// overlap itself; <paramref name="axisSize"/> is x's real size there. y and index share a shape.
    /// Negative indices count from the end, as in NumPy. Every index is checked before the first write:
    /// one out of range throws <see cref="IndexOutOfRangeException"/>, naming it, and leaves x unchanged.
    /// </summary>
    public static void Strided<T>(T[] x, in StridedLayout xLayout, int axisSize, T[] y, in StridedLayout yLayout,
        int[] index, in StridedLayout indexLayout, int axis) where T : unmanaged, INumber<T>
    {
        // Pass 1 reads the indices only, so an error cannot leave x half-written.
        StridedLoop.Run(new CheckRun(index, axisSize), [indexLayout]);
        // Pass 2 walks the other dimensions (the only ones StridedLoop may split across cores, see the remarks);
        // the body walks the axis itself.
        var steps = new AxisSteps(xLayout.Strides[axis], yLayout.Strides[axis], indexLayout.Strides[axis],
            yLayout.Shape[axis], axisSize);
        StridedLoop.Run(new AddRun<T>(x, y, index, steps),
            [xLayout.WithoutAxis(axis), yLayout.WithoutAxis(axis), indexLayout.WithoutAxis(axis)]);
    }

    // What the body needs to walk the scattered axis: each operand's stride along it, y's length m along it, x's real
    // size n.
    private readonly record struct AxisSteps(int X, int Y, int Index, int Length, int AxisSize);

    private readonly struct CheckRun(int[] index, int axisSize) : IRunBody
    {
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            for (int i = 0; i < length; i++)
            {
                int k = index[offsets[0] + i * steps[0]];
                if (k < -axisSize || k >= axisSize)
                    throw new IndexOutOfRangeException($"scatter_add: index {k} is out of range for an axis of " +
                                                       $"size {axisSize}");
            }
        }
    }

    private readonly struct AddRun<T>(T[] x, T[] y, int[] index, AxisSteps axis) : IRunBody
        where T : unmanaged, INumber<T>
    {
        // One run is `length` positions of the other dimensions; for each, the whole axis j = 0 … m−1 is added.
        // j is the outer loop so that the inner one walks the run in memory order; each x element still gets
        // its terms in ascending j, because only its own position in the run writes to it.
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            for (int j = 0; j < axis.Length; j++)
            {
                int yStart = offsets[1] + j * axis.Y, indexStart = offsets[2] + j * axis.Index;
                for (int i = 0; i < length; i++)
                {
                    int k = index[indexStart + i * steps[2]];
                    if (k < 0) k += axis.AxisSize;   // checked in pass 1
                    x[offsets[0] + i * steps[0] + k * axis.X] += y[yStart + i * steps[1]];
                }
            }
        }
    }
}
