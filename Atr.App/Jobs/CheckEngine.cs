using System.Collections.Concurrent;
using System.Security.Cryptography;
using Atr.App.Live;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Microsoft.Extensions.Options;
using Quartz;

namespace Atr.App.Jobs;

/// <summary>
/// Hands queued check tasks to Quartz, one trigger each and never more at once than <c>Atr:Checks:Concurrency</c>
/// (the rest wait here, in order, and are handed over as running ones end; Quartz's spare threads stay free for the
/// sweep and mail), keeps the cancellation of each running task so that deleting a release stops its checks, and at
/// start recovers what a previous process left behind. This process's worker id is random, so that a restarted container (where the
/// process id is always the same) still tells its own tasks from a dead process's.
/// </summary>
public sealed class CheckEngine(ISchedulerFactory schedulers, CheckRunner runner, IOptions<CheckOptions> options, ILogger<CheckEngine> logger)
    : IDomainEventListener, IHostedService
{
    private readonly ConcurrentDictionary<int, Running> _running = new();
    private readonly ConcurrentQueue<int> _waiting = new();
    private readonly Lock _gate = new();
    private int _triggered;

    public int WorkerId { get; } = RandomNumberGenerator.GetInt32(1, int.MaxValue);

    public TimeSpan TimeLimit => TimeSpan.FromSeconds(options.Value.TimeoutSeconds);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queued = await runner.RecoverAsync(WorkerId, cancellationToken);
        await DispatchAsync(queued, cancellationToken);
        if (queued.Count > 0)
        {
            logger.LogInformation("Queued {Count} check task(s) left from before the start", queued.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task OnEventAsync(DomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case ChecksPlanned planned:
                await DispatchAsync(planned.QueuedTaskIds, CancellationToken.None);
                break;
            case TaskChanged { Status: Domain.Tasks.BackgroundTaskStatus.Active } started when _running.TryGetValue(started.TaskId, out var running):
                running.Release = (started.ProjectName, started.VersionName);
                break;
            case ReleaseDeleted deleted:
                foreach (var (_, task) in _running.Where(r => r.Value.Release == (deleted.ProjectName, deleted.VersionName)))
                {
                    await task.Cancellation.CancelAsync();
                }

                break;
        }
    }

    /// <summary>
    /// Runs one task (called by <see cref="CheckTaskJob"/>, holding one of the slots), cancellable by the job and by the
    /// release's deletion; then hands the slot to the next waiting task.
    /// </summary>
    public async Task RunAsync(int taskId, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[taskId] = new Running(cancellation);
        try
        {
            await runner.RunAsync(taskId, WorkerId, TimeLimit, cancellation.Token);
        }
        finally
        {
            _running.TryRemove(taskId, out _);
            ReleaseSlot();
            await PumpAsync(CancellationToken.None);
        }
    }

    private async Task DispatchAsync(IReadOnlyList<int> taskIds, CancellationToken cancellationToken)
    {
        foreach (var taskId in taskIds)
        {
            _waiting.Enqueue(taskId);
        }

        await PumpAsync(cancellationToken);
    }

    /// <summary>Triggers waiting tasks while a slot is free.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        while (!_waiting.IsEmpty && TakeSlot())
        {
            if (!_waiting.TryDequeue(out var taskId))
            {
                ReleaseSlot();
                return;
            }

            try
            {
                var scheduler = await schedulers.GetScheduler(cancellationToken);
                await scheduler.TriggerJob(CheckTaskJob.Key, new JobDataMap { [CheckTaskJob.TaskIdKey] = taskId }, cancellationToken);
            }
            catch
            {
                ReleaseSlot();
                _waiting.Enqueue(taskId);
                throw;
            }
        }
    }

    /// <summary>Counts one more task handed to Quartz, unless as many as the setting allows are running.</summary>
    private bool TakeSlot()
    {
        lock (_gate)
        {
            if (_triggered >= options.Value.Concurrency)
            {
                return false;
            }

            _triggered++;
            return true;
        }
    }

    private void ReleaseSlot()
    {
        lock (_gate)
        {
            _triggered--;
        }
    }

    private sealed class Running(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public (string? Project, string? Version) Release { get; set; }
    }
}
