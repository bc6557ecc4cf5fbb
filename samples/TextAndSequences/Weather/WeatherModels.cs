using DeepSeq.Layers;

namespace DeepSeq.Samples.TextAndSequences.Weather;

// The chapter's forecasting networks, each as the book builds it. GRUs use resetAfter: false, the book's Keras 2 GRU
// (3·u·(in + u + 1) parameters); parameter counts are the book's on Jena's 14 columns.

/// <summary>B9: Flatten → Dense(32, relu) → Dense(1); 107,585 parameters on Jena.</summary>
public sealed class DenseForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B9";
    /// <inheritdoc/>
    public override string Title => "Weather: Flatten → Dense(32, relu) → Dense(1), RMSprop, MAE, 20 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "107,585 params; not better than the baseline (notebook val MAE 0.30–0.36)";
    /// <inheritdoc/>
    public override long JenaParams => 107_585;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) =>
        Network(timesteps, features, new Flatten(), new Dense(32, "relu"), new Dense(1));
}

/// <summary>B10: GRU(32) → Dense(1); 4,545 parameters on Jena.</summary>
public sealed class GruForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B10";
    /// <inheritdoc/>
    public override string Title => "Weather: GRU(32) → Dense(1), RMSprop, MAE, 20 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "4,545 params; val MAE ≈ 0.265 ≈ 2.35 °C (0.91 × the baseline), then overfits";
    /// <inheritdoc/>
    public override long JenaParams => 4_545;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) =>
        Network(timesteps, features, new Gru(32, resetAfter: false), new Dense(1));
}

/// <summary>B11: GRU(32, dropout 0.2, recurrent_dropout 0.2) → Dense(1), 40 epochs; 4,545 parameters on Jena.
/// </summary>
public sealed class DropoutGruForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B11";
    /// <inheritdoc/>
    public override string Title => "Weather: GRU(32, dropout 0.2, recurrent_dropout 0.2) → Dense(1), 40 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "no overfitting in the first 30 epochs, best ≈ B10 (notebook 0.262)";
    /// <inheritdoc/>
    public override int Epochs => 40;
    /// <inheritdoc/>
    public override long JenaParams => 4_545;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) => Network(timesteps, features,
        new Gru(32, resetAfter: false, dropout: 0.2, recurrentDropout: 0.2), new Dense(1));
}

/// <summary>B12: GRU(32, dropout 0.1, recurrent_dropout 0.5, return_sequences) → GRU(64, relu, dropout 0.1,
/// recurrent_dropout 0.5) → Dense(1), 40 epochs; 23,201 parameters on Jena.</summary>
public sealed class StackedGruForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B12";
    /// <inheritdoc/>
    public override string Title => "Weather: GRU(32) → GRU(64, relu), dropout 0.1, recurrent_dropout 0.5, " +
                                    "40 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "23,201 params; slightly better than B11 (notebook 0.263)";
    /// <inheritdoc/>
    public override int Epochs => 40;
    /// <inheritdoc/>
    public override long JenaParams => 23_201;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) => Network(timesteps, features,
        new Gru(32, resetAfter: false, dropout: 0.1, recurrentDropout: 0.5, returnSequences: true),
        new Gru(64, "relu", resetAfter: false, dropout: 0.1, recurrentDropout: 0.5), new Dense(1));
}

/// <summary>B13 on the weather: B10's GRU on windows that run backwards in time. The recent past carries most of the
/// forecast, and read last it is what the GRU remembers best; reversed, it is what it forgets first.</summary>
public sealed class ReversedGruForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B13w";
    /// <inheritdoc/>
    public override string Title => "Weather reversed: B10's GRU(32) on windows read backwards, 20 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "far worse than the baseline (notebook 0.40–0.48)";
    /// <inheritdoc/>
    public override bool Reversed => true;
    /// <inheritdoc/>
    public override long JenaParams => 4_545;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) =>
        Network(timesteps, features, new Gru(32, resetAfter: false), new Dense(1));
}

/// <summary>B14 on the weather: Bidirectional(GRU(32)) → Dense(1), 40 epochs; 9,089 parameters on Jena.</summary>
public sealed class BidirectionalGruForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B14w";
    /// <inheritdoc/>
    public override string Title => "Weather: Bidirectional(GRU(32)) → Dense(1), 40 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "9,089 params; ≈ B10 (notebook 0.2615)";
    /// <inheritdoc/>
    public override int Epochs => 40;
    /// <inheritdoc/>
    public override long JenaParams => 9_089;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) =>
        Network(timesteps, features, new Bidirectional(new Gru(32, resetAfter: false)), new Dense(1));
}

/// <summary>B16: Conv1D(32, 5) → MaxPooling1D(3) → Conv1D(32, 5) → MaxPooling1D(3) → Conv1D(32, 5) →
/// GlobalMaxPooling1D → Dense(1), relu convolutions; 12,609 parameters on Jena.</summary>
public sealed class ConvnetForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B16";
    /// <inheritdoc/>
    public override string Title => "Weather 1D convnet: 3 × Conv1D(32, 5, relu) with MaxPooling1D(3) → " +
                                    "GlobalMaxPooling1D → Dense(1), 20 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "12,609 params; val MAE in the 0.40s, worse than the baseline";
    /// <inheritdoc/>
    public override long JenaParams => 12_609;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) => Network(timesteps, features,
        new Conv1D(32, 5, activation: "relu"), new MaxPooling1D(3), new Conv1D(32, 5, activation: "relu"),
        new MaxPooling1D(3), new Conv1D(32, 5, activation: "relu"), new GlobalMaxPooling1D(), new Dense(1));
}

/// <summary>B17: a convolutional base before a GRU, on the higher-resolution windows: Conv1D(32, 5, relu) →
/// MaxPooling1D(3) → Conv1D(32, 5, relu) → GRU(32, dropout 0.1, recurrent_dropout 0.5) → Dense(1); 13,697
/// parameters on Jena.</summary>
public sealed class ConvGruForecast : WeatherExperiment
{
    /// <inheritdoc/>
    public override string Id => "B17";
    /// <inheritdoc/>
    public override string Title => "Weather: Conv1D(32, 5) → MaxPooling1D(3) → Conv1D(32, 5) → GRU(32) → Dense(1) " +
                                    "on higher-resolution windows, 20 × 500 steps";
    /// <inheritdoc/>
    public override string Reference => "13,697 params; a little worse than B11 but much faster (notebook 0.273)";
    /// <inheritdoc/>
    public override bool HigherResolution => true;
    /// <inheritdoc/>
    public override long JenaParams => 13_697;

    /// <inheritdoc/>
    public override Sequential Build(int timesteps, int features) => Network(timesteps, features,
        new Conv1D(32, 5, activation: "relu"), new MaxPooling1D(3), new Conv1D(32, 5, activation: "relu"),
        new Gru(32, resetAfter: false, dropout: 0.1, recurrentDropout: 0.5), new Dense(1));
}
