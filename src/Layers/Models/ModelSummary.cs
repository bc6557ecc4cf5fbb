using System.Globalization;
using System.Text;

namespace DeepSeq.Layers;

/// <summary>
/// Keras's <c>model.summary()</c> table, in the layout of Keras 2 (the one the course documents print): one row
/// per layer with its name and type, output shape (None for the batch) and parameter count, then the totals.
/// A model whose layers form a chain (Sequential, or a functional chain) gets three columns; any other graph gets a
/// fourth, "Connected to", naming each call's inputs as <c>layer[node][tensor]</c>.
/// </summary>
internal static class ModelSummary
{
    public static string Format(Model model)
    {
        if (!model.IsDefined)
            throw new InvalidOperationException(
                $"{model.Name}: summary: the model is not built yet; give it an " +
                $"input shape (an InputLayer first, or Build) or call it on data");
        bool chain = IsChain(model);
        int lineLength = chain ? 65 : 98;
        double[] positions = chain ? [.45, .85, 1] : [.33, .55, .67, 1];
        int[] stops = positions.Select(p => (int)(lineLength * p)).ToArray();
        string[] header = chain
            ? ["Layer (type)", "Output Shape", "Param #"]
            : ["Layer (type)", "Output Shape", "Param #", "Connected to"];

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Model: \"{model.Name}\"\n");
        text.Append(new string('_', lineLength)).Append('\n');
        text.Append(Row(header, stops)).Append('\n');
        text.Append(new string('=', lineLength)).Append('\n');

        // One row per layer: a shared layer (called more than once) shows "multiple" and all its connections, as in
        // Keras.
        var rows = ByDepth(model)
            .Where(n => model is not Sequential || n.Layer is not InputLayer)
            .GroupBy(n => n.Layer)
            .ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            var layer = rows[i].Key;
            var nodes = rows[i].ToArray();
            string shape = layer is InputLayer input ? $"[{input.OutputShape}]"
                : nodes.Length > 1 ? "multiple"
                : string.Join(", ", nodes[0].Outputs.Select(o => o.Shape.ToString()));
            var cells = new List<string>
            {
                $"{layer.Name} ({layer.TypeName})", shape, layer.CountParams().ToString(CultureInfo.InvariantCulture),
            };
            var connections = nodes.SelectMany(n => n.Inputs).Select(t =>
                $"{t.Layer.Name}[{NodeIndex(model, t.Producer)}][{t.OutputIndex}]").ToArray();
            if (!chain) cells.Add(connections.FirstOrDefault() ?? "");
            text.Append(Row(cells, stops)).Append('\n');
            if (!chain)   // Keras gives each further inbound connection a row of its own
                foreach (string connection in connections.Skip(1))
                    text.Append(Row(["", "", "", connection], stops)).Append('\n');
            text.Append(i == rows.Length - 1 ? new string('=', lineLength) : new string('_', lineLength)).Append('\n');
        }

        long trainable = model.TrainableWeights.Sum(w => (long)w.Size);
        long total = model.Weights.Sum(w => (long)w.Size);
        text.Append(CultureInfo.InvariantCulture, $"Total params: {total:N0}\n");
        text.Append(CultureInfo.InvariantCulture, $"Trainable params: {trainable:N0}\n");
        text.Append(CultureInfo.InvariantCulture, $"Non-trainable params: {total - trainable:N0}\n");
        text.Append(new string('_', lineLength)).Append('\n');
        return text.ToString();
    }

    /// <summary>Keras's test for the short layout: every call takes one input, and every layer is called
    /// once.</summary>
    private static bool IsChain(Model model)
        => model is Sequential || model.Nodes.All(n => n.Inputs.Count <= 1 && n.Outputs.Count == 1)
                                  && model.Nodes.Select(n => n.Layer).Distinct().Count() == model.Nodes.Count
                                  && model.Inputs.Count == 1 && model.Outputs.Count == 1
                                  && model.Nodes.SelectMany(n => n.Inputs).GroupBy(t => t).All(g => g.Count() == 1);

    /// <summary>
    /// The nodes in Keras's listing order: by decreasing depth (the longest path to an output; the inputs come
    /// first), ties kept in computing order.
    /// </summary>
    private static IEnumerable<Node> ByDepth(Model model)
    {
        var depth = model.Nodes.ToDictionary(n => n, _ => 0);
        foreach (var node in model.Nodes.Reverse())
            foreach (var input in node.Inputs)
                depth[input.Producer] = Math.Max(depth[input.Producer], depth[node] + 1);
        return model.Nodes
            .Select((n, i) => (n, i))
            .OrderByDescending(p => depth[p.n])
            .ThenBy(p => p.i)
            .Select(p => p.n);
    }

    private static int NodeIndex(Model model, Node node)
        => model.Nodes.Where(n => n.Layer == node.Layer).TakeWhile(n => n != node).Count();

    /// <summary>Cells placed at the column stops, each cut to fit its column as Keras does.</summary>
    private static string Row(IReadOnlyList<string> cells, int[] stops)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0) { line.Length = stops[i - 1] - 1; line.Append(' '); }   // always one space between columns
            line.Append(cells[i]);
            line.Length = Math.Min(line.Length, stops[i]);
            line.Append(' ', stops[i] - line.Length);
        }
        return line.ToString();
    }
}
