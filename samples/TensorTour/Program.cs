using DeepSeq;
using DeepSeq.Devices;

// A tour of the tensor core: the same code on the CPU and on ILGPU's CPU accelerator
// (a simulated GPU running the kernels a CUDA card would), checked against each other.

Console.WriteLine("DeepSeq tensor tour\n");
var cpu = Device.Cpu;
var gpu = IlgpuDevice.CpuSimulator;
Console.WriteLine($"devices: {cpu.Name}, {gpu.Name} ({gpu.Accelerator.Name})\n");

foreach (var device in new Device[] { cpu, gpu })
{
    Console.WriteLine($"== on {device.Name} ==");
    var x = Tensor.Arange(0f, 6f, 1f, device).Reshape(2, 3);
    Console.WriteLine($"x = {x}");
    Console.WriteLine($"x.T = {x.Transpose()}");
    Console.WriteLine($"x reversed along axis 1 = {x.Flip(1)}");
    var bias = Tensor.FromArray(new[] { 10f, 20f, 30f }, device);
    Console.WriteLine($"x + bias (broadcast) = {x + bias}");
    Console.WriteLine($"softmax(x, axis=1) = {x.Softmax(1)}");
    Console.WriteLine($"x @ x.T = {x.MatMul(x.Transpose())}");
    Console.WriteLine($"sum over axis 0 = {x.Sum(0)}, argmax over axis 1 = {x.ArgMax(1)}");
    var labels = Tensor.FromArray(new[] { 2, 0 }, device);
    Console.WriteLine($"one_hot([2, 0], 3) = {labels.OneHot<float>(3)}\n");
}

// The same random product on both devices must agree.
var a = Tensor.FromArray(Enumerable.Range(0, 64 * 48).Select(i => MathF.Sin(i)).ToArray(), new Shape(64, 48));
var b = Tensor.FromArray(Enumerable.Range(0, 48 * 32).Select(i => MathF.Cos(i)).ToArray(), new Shape(48, 32));
var onCpu = a.MatMul(b).ToArray();
var onGpu = a.To(gpu).MatMul(b.To(gpu)).ToArray();
float worst = onCpu.Zip(onGpu, (p, q) => MathF.Abs(p - q)).Max();
Console.WriteLine($"(64,48) @ (48,32): largest |cpu - ilgpu| = {worst:E2} {(worst < 1e-3f ? "OK" : "MISMATCH")}");

// A seed fixes every random number: the same generator seed gives the same weights on every run and device.
var w = Tensor.Initialize<float>([3, 2], "glorot_uniform", new Generator(seed: 42));
var again = Tensor.Initialize<float>([3, 2], "glorot_uniform", new Generator(seed: 42), gpu);
bool same = w.ToArray().SequenceEqual(again.ToArray());
Console.WriteLine($"glorot_uniform (3,2), seed 42: {w}\n  drawn again for {gpu.Name}: {(same ? "identical" : "DIFFERENT")}");
Console.WriteLine($"a big tensor prints elided: {Tensor.Arange(0f, 2000f, 1f).Reshape(40, 50)}");
return worst < 1e-3f && same ? 0 : 1;
