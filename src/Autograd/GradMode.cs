namespace DeepSeq.Autograd;

/// <summary>
/// Whether operations are recorded for backward. Off inside <see cref="NoGrad"/>: inference and optimizer
/// updates build no graph and keep nothing alive (PyTorch's <c>torch.no_grad()</c>).
/// </summary>
/// <remarks>
/// The setting follows the logical flow of control, not the thread (an <see cref="AsyncLocal{T}"/>): code that
/// awaits inside a <c>using (GradMode.NoGrad())</c> block stays in no-grad mode when it resumes on another
/// thread, and other threads are not affected. Each scope restores the setting it found, so scopes nest.
/// </remarks>
public static class GradMode
{
    private static readonly AsyncLocal<bool> s_disabled = new();

    /// <summary>True unless the current flow of control is inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsEnabled => !s_disabled.Value;

    /// <summary>Turns recording off until the returned scope is
    /// disposed: <c>using (GradMode.NoGrad()) { … }</c>.</summary>
    public static IDisposable NoGrad()
    {
        var scope = new Scope(s_disabled.Value);
        s_disabled.Value = true;
        return scope;
    }

    private sealed class Scope(bool previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_disabled.Value = previous;
        }
    }
}
