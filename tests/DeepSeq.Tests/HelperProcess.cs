using System.Diagnostics;
using DeepSeq.Layers;

namespace DeepSeq.Tests;

/// <summary>
/// The test assembly's own entry point, for tests that need a second process they can kill: <c>dotnet
/// DeepSeq.Tests.dll &lt;mode&gt; &lt;args&gt;</c> runs one of the modes below. The test runner never calls it (it loads
/// the assembly as a library), and the project sets <c>GenerateProgramFile</c> to false so that this is the
/// program's only <c>Main</c>. Nothing outside the built test folder is needed, so it works on a clean clone.
/// </summary>
public static class HelperProcess
{
    /// <summary>The mode that saves weights forever: <c>save-weights &lt;path&gt; &lt;first generation&gt;</c>.</summary>
    public const string SaveWeightsMode = "save-weights";

    /// <summary>Runs the mode named by <c>args[0]</c>; with no arguments it does nothing, as the generated program
    /// it replaces did.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0) return 0;
        switch (args[0])
        {
            case SaveWeightsMode when args.Length == 3:
                SaveWeightsForever(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine($"unknown helper mode: {string.Join(' ', args)}");
                return 2;
        }
    }

    /// <summary>
    /// The model the kill test saves and loads: one 1,024 × 1,024 dense layer and its bias, 4 MB of float32, so a
    /// save takes long enough for a kill to land in the middle of it. The layer and the model are named, so every
    /// process names the weights alike (automatic names count per process).
    /// </summary>
    public static Sequential KillTestModel() => new([new InputLayer([1024]), new Dense(1024, name: "dense")], "kill_test");

    /// <summary>
    /// Saves <see cref="KillTestModel"/> to <paramref name="path"/> again and again until the process is killed,
    /// every weight of save number <c>g</c> holding the value <c>g</c> (from <paramref name="first"/> on), and prints
    /// <c>saved g</c> after each save returns, so the parent knows which generations are complete. Should the parent
    /// die before killing it, it stops by itself after <see cref="OrphanLimit"/>.
    /// </summary>
    private static void SaveWeightsForever(string path, int first)
    {
        var model = KillTestModel();
        var clock = Stopwatch.StartNew();
        for (int generation = first; clock.Elapsed < OrphanLimit; generation++)
        {
            foreach (var weight in model.Weights) weight.Assign(global::DeepSeq.Tensor.Full(weight.Shape, (float)generation));
            model.SaveWeights(path);
            Console.Out.WriteLine($"saved {generation}");
            Console.Out.Flush();
        }
    }

    /// <summary>How long a helper runs at most: far longer than any test waits for it.</summary>
    private static readonly TimeSpan OrphanLimit = TimeSpan.FromMinutes(2);

    /// <summary>Starts this assembly as a child process in <paramref name="mode"/>, its standard output and error
    /// redirected.</summary>
    public static Process Start(string mode, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(HelperProcess).Assembly.Location);
        start.ArgumentList.Add(mode);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("the helper process did not start");
    }

    /// <summary>The <c>dotnet</c> host running the tests (the CLI exports <c>DOTNET_HOST_PATH</c>; under
    /// <c>dotnet exec testhost.dll</c> it is this process's own executable), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
