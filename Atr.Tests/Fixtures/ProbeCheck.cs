using System.Collections.Concurrent;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Tasks;

namespace Atr.Tests.Fixtures;

/// <summary>
/// A check whose behaviour each test sets: it runs on every <c>.txt</c> file (as the otherwise unused RAT task type)
/// and by default reports one success naming the file's content hash.
/// </summary>
public sealed class ProbeCheck : ICheck
{
    public string Key => "probe";

    public string Version { get; set; } = "1";

    public TaskType TaskType => TaskType.RatCheck;

    public bool RevisionWide => false;

    public bool ReadsCommitteeKeys => false;

    /// <summary>What a run does; reports one success by default.</summary>
    public Func<CheckRun, CancellationToken, Task> Behaviour { get; set; } = (run, _) =>
    {
        run.Success("probed", new { sha256 = run.Subject.PrimaryFile.Sha256 });
        return Task.CompletedTask;
    };

    public bool AppliesTo(string path) => path.EndsWith(".txt", StringComparison.Ordinal);

    public string DescribeInputs(CheckSubject subject) => subject.PrimaryFile.Sha256;

    public Task RunAsync(CheckRun run, CancellationToken cancellationToken) => Behaviour(run, cancellationToken);
}

/// <summary>Keeps every published event, in order.</summary>
public sealed class RecordingPublisher : IDomainEventPublisher
{
    private readonly ConcurrentQueue<DomainEvent> _events = new();

    public IReadOnlyList<DomainEvent> Events => [.. _events];

    public void Publish(DomainEvent domainEvent) => _events.Enqueue(domainEvent);
}
