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
        var shown = Shown(x.Shape.Dims.ToArray(), elide).ToList();
        var text = new string[values.Length];
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            var numbers = shown.Select(i => double.CreateChecked(values[i])).ToList();
            bool single = typeof(T) == typeof(float);
            if (UseScientific(numbers))
            {
                int digits = numbers.Where(double.IsFinite).Select(v => MantissaDigits(v, single))
                    .DefaultIfEmpty(0).Max();
                foreach (int i in shown) text[i] = Scientific(double.CreateChecked(values[i]), digits);
            }
            else foreach (int i in shown) text[i] = Positional(double.CreateChecked(values[i]), single);
        }
        else foreach (int i in shown) text[i] = values[i].ToString(null, CultureInfo.InvariantCulture);

        // Align the decimal points, as NumPy does: pad the integer parts on the left and the fractions on
        // the right, to the widest of the values shown (an elided value does not widen the columns).
        int left = shown.Select(i => IntegerPart(text[i]).Length).DefaultIfEmpty(0).Max();
        int right = shown.Select(i => text[i].Length - IntegerPart(text[i]).Length).DefaultIfEmpty(0).Max();
        foreach (int i in shown)
            text[i] = IntegerPart(text[i]).PadLeft(left) + text[i][IntegerPart(text[i]).Length..].PadRight(right);
        int width = left + right;
        var sb = new StringBuilder("tensor(");
        const string indent = "       ";
        if (x.Rank == 0) sb.Append(text[0]);
        else Append(sb, x.Shape.Dims.ToArray(), 0, 0, text, width, elide, indent);
        sb.Append($", shape={x.Shape}, dtype={DTypeName<T>()}");
        if (x.Device.Name != "cpu") sb.Append($", device={x.Device.Name}");
        return sb.Append(')').ToString();
    }

    // NumPy switches the whole array to scientific notation when a value is ≥ 1e8, a non-zero value is
    // < 1e-4, or the largest and smallest non-zero magnitudes differ by more than 1e3.
    private static bool UseScientific(List<double> values)
    {
        var magnitudes = values.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToList();
        if (magnitudes.Count == 0) return false;
        double max = magnitudes.Max(), min = magnitudes.Min();
        return max >= 1e8 || min < 1e-4 || max / min > 1e3;
    }

    // The shortest text that reads back to the same value, with at most 8 digits after the point
    // (NumPy's default precision); an integral value keeps its point: 2 → "2.".
    private static string Positional(double v, bool single)
    {
        if (!double.IsFinite(v)) return Special(v);
        string s = v.ToString("F8", CultureInfo.InvariantCulture);
        for (int digits = 0; digits < 8; digits++)
        {
            string candidate = v.ToString("F" + digits, CultureInfo.InvariantCulture);
            double back = double.Parse(candidate, CultureInfo.InvariantCulture);
            if (single ? (float)back == (float)v : back == v) { s = candidate; break; }
        }
        return s.Contains('.') ? s.TrimEnd('0') : s + ".";
    }

    // Digits after the point of the shortest mantissa that reads back: 9.003057e-02 has 6.
    private static int MantissaDigits(double v, bool single)
    {
        for (int digits = 0; digits < 17; digits++)
        {
            double back =
                double.Parse(v.ToString("E" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (single ? (float)back == (float)v : back == v) return digits;
        }
        return 17;
    }

    // NumPy's scientific form with a shared mantissa length: 1e-05 beside 9.003057e-02 is "1.000000e-05".
    private static string Scientific(double v, int digits)
    {
        if (!double.IsFinite(v)) return Special(v);
        string s = v.ToString("E" + digits, CultureInfo.InvariantCulture);   // "9.003057E-002"
        int e = s.IndexOf('E');
        string mantissa = s[..e].Contains('.') ? s[..e] : s[..e] + ".";
        int exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    private static string Special(double v) => double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";

    private static void Append(
        StringBuilder sb, int[] dims, int depth, int start, string[] text, int width, bool elide, string indent)
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
                sb.Append(last
                    ? ", "
                    : "," + new string('\n', dims.Length - depth - 1) + indent + new string(' ', depth + 1));
        }
        sb.Append(']');
    }

    // Everything up to and including the decimal point (the whole text when there is none).
    private static string IntegerPart(string number)
    {
        int point = number.IndexOf('.');
        return point < 0 ? number : number[..(point + 1)];
    }

    // Flat indices of the elements printed: all of them, or the first and last EdgeItems of each dimension.
    private static IEnumerable<int> Shown(int[] dims, bool elide)
    {
        IEnumerable<int> indices = [0];
        foreach (int n in dims)
        {
            var keep = elide && n > 2 * EdgeItems
                ? Enumerable.Range(0, EdgeItems).Concat(Enumerable.Range(n - EdgeItems, EdgeItems))
                : Enumerable.Range(0, n);
            indices = indices.SelectMany(i => keep.Select(k => i * n + k)).ToList();
        }
        return indices;
    }
}
