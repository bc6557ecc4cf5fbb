using DeepSeq.IO;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Tensor.IO;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <see cref="AtomicFile"/>: the target holds the old bytes or the new ones, never a mix, and no temporary file is
/// left behind. Each test works in a folder of its own, so "the folder lists exactly these files" is a real check.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("deepseq-atomic-").FullName;
    private readonly byte[] _old = [1, 2, 3, 4, 5];
    private readonly byte[] _new = [9, 8, 7];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string[] Listing() => Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void WriteCreatesTheFileAndNothingElse()
    {
        string path = PathOf("weights.bin");
        AtomicFile.Write(path, stream => stream.Write(_new));
        Assert.Equal(_new, File.ReadAllBytes(path));
        Assert.Equal(["weights.bin"], Listing());
    }

    [Fact]
    public void WriteReplacesAnExistingFile()
    {
        string path = PathOf("weights.bin");
        File.WriteAllBytes(path, _old);
        AtomicFile.Write(path, stream => stream.Write(_new));
        Assert.Equal(_new, File.ReadAllBytes(path));
        Assert.Equal(["weights.bin"], Listing());
    }

    [Fact]
    public void WriteWritesToAHiddenTemporaryFileInTheSameFolder()
    {
        string path = PathOf("weights.bin");
        string? seen = null;
        AtomicFile.Write(path, stream =>
        {
            seen = ((FileStream)stream).Name;
            Assert.False(File.Exists(path));   // the target appears only at the rename
        });
        Assert.Equal(_folder, Path.GetDirectoryName(seen));
        Assert.StartsWith(".weights.bin.", Path.GetFileName(seen));
        Assert.False(File.Exists(seen));
    }

    [Fact]
    public void AnExceptionHalfWayKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        string path = PathOf("weights.bin");
        File.WriteAllBytes(path, _old);
        var boom = new InvalidOperationException("boom");
        var thrown = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(_new);
            stream.Flush();   // the partial bytes really are in the temporary file
            throw boom;
        }));
        Assert.Same(boom, thrown);   // rethrown as is, not wrapped
        Assert.Equal(_old, File.ReadAllBytes(path));
        Assert.Equal(["weights.bin"], Listing());
    }

    [Fact]
    public void AnExceptionWithNoEarlierFileLeavesTheFolderEmpty()
    {
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(PathOf("weights.bin"), stream =>
        {
            stream.Write(_new);
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(Listing());
    }

    [Fact]
    public void WriteViaRenamesWhatTheCallbackCreated()
    {
        string path = PathOf("graph.png");
        File.WriteAllBytes(path, _old);
        AtomicFile.WriteVia(path, temp =>
        {
            Assert.Equal(_folder, Path.GetDirectoryName(temp));
            Assert.False(File.Exists(temp));   // the callback (an external program) creates it
            File.WriteAllBytes(temp, _new);
        });
        Assert.Equal(_new, File.ReadAllBytes(path));
        Assert.Equal(["graph.png"], Listing());
    }

    [Fact]
    public void WriteViaDeletesTheTemporaryFileWhenTheCallbackFails()
    {
        string path = PathOf("graph.png");
        File.WriteAllBytes(path, _old);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteVia(path, temp =>
        {
            File.WriteAllBytes(temp, _new);
            throw new InvalidOperationException("dot exited with 1");
        }));
        Assert.Equal(_old, File.ReadAllBytes(path));
        Assert.Equal(["graph.png"], Listing());
    }

    [Fact]
    public void WriteViaThrowsWhenTheCallbackCreatedNothing()
    {
        string path = PathOf("graph.png");
        File.WriteAllBytes(path, _old);
        var error = Assert.Throws<IOException>(() => AtomicFile.WriteVia(path, _ => { }));
        Assert.Contains(path, error.Message);
        Assert.Equal(_old, File.ReadAllBytes(path));
    }

    [Fact]
    public void AStaleTempFileOfADeadProcessIsRemovedOnTheNextWrite()
    {
        string path = PathOf("weights.bin");
        // Linux's pid_max is at most 2²², so no process has this id; a temp file of our own process is a live
        // writer's (another thread's) and must stay, as must a file that only looks similar.
        string dead = PathOf($".weights.bin.{int.MaxValue}.{Guid.NewGuid():N}{AtomicFile.TempSuffix}");
        string live = PathOf($".weights.bin.{Environment.ProcessId}.{Guid.NewGuid():N}{AtomicFile.TempSuffix}");
        string oldNaming = PathOf($".weights.bin.{Guid.NewGuid():N}.tmp");
        string notOurs = PathOf(".weights.bin.notes");
        foreach (string file in new[] { dead, live, oldNaming, notOurs }) File.WriteAllBytes(file, _old);

        AtomicFile.Write(path, stream => stream.Write(_new));

        Assert.Equal(new[] { live, notOurs, path }.Select(Path.GetFileName).Order(StringComparer.Ordinal), Listing());
    }

    /// <summary>
    /// Issue 15's kill test: a child process (<see cref="HelperProcess.SaveWeightsMode"/>) saves a 4 MB model's
    /// weights to one path over and over, and is killed (SIGKILL on Unix) at seeded random moments, half of them
    /// just after a temporary file appears, i.e. in the middle of a save. After every kill the file loads and holds
    /// one complete generation, the last one the child reported or the one after (renamed, not yet reported);
    /// the next save (the next child's first) removes the killed process's temporary file, and the last save,
    /// here, leaves the weights file alone in the folder.
    /// </summary>
    [Fact]
    public void KilledSaveLeavesNoStrayTempFile()
    {
        const int Kills = 8;
        string path = PathOf("model.safetensors");
        var rng = new Random(15);
        int killedMidSave = 0, previousPid = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            int first = 1000 * (kill + 1), lastSaved = 0;
            using var child = HelperProcess.Start(HelperProcess.SaveWeightsMode, path, first.ToString());
            try
            {
                child.OutputDataReceived += (_, line) =>
                {
                    if (line.Data is { } text && text.StartsWith("saved ", StringComparison.Ordinal))
                        Volatile.Write(ref lastSaved, int.Parse(text[6..]));
                };
                var stderr = new System.Text.StringBuilder();
                child.ErrorDataReceived += (_, line) => { lock (stderr) stderr.AppendLine(line.Data); };
                child.BeginOutputReadLine();
                child.BeginErrorReadLine();
                var patience = System.Diagnostics.Stopwatch.StartNew();
                while (Volatile.Read(ref lastSaved) < first)
                {
                    if (child.HasExited || patience.Elapsed > TimeSpan.FromSeconds(60))
                        Assert.Fail($"the saving child never reported a save (exited: {child.HasExited}): {stderr}");
                    Thread.Sleep(5);
                }
                // The first save went through AtomicFile.Write, which removed the previous child's leftovers.
                Assert.Empty(TempFilesOf(previousPid));

                if (kill % 2 == 0)
                    Thread.Sleep(rng.Next(0, 150));
                else
                {
                    int delay = rng.Next(0, 3);
                    while (TempFilesOf(child.Id).Length == 0 && patience.Elapsed < TimeSpan.FromSeconds(60))
                        Thread.SpinWait(50);
                    Thread.Sleep(delay);
                }
                child.Kill();
                child.WaitForExit();   // the output read to its end: lastSaved is final
                if (TempFilesOf(child.Id).Length > 0) killedMidSave++;
                previousPid = child.Id;
            }
            finally
            {
                // A failed assertion must not leave the child saving into the folder Dispose deletes.
                if (!child.HasExited) { child.Kill(); child.WaitForExit(); }
            }

            var loaded = HelperProcess.KillTestModel();
            loaded.LoadWeights(path);
            var values = loaded.Weights.SelectMany(w => w.Variable<float>().Data.ToArray()).Distinct().ToArray();
            int saved = Volatile.Read(ref lastSaved);
            Assert.True(values.Length == 1 && (values[0] == saved || values[0] == saved + 1),
                $"kill {kill}: the file holds {string.Join(", ", values.Take(3))} (the child last reported {saved})");
        }
        // Without a kill in the middle of a save there would be no temporary file to clean up: the test would
        // prove nothing about the cleanup.
        Assert.True(killedMidSave > 0, "no kill landed in the middle of a save");

        HelperProcess.KillTestModel().SaveWeights(path);
        Assert.Equal(["model.safetensors"], Listing());
    }

    /// <summary>The temporary files in the test folder written by process <paramref name="pid"/>.</summary>
    private string[] TempFilesOf(int pid) => Directory.GetFiles(_folder, $".*.{pid}.*{AtomicFile.TempSuffix}");
}
