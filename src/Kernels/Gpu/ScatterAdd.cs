// x[i₀, …, index[i₀, …, j, …], …] += y[i₀, …, j, …]      y, index: (d₀, …, m, …)   x: (d₀, …, n, …)
//
// ILGPU twin of Cpu/ScatterAdd.cs, the backward of gather. One thread per y element; threads whose
// indices name the same x element collide, so they add with an atomic read-modify-write (Atomic.Add for
// int32, a compare-exchange loop on the bits for float32 and float64: see AddBits).

using System.Numerics;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>ILGPU twin of <see cref="Cpu.ScatterAdd"/>: x[…, index[…, j, …], …] += y[…, j, …].</summary>
/// <remarks>
/// <para>Not deterministic for floats, unlike the CPU kernel: the threads adding into one x element
/// arrive in whatever order the hardware schedules them, and float addition is not associative, so the
/// last bits of a sum may differ from run to run and from the CPU's ascending-j order (by at most about
/// m·u·Σ|terms| for m terms, u the unit roundoff). Int32 sums are exact in any order (wrapping on overflow,
/// as on the CPU). A deterministic GPU version would sort the indices first and reduce each segment;
/// that is future work for the GPU issue.</para>
/// <para>The launcher runs <see cref="CheckIndices"/> first and launches <see cref="Strided{T}"/> only
/// when every index is in range, so an error leaves x unchanged.</para>
/// </remarks>
public static class ScatterAdd
{
    /// <summary>
    /// Pass 1, reads only: an index outside [−axisSize, axisSize) raises <c>error[0] = 1</c> and leaves itself in
    /// <c>error[1]</c> (any one of the bad indices, whichever thread wrote last), for the launcher to throw.
    /// </summary>
    public static void CheckIndices(Index1D i, ArrayView<int> index, StridedLayout indexLayout, int axisSize,
        ArrayView<int> error)
    {
        int given = index[indexLayout.OffsetOf(i)];
        if (given < -axisSize || given >= axisSize)
        {
            error[0] = 1;
            error[1] = given;
        }
    }

    /// <summary>
    /// Pass 2: adds y into x along <paramref name="axis"/>, one thread per element of y; the parameters between
    /// <c>i</c> and <c>error</c> mean what they mean in <see cref="Cpu.ScatterAdd.Strided{T}"/>
    /// (<paramref name="xLayout"/> is x's layout with y's size along the axis, <paramref name="axisSize"/> x's real
    /// size there). An index out of range is not written (that would corrupt memory) but flagged as in
    /// <see cref="CheckIndices"/>: a kernel cannot throw. <typeparamref name="T"/> must be float, double or int.
    /// </summary>
    public static void Strided<T>(Index1D i, ArrayView<T> x, StridedLayout xLayout, int axisSize,
        ArrayView<T> y, StridedLayout yLayout,
        ArrayView<int> index, StridedLayout indexLayout, int axis, ArrayView<int> error) where T : unmanaged, INumber<T>
    {
        int given = index[indexLayout.OffsetOf(i)];
        int k = given < 0 ? given + axisSize : given;
        if (k < 0 || k >= axisSize)
        {
            error[0] = 1;
            error[1] = given;
            return;
        }
        int target = xLayout.WithStride(axis, 0).OffsetOf(i) + k * xLayout.Strides[axis];
        int source = yLayout.OffsetOf(i);
        // ILGPU's atomics have an overload per type, not a generic one, and ILGPU cannot compile typeof(T); so the
        // type is told apart by its size (a constant once compiled) and by whether ½ truncates to 0, and the
        // views are reinterpreted with Cast (same element size, same positions).
        if (Interop.SizeOf<T>() == sizeof(double))
            AddBits(x.Cast<ulong>(), target, y.Cast<double>()[source]);
        else if (T.One / (T.One + T.One) == T.Zero)
            Atomic.Add(ref x.Cast<int>()[target], y.Cast<int>()[source]);
        else
            AddBits(x.Cast<uint>(), target, y.Cast<float>()[source]);
    }

    // x[p] += v for a float held as its bits: read x[p], add, and swap the sum in only if x[p] still holds what was
    // read; otherwise another thread got there first, so retry from what it holds now. Not Atomic.Add(ref float):
    // ILGPU's CPU accelerator runs that as a loop of the same kind that compares the old value as a float, and
    // NaN ≠ NaN, so a single NaN in x or y made it spin forever (measured). Bits always equal themselves. On CUDA a
    // native float add would save the retries under contention; the GPU issue can choose it there.
    private static void AddBits(ArrayView<uint> x, int p, float v)
    {
        uint seen = x[p];
        while (true)
        {
            uint was = Atomic.CompareExchange(ref x[p], seen, Interop.FloatAsInt(Interop.IntAsFloat(seen) + v));
            if (was == seen) return;
            seen = was;
        }
    }

    // The same for a double held as its bits.
    private static void AddBits(ArrayView<ulong> x, int p, double v)
    {
        ulong seen = x[p];
        while (true)
        {
            ulong was = Atomic.CompareExchange(ref x[p], seen, Interop.FloatAsInt(Interop.IntAsFloat(seen) + v));
            if (was == seen) return;
            seen = was;
        }
    }
}
