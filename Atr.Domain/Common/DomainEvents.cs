using Atr.Domain.Tasks;

namespace Atr.Domain.Common;

/// <summary>Something that happened, published after the transaction that made it happen has committed.</summary>
public abstract record DomainEvent;

/// <summary>A task was queued, started, completed or failed.</summary>
public sealed record TaskChanged(
    int TaskId,
    TaskType TaskType,
    BackgroundTaskStatus Status,
    string? ProjectName,
    string? VersionName,
    string? RevisionNumber,
    string? PrimaryRelPath) : DomainEvent;

/// <summary>The checks of a revision were planned: tasks to run, and checks whose earlier results were reused.</summary>
public sealed record ChecksPlanned(string ProjectName, string VersionName, string RevisionNumber, IReadOnlyList<int> QueuedTaskIds, int Reused)
    : DomainEvent;

/// <summary>A release was deleted; its tasks are gone.</summary>
public sealed record ReleaseDeleted(string ProjectName, string VersionName) : DomainEvent;

/// <summary>Where domain services announce events; the web app forwards them to pages, the API and the engine.</summary>
public interface IDomainEventPublisher
{
    void Publish(DomainEvent domainEvent);
}

/// <summary>The publisher of hosts without live views or an engine (benchmarks, domain tests): nobody listens.</summary>
public sealed class NoListeners : IDomainEventPublisher
{
    public static readonly NoListeners Instance = new();

    public void Publish(DomainEvent domainEvent)
    {
    }
}

/// <summary>A vote was started, cast or resolved.</summary>
public sealed record VoteChanged(string ProjectName, string VersionName) : DomainEvent;

/// <summary>Mail was added to the outbox.</summary>
public sealed record MailQueued : DomainEvent;

/// <summary>A release was announced: its files are published.</summary>
public sealed record ReleasePublished(string ProjectName, string VersionName) : DomainEvent;
