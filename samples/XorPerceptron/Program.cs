using DeepSeq;
using DeepSeq.Autograd;

// XOR with a two-layer perceptron, written as a learner would: plain tensor ops, autograd for the
// gradients, and stochastic gradient descent by hand.  h = tanh(x·W1 + b1),  p = σ(h·W2 + b2),
// loss = mean((p − y)²),  then  w ← w − η·∂loss/∂w  for every weight.

var x = new Variable<float>(Tensor.FromArray<float>(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } }));
var y = new Variable<float>(Tensor.FromArray<float>(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } }));

var generator = new Generator(seed: 7);   // a seed fixes every random number: the run is reproducible
var w1 = new Variable<float>(Tensor.Initialize<float>([2, 8], "glorot_uniform", generator), requiresGrad: true, name: "W1");
var b1 = new Variable<float>(Tensor.Zeros<float>([8]), requiresGrad: true, name: "b1");
var w2 = new Variable<float>(Tensor.Initialize<float>([8, 1], "glorot_uniform", generator), requiresGrad: true, name: "W2");
var b2 = new Variable<float>(Tensor.Zeros<float>([1]), requiresGrad: true, name: "b2");
Variable<float>[] weights = [w1, b1, w2, b2];
const float learningRate = 0.5f;

Variable<float> Predict(Variable<float> inputs) => (((inputs.MatMul(w1) + b1).Tanh()).MatMul(w2) + b2).Sigmoid();

for (int epoch = 0; epoch <= 2000; epoch++)
{
    var error = Predict(x) - y;
    var loss = (error * error).Mean();

    foreach (var w in weights) w.ZeroGrad();
    loss.Backward();                                    // fills w.Grad = ∂loss/∂w for every weight
    using (GradMode.NoGrad())                           // the update itself is not part of the graph
        foreach (var w in weights) w.Assign(w.Data - w.Grad! * learningRate);

    if (epoch % 250 == 0) Console.WriteLine($"epoch {epoch,4}: loss {loss.Data.Item():F6}");
}

using (GradMode.NoGrad())
{
    var p = Predict(x).Data.ToArray();
    Console.WriteLine("predictions: " + string.Join(", ", new[] { "0 xor 0", "0 xor 1", "1 xor 0", "1 xor 1" }
        .Select((name, i) => $"{name} = {p[i]:F3}")));
    bool learned = p[0] < 0.5f && p[1] > 0.5f && p[2] > 0.5f && p[3] < 0.5f;
    Console.WriteLine(learned ? "XOR learned." : "XOR NOT learned.");
    return learned ? 0 : 1;
}
