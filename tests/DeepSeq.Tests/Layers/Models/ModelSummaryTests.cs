using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

/// <summary>
/// <c>Summary()</c> against Keras 2's <c>print_summary</c> (TF 2.x era): the expected tables were laid out with
/// Keras's own column rule — line length 65 and stops at 0.45/0.85/1 for a chain, 98 and 0.33/0.55/0.67/1
/// with a "Connected to" column otherwise; each cell is cut at its stop, one space always separates columns — and
/// Keras's row order and connection rows (see each test); a layer shared by two calls is one row of shape "multiple".
/// </summary>
public sealed class ModelSummaryTests
{
    [Fact]
    public void Functional_chain_has_an_input_layer_row_and_three_columns()
    {
        Session.SetRandomSeed(1);
        var input = new Input(784);
        var hidden = new Dense(32, "relu").Call(input);
        var output = new Dense(10, "softmax").Call(hidden);
        var model = new Model(input, output);
        string expected = """
            Model: "model"
            _________________________________________________________________
            Layer (type)                 Output Shape              Param #   
            =================================================================
            input_1 (InputLayer)         [(None, 784)]             0         
            _________________________________________________________________
            dense (Dense)                (None, 32)                25120     
            _________________________________________________________________
            dense_1 (Dense)              (None, 10)                330       
            =================================================================
            Total params: 25,450
            Trainable params: 25,450
            Non-trainable params: 0
            _________________________________________________________________

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.Summary(TextWriter.Null));
    }

    [Fact]
    public void Functional_model_with_two_heads_gets_the_connected_to_column()
    {
        Session.SetRandomSeed(2);
        var input = new Input(4);
        var model = new Model([input], [new Dense(2).Call(input), new Dense(1).Call(input)]);
        string expected = """
            Model: "model"
            __________________________________________________________________________________________________
            Layer (type)                    Output Shape         Param #     Connected to                     
            ==================================================================================================
            input_1 (InputLayer)            [(None, 4)]          0                                            
            __________________________________________________________________________________________________
            dense (Dense)                   (None, 2)            10          input_1[0][0]                    
            __________________________________________________________________________________________________
            dense_1 (Dense)                 (None, 1)            5           input_1[0][0]                    
            ==================================================================================================
            Total params: 15
            Trainable params: 15
            Non-trainable params: 0
            __________________________________________________________________________________________________

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.Summary(TextWriter.Null));
    }

    /// <remarks>
    /// Keras lists layers by decreasing depth (distance to the outputs), both inputs first, and prints each further
    /// inbound connection of a layer on a row of its own under the first.
    /// </remarks>
    [Fact]
    public void Functional_model_with_two_inputs_lists_inputs_first_and_one_connection_per_row()
    {
        Session.SetRandomSeed(3);
        var a = new Input(10);
        var b = new Input(5);
        var ha = new Dense(4).Call(a);
        var hb = new Dense(4).Call(b);
        var joined = new Concatenate().Call([ha, hb])[0];
        var model = new Model([a, b], [new Dense(1, "sigmoid").Call(joined)]);
        string expected = """
            Model: "model"
            __________________________________________________________________________________________________
            Layer (type)                    Output Shape         Param #     Connected to                     
            ==================================================================================================
            input_1 (InputLayer)            [(None, 10)]         0                                            
            __________________________________________________________________________________________________
            input_2 (InputLayer)            [(None, 5)]          0                                            
            __________________________________________________________________________________________________
            dense (Dense)                   (None, 4)            44          input_1[0][0]                    
            __________________________________________________________________________________________________
            dense_1 (Dense)                 (None, 4)            24          input_2[0][0]                    
            __________________________________________________________________________________________________
            concatenate (Concatenate)       (None, 8)            0           dense[0][0]                      
                                                                             dense_1[0][0]                    
            __________________________________________________________________________________________________
            dense_2 (Dense)                 (None, 1)            9           concatenate[0][0]                
            ==================================================================================================
            Total params: 77
            Trainable params: 77
            Non-trainable params: 0
            __________________________________________________________________________________________________

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.Summary(TextWriter.Null));
    }

    [Fact]
    public void Frozen_layers_count_as_non_trainable()
    {
        Session.SetRandomSeed(4);
        var embedding = new Embedding(10000, 8, inputLength: 20) { Trainable = false };
        var model = new Sequential(new InputLayer([20]), embedding, new Flatten(), new Dense(1, "sigmoid"));
        string expected = """
            Model: "sequential"
            _________________________________________________________________
            Layer (type)                 Output Shape              Param #   
            =================================================================
            embedding (Embedding)        (None, 20, 8)             80000     
            _________________________________________________________________
            flatten (Flatten)            (None, 160)               0         
            _________________________________________________________________
            dense (Dense)                (None, 1)                 161       
            =================================================================
            Total params: 80,161
            Trainable params: 161
            Non-trainable params: 80,000
            _________________________________________________________________

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.Summary(TextWriter.Null));
    }

    [Fact]
    public void Summary_of_an_unbuilt_sequential_says_how_to_build_it()
    {
        Session.SetRandomSeed(5);
        var e = Assert.Throws<InvalidOperationException>(() => new Sequential(new Dense(1)).Summary(TextWriter.Null));
        Assert.Contains("not built", e.Message);
    }

    [Fact]
    public void Imdb_model_summary_matches_keras()
    {
        Session.SetRandomSeed(1);
        var model = new Sequential(new InputLayer([10000]), new Dense(16, "relu"), new Dense(16, "relu"), new Dense(1, "sigmoid"));
        string expected = """
            Model: "sequential"
            _________________________________________________________________
            Layer (type)                 Output Shape              Param #   
            =================================================================
            dense (Dense)                (None, 16)                160016    
            _________________________________________________________________
            dense_1 (Dense)              (None, 16)                272       
            _________________________________________________________________
            dense_2 (Dense)              (None, 1)                 17        
            =================================================================
            Total params: 160,305
            Trainable params: 160,305
            Non-trainable params: 0
            _________________________________________________________________

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.Summary(TextWriter.Null));
    }

    [Fact]
    public void A_shared_layer_is_one_summary_row_with_multiple_shapes()
    {
        Session.SetRandomSeed(6);
        var a = new Input(4);
        var b = new Input(4);
        var shared = new Dense(2, name: "shared");
        var model = new Model([a, b], [new Add().Call([shared.Call(a), shared.Call(b)])[0]]);
        string table = model.Summary(TextWriter.Null);
        Assert.Single(table.Split('\n'), line => line.StartsWith("shared (Dense)"));
        Assert.Contains("multiple", table);
        Assert.Contains("Total params: 10", table);
    }
}
