using Atr.Domain.Common;

namespace Atr.App.Live;

/// <summary>A server-side receiver of every domain event (the check engine, the SignalR bridge).</summary>
public interface IDomainEventListener
{
    Task OnEventAsync(DomainEvent domainEvent);
}

/// <summary>What pages subscribe to: every domain event, after its transaction committed, until disposed.</summary>
public interface ILiveEvents
{
    IDisposable Subscribe(Func<DomainEvent, Task> handler);
}

/// <summary>
/// Receives the domain's events after their transactions commit and passes them on: to the registered listeners
/// and to every page that subscribed. Subscribers are copied under the lock and called outside it, one failing
/// subscriber never stops the others, and nothing a subscriber does blocks the publisher.
/// </summary>
public sealed class LiveNotifier(IServiceProvider services, ILogger<LiveNotifier> logger) : IDomainEventPublisher, ILiveEvents
{
    private readonly Lock _lock = new();
    private readonly List<Func<DomainEvent, Task>> _subscribers = [];
    private IReadOnlyList<IDomainEventListener>? _listeners;

    public void Publish(DomainEvent domainEvent)
    {
        // Listeners are resolved on first use: the engine depends on services that depend on this notifier.
        _listeners ??= services.GetServices<IDomainEventListener>().ToList();
        List<Func<DomainEvent, Task>> subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var listener in _listeners)
        {
            _ = DeliverAsync(listener.OnEventAsync, domainEvent);
        }

        foreach (var subscriber in subscribers)
        {
            _ = DeliverAsync(subscriber, domainEvent);
        }
    }

    /// <summary>Calls <paramref name="handler"/> for every event until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(Func<DomainEvent, Task> handler)
    {
        lock (_lock)
        {
            _subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    private async Task DeliverAsync(Func<DomainEvent, Task> handler, DomainEvent domainEvent)
    {
        try
        {
            await handler(domainEvent);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A subscriber failed to handle {Event}", domainEvent.GetType().Name);
        }
    }

    private void Unsubscribe(Func<DomainEvent, Task> handler)
    {
        lock (_lock)
        {
            _subscribers.Remove(handler);
        }
    }

    private sealed class Subscription(LiveNotifier notifier, Func<DomainEvent, Task> handler) : IDisposable
    {
        public void Dispose() => notifier.Unsubscribe(handler);
    }
}
