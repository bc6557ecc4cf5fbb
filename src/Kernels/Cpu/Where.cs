using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>z = condition ≠ 0 ? x : y, elementwise over views of the same shape (NumPy's <c>where</c>).</summary>
public static class Where
{
    /// <summary>Selects between two views by a 0/1 (any non-zero counts as true) condition view.</summary>
    public static void Strided<T>(T[] z, in StridedLayout zLayout, T[] condition, in StridedLayout cLayout,
        T[] x, in StridedLayout xLayout, T[] y, in StridedLayout yLayout) where T : unmanaged, INumber<T>
    {
        StridedLoop.Run(new WhereRun<T>(z, condition, x, y), [zLayout, cLayout, xLayout, yLayout]);
    }

    private readonly struct WhereRun<T>(T[] z, T[] c, T[] x, T[] y) : IRunBody where T : unmanaged, INumber<T>
    {
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            for (int i = 0; i < length; i++)
            {
                bool take = c[offsets[1] + i * steps[1]] != T.Zero;
                z[offsets[0] + i * steps[0]] = take ? x[offsets[2] + i * steps[2]] : y[offsets[3] + i * steps[3]];
            }
        }
    }
}
