using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DeepSeq.Layers;

/// <summary>
/// Keras's progress bar (<c>Progbar</c>), one per epoch:
/// <code>
/// Epoch 1/20
/// 30/30 [==============================] - 2s 55ms/step - loss: 0.5303 - acc: 0.7863 - val_loss: 0.4010 - val_acc: 0.8648
/// </code>
/// With <c>verbose = 1</c> the line is redrawn after every step when the output is a terminal, and written once at
/// the end otherwise (so logs hold one line per epoch); <c>verbose = 2</c> writes only the final line without the
/// bar (<c>30/30 - 2s 55ms/step - loss: …</c>); <c>verbose = 0</c> writes nothing.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 30;
    private readonly TextWriter _out;
    private readonly int _steps;
    private readonly int _verbose;
    private readonly bool _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _lastLength;

    /// <summary>A bar over <paramref name="steps"/> steps written to <paramref name="output"/>.</summary>
    public ProgressBar(int steps, int verbose, TextWriter output, bool live)
    {
        _steps = steps;
        _verbose = verbose;
        _out = output;
        _live = live && verbose == 1;
    }

    /// <summary>Elapsed time since the bar started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Shows step <paramref name="step"/> (1-based) done, with the running <paramref name="logs"/>.</summary>
    public void Update(int step, IReadOnlyDictionary<string, double> logs)
    {
        if (!_live) return;
        string line = Format(step, logs, final: false);
        _out.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
        _out.Flush();
    }

    /// <summary>Writes the epoch's final line.</summary>
    public void Finish(IReadOnlyDictionary<string, double> logs)
    {
        if (_verbose == 0) return;
        string line = Format(_steps, logs, final: true);
        _out.WriteLine((_live ? "\r" : "") + line.PadRight(_live ? _lastLength : 0));
        _out.Flush();
    }

    private string Format(int step, IReadOnlyDictionary<string, double> logs, bool final)
    {
        var text = new StringBuilder();
        if (_verbose == 1)
        {
            string count = _steps.ToString(CultureInfo.InvariantCulture);
            text.Append(step.ToString(CultureInfo.InvariantCulture).PadLeft(count.Length))
                .Append('/').Append(count).Append(" [");
            // Keras draws the filled part as '='s ending in '>' while the epoch runs, all '='s when it is done.
            int filled = _steps == 0 ? Width : (int)((long)Width * step / _steps);
            if (step < _steps)
            {
                filled = Math.Max(filled, 1);
                text.Append('=', filled - 1).Append('>');
            }
            else text.Append('=', filled);
            text.Append('.', Width - filled).Append(']');
        }
        else
            text.Append(CultureInfo.InvariantCulture, $"{_steps}/{_steps}");
        double seconds = _clock.Elapsed.TotalSeconds;
        if (final)
            text.Append(CultureInfo.InvariantCulture, $" - {seconds:0}s {1000 * seconds / Math.Max(1, step):0}ms/step");
        else
            text.Append(CultureInfo.InvariantCulture,
                $" - ETA: {(step == 0 ? 0 : seconds / step * (_steps - step)):0}s");
        foreach (var (key, value) in logs)
            text.Append(" - ").Append(key).Append(": ").Append(FormatValue(value));
        return text.ToString();
    }

    /// <summary>Keras prints 4 decimals, or scientific notation for small magnitudes.</summary>
    internal static string FormatValue(double value)
        => Math.Abs(value) >= 1e-3 || value == 0
            ? value.ToString("0.0000", CultureInfo.InvariantCulture)
            : value.ToString("0.0000e+00", CultureInfo.InvariantCulture);
}
