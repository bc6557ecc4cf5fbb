// DeepSeq benchmarks.
//   dotnet run -c Release --project benchmarks -- --quick     one line per headline figure (a minute or so)
//   ... -- --quick --versions                                 also the V1..V5 GEMM journey
//   ... -- --quick --conv                                     only the convolution lines
//   ... -- --quick --recurrent                                only the recurrent lines
//   ... -- --quick --attention                                only the BERT encoder line
//   ... -- --quick --steps                                    only the training-step lines (A1, A2, B2, …)
//   ... -- --quick --gemm                                     only the workload GEMM lines (skinny, small)
//   ... -- --quick --crossovers                               the V4/V5 grid behind Gemm.UseSkinny
//   dotnet run -c Release --project benchmarks -- [BenchmarkDotNet args, e.g. --filter *Gemm*]   full suites
// benchmarks/run.sh installs OpenBLAS and sets OPENBLAS_CORETYPE first; see benchmarks/RESULTS.md.
//
// Quick mode runs each suite listed in QuickSuites. To add one (say elementwise GB/s): write a static
// method that prints its lines with Quick.Line/Quick.Measure, and add it to the list.
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Running;
using DeepSeq.Benchmarks;

if (args.Contains("--quick"))
{
    if (args.Contains("--conv")) ConvQuick.Run();                  // just the convolution lines
    else if (args.Contains("--recurrent")) RecurrentQuick.Run();   // just the recurrent lines
    else if (args.Contains("--attention")) AttentionQuick.Run();   // just the BERT encoder line
    else if (args.Contains("--steps")) StepQuick.Run();            // just the training-step lines
    else if (args.Contains("--gemm")) { Quick.PrintMachine(); GemmQuick.Workloads(); }   // workload GEMMs only
    else if (args.Contains("--crossovers")) GemmQuick.Crossovers();   // the V4/V5 grid behind Gemm's dispatch
    else foreach (Action suite in Quick.Suites) suite();
    if (args.Contains("--versions")) GemmQuick.Versions();   // the V1..V5 journey, for RESULTS.md
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Quick).Assembly).Run(args);

namespace DeepSeq.Benchmarks
{
    /// <summary>Quick mode: headline figures as single lines, medians of interleaved timed repetitions.</summary>
    internal static class Quick
    {
        /// <summary>The quick suites, run in this order.</summary>
        public static readonly Action[] Suites =
            [PrintMachine, PrintFmaPeak, GemmQuick.Run, GemmQuick.Workloads, ElementwiseQuick.Run, ConvQuick.Run,
             RecurrentQuick.Run, AttentionQuick.Run, StepQuick.Run];

        /// <summary>Prints one headline line (one place, so every suite formats alike).</summary>
        public static void Line(string text) => Console.WriteLine(text);

        /// <summary>
        /// Median seconds per call of each action, timed in interleaved blocks (ours ×r, theirs ×r, ours ×r, ...,
        /// 5 rounds) after warm-up, so slow drifts of a shared machine hit both alike. Before each block the
        /// process sleeps 100 ms and the block starts with one untimed call: OpenBLAS's worker threads
        /// busy-wait for ~2²⁸ cycles (~65 ms) after each call, and interleaving call by call would let them
        /// steal the second core from whoever runs next (measured: our 1024³ halved). Repetitions: enough for
        /// ~<paramref name="budgetSeconds"/> in all, at least 5 per action.
        /// </summary>
        public static double[] Measure(double budgetSeconds, params Action[] actions)
            => Measure(budgetSeconds, 100, actions);

        /// <summary><see cref="Measure(double, Action[])"/> with a chosen pause before each block. The GEMM workload
        /// lines use 300 ms: with 100, whichever action followed OpenBLAS's block ran up to 1.7× slower on this
        /// busy machine (its 512³ at 1.4 ms instead of 0.82 ms, whether it was ours or V4).</summary>
        public static double[] Measure(double budgetSeconds, int pauseMs, params Action[] actions)
        {
            const int rounds = 5;
            foreach (Action act in actions) { act(); act(); act(); }   // JIT, page faults, thread pools
            var probe = Stopwatch.StartNew();
            foreach (Action act in actions) act();
            double perRound = Math.Max(probe.Elapsed.TotalSeconds, 1e-7);
            int perBlock = (int)Math.Clamp(budgetSeconds / perRound / rounds, 1, 100);

            var times = new List<double>[actions.Length];
            for (int i = 0; i < actions.Length; i++) times[i] = [];
            for (int r = 0; r < rounds; r++)
                for (int i = 0; i < actions.Length; i++)
                {
                    Thread.Sleep(pauseMs);
                    actions[i]();
                    for (int rep = 0; rep < perBlock; rep++)
                    {
                        long t0 = Stopwatch.GetTimestamp();
                        actions[i]();
                        times[i].Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
                    }
                }
            return times.Select(t => Median(t.ToArray())).ToArray();
        }

        static double Median(double[] xs)
        {
            double[] s = xs.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
        }

        internal static void PrintMachine()
        {
            OpenBlas.Threads = Environment.ProcessorCount;   // one OpenBLAS thread per core, like DeepSeq
            Line($"machine: {Environment.ProcessorCount} cores, AVX-512 " +
                 $"{(Vector512.IsHardwareAccelerated ? "yes" : "no")}, " +
                 $".NET {Environment.Version}; openblas core {OpenBlas.CoreName}, {OpenBlas.Threads} threads " +
                 $"(OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "unset"})");
        }

        /// <summary>
        /// The FMA roofline: every core runs 12 independent chains of 512-bit FMAs (2 FMA pipes × 4 cycles
        /// latency = 8 chains needed to keep both pipes busy; 12 leaves margin), nothing else. This is the
        /// ceiling any SGEMM on this machine can approach.
        /// </summary>
        static void PrintFmaPeak()
        {
            if (!Vector512.IsHardwareAccelerated) { Line("fma peak: skipped (no AVX-512)"); return; }
            const long iters = 100_000_000;
            int cores = Environment.ProcessorCount;
            FmaChains(1000);   // JIT
            double Run(int threads)
            {
                long t0 = Stopwatch.GetTimestamp();
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    _ => FmaChains(iters));
                double flops = threads * iters * 12.0 * Vector512<float>.Count * 2;
                return flops / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9;
            }
            double one = new[] { Run(1), Run(1), Run(1) }.Max();
            double all = new[] { Run(cores), Run(cores), Run(cores) }.Max();
            Line($"fma peak: {all:F1} GFLOP/s on {cores} cores ({one:F1} on one core; 12 chains of " +
                 "Vector512<float> FMA)");
        }

        // A separate method with no calls inside the loop, so the JIT keeps all 12 chains in registers.
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        static float FmaChains(long iters)
        {
            Vector512<float> x = Vector512.Create(0.999999f), y = Vector512.Create(1e-6f);
            Vector512<float> a0 = y, a1 = y, a2 = y, a3 = y, a4 = y, a5 = y, a6 = y, a7 = y, a8 = y, a9 = y,
                a10 = y, a11 = y;
            for (long i = 0; i < iters; i++)
            {
                a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
                a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
                a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
                a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
                a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
                a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
            }
            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
        }
    }
}
