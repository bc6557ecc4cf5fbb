using DeepSeq.Autograd;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>The float64 batch the core layer tests call their layers on.</summary>
internal static class CoreTestKit
{
    /// <summary>A constant float64 variable of the rows of <paramref name="values"/>.</summary>
    public static Variable<double> Batch(double[,] values) => new(Tensor.FromArray<double>(values));
}
