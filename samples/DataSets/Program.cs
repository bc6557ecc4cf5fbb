// dotnet run --project samples/DataSets -- list [--data DIR]
//   One line per registered data set: where it was found (real / cache) with its record counts, or why it is
//   missing and whether a download or a SYNTHETIC stand-in exists.
// dotnet run --project samples/DataSets -- show NAME [--data DIR] [--synthetic]
//   Resolves one data set as a sample would: falls back to a SYNTHETIC stand-in when it cannot be had otherwise.
using DeepSeq.Data.DataSets;

string? command = null, name = null, dataDir = null;
bool synthetic = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data" when i + 1 < args.Length: dataDir = args[++i]; break;
        case "--data": return Usage("--data needs a folder");
        case "--synthetic": synthetic = true; break;
        case "-h" or "--help": return Usage(null);
        default:
            if (command is null) command = args[i];
            else if (name is null) name = args[i];
            else return Usage($"unexpected argument '{args[i]}'");
            break;
    }
}

switch (command)
{
    case "list" when name is null:
        foreach (string line in DataSets.ListLines(SearchRoots.For(dataDir))) Console.WriteLine(line);
        return 0;
    case "show" when name is not null:
        try
        {
            Console.WriteLine(DataSets.Resolve(name, dataDir, synthetic));
            return 0;
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message);
        }
    default:
        return Usage(command is null ? "no command" : $"cannot run '{string.Join(' ', args)}'");
}

static int Usage(string? error)
{
    if (error is not null) Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine("usage: DataSets list [--data DIR]");
    Console.Error.WriteLine("       DataSets show NAME [--data DIR] [--synthetic]");
    return error is null ? 0 : 2;
}
