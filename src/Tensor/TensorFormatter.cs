using System.Globalization;
using System.Numerics;
using System.Text;

namespace DeepSeq;

/// <summary>
/// Prints tensors the way NumPy prints arrays: nested brackets, one row per line, columns aligned,
/// and for more than <see cref="Threshold"/> elements only the first and last <see cref="EdgeItems"/>
/// of each dimension with "..." between (NumPy's <c>threshold=1000, edgeitems=3</c>).
/// </summary>
internal static class TensorFormatter
{
    public const int Threshold = 1000;
    public const int EdgeItems = 3;

    public static string DTypeName<T>() => typeof(T) switch
    {
        var t when t == typeof(float) => "float32",
        var t when t == typeof(double) => "float64",
        var t when t == typeof(int) => "int32",
        var t when t == typeof(long) => "int64",
        var t => t.Name,
    };

    public static string Format<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        var values = x.ToArray();
        bool elide = x.Size > Threshold;
        var text = values.Select(Number).ToArray();
        int width = text.Length == 0 ? 0 : text.Max(s => s.Length);
        var sb = new StringBuilder("tensor(");
        const string indent = "       ";
        if (x.Rank == 0) sb.Append(text[0]);
        else Append(sb, x.Shape.Dims.ToArray(), 0, 0, text, width, elide, indent);
        sb.Append($", shape={x.Shape}, dtype={DTypeName<T>()}");
        if (x.Device.Name != "cpu") sb.Append($", device={x.Device.Name}");
        return sb.Append(')').ToString();
    }

    private static void Append(StringBuilder sb, int[] dims, int depth, int start, string[] text, int width, bool elide, string indent)
    {
        int n = dims[depth];
        int block = 1;
        for (int d = depth + 1; d < dims.Length; d++) block *= dims[d];
        sb.Append('[');
        bool last = depth == dims.Length - 1;
        for (int i = 0; i < n; i++)
        {
            if (elide && n > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(last ? "..., " : "...,\n" + indent + new string(' ', depth + 1));
                i = n - EdgeItems;
            }
            if (last) sb.Append(text[start + i].PadLeft(width));
            else Append(sb, dims, depth + 1, start + i * block, text, width, elide, indent);
            if (i < n - 1)
                sb.Append(last ? ", " : "," + new string('\n', dims.Length - depth - 1) + indent + new string(' ', depth + 1));
        }
        sb.Append(']');
    }

    // Up to 6 significant digits like NumPy's default precision; floats keep a trailing '.' when integral.
    private static string Number<T>(T value) where T : INumber<T>
    {
        if (value is float or double)
        {
            double v = double.CreateChecked(value);
            if (double.IsNaN(v)) return "nan";
            if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
            string s = v.ToString("G6", CultureInfo.InvariantCulture);
            return s.Contains('.') || s.Contains('E') ? s : s + ".";
        }
        return value.ToString(null, CultureInfo.InvariantCulture);
    }
}
