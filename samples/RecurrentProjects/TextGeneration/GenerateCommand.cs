using System.CommandLine;
using System.Globalization;

namespace DeepSeq.Samples.RecurrentProjects.TextGeneration;

/// <summary>
/// <c>generate</c>: loads a model E5 saved and prints text for the user's prompt.
/// <code>
/// RecurrentProjects generate --prompt "romeo: " [--model out/RecurrentProjects/E5_lstm.safetensors]
///                            [--length 250] [--temperature 0.5] [--seed 42]
/// </code>
/// The prompt is lowercased, as the training text was; temperature 0 takes the argmax.
/// </summary>
public static class GenerateCommand
{
    /// <summary>The command, printing to <paramref name="output"/>.</summary>
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model")
        {
            Description = "The weights E5 saved (the .json beside them says the cell and the vocabulary).",
            DefaultValueFactory = _ => Path.Combine("out", RecurrentProjectsSample.Name, TextModel.WeightsFile),
        };
        var prompt = new Option<string>("--prompt") { Description = "The text to continue.", Required = true };
        var length = new Option<int>("--length")
        {
            Description = "How many characters to generate.", DefaultValueFactory = _ => 250,
        };
        var temperature = new Option<double>("--temperature")
        {
            Description = "Sample from softmax(log p / T); 0 takes the most probable character.",
            DefaultValueFactory = _ => 0.5,
        };
        var seed = new Option<int>("--seed") { Description = "The seed of the draws.", DefaultValueFactory = _ => 42 };
        var command = new Command("generate", "Continue a prompt with a text model saved by E5.")
        {
            model, prompt, length, temperature, seed,
        };
        command.SetAction(parse => Generate(parse.GetValue(model)!, parse.GetValue(prompt)!, parse.GetValue(length),
            parse.GetValue(temperature), (ulong)parse.GetValue(seed), output));
        return command;
    }

    /// <summary>Prints <paramref name="prompt"/> and its continuation; returns the exit code (2 with a message
    /// when the model cannot be loaded or the prompt has a character the model does not know).</summary>
    public static int Generate(string weights, string prompt, int length, double temperature, ulong seed,
        TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            if (length < 0) throw new ArgumentException($"--length must be ≥ 0, got {length}");
            var (model, cell, vocabulary) = TextModelFile.Load(weights);
            var generator = new CharGenerator(model, TextGenerationExperiment.StatefulTwin(cell),
                vocabulary);
            output.WriteLine(generator.Generate(prompt.ToLowerInvariant(), length, temperature, seed));
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            output.WriteLine($"error: generate --temperature {temperature.ToString(CultureInfo.InvariantCulture)}: " +
                             e.Message);
            return 2;
        }
    }
}
