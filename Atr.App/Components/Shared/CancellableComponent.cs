using Microsoft.AspNetCore.Components;

namespace Atr.App.Components.Shared;

/// <summary>A component whose data loads stop when the user leaves it.</summary>
public abstract class CancellableComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>Cancelled when the component is disposed.</summary>
    protected CancellationToken Aborted => _disposed.Token;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }
}
