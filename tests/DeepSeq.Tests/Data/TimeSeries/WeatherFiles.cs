namespace DeepSeq.Tests.Data.TimeSeries;

/// <summary>Small weather CSV files for the loader tests, in a temporary folder deleted on Dispose.</summary>
internal sealed class WeatherFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("deepseq-weather-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Writes <paramref name="text"/> to a new file <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
