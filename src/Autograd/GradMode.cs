namespace DeepSeq.Autograd;

/// <summary>
/// Whether operations are recorded for backward. Off inside <see cref="NoGrad"/>: inference and optimizer
/// updates build no graph and keep nothing alive (PyTorch's <c>torch.no_grad()</c>).
/// </summary>
public static class GradMode
{
    [ThreadStatic] private static int t_disabledDepth;

    /// <summary>True unless the current thread is inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsEnabled => t_disabledDepth == 0;

    /// <summary>
    /// Turns recording off until the returned scope is disposed: <c>using (GradMode.NoGrad()) { … }</c>.
    /// Scopes nest; the setting is per thread.
    /// </summary>
    public static IDisposable NoGrad()
    {
        t_disabledDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_disabledDepth--;
        }
    }
}
