using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Keys;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Checks;

/// <summary>
/// Runs one queued check task: claims it (QUEUED → ACTIVE, only if nobody else did), runs the check within the
/// time limit, and in one transaction records its findings and completes it (→ COMPLETED) or fails it with the
/// reason (→ FAILED). A task that vanished meanwhile (its release was deleted) records nothing. Also recovers
/// after a crash: tasks left ACTIVE by a dead worker go back to the queue, or fail after three attempts.
/// </summary>
public sealed class CheckRunner(
    IDbContextFactory<AtrDbContext> factory,
    CheckPlanner planner,
    ManifestCache manifests,
    ArtifactStore store,
    IDomainEventPublisher events,
    TimeProvider time,
    ILogger<CheckRunner> logger)
{
    public const int MaxAttempts = 3;

    /// <summary>Runs the task if it is still queued; returns its final status, or null when it was not run here.</summary>
    /// <param name="workerId">Stored as the task's pid: identifies this process's worker for recovery.</param>
    public async Task<BackgroundTaskStatus?> RunAsync(int taskId, int workerId, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        // One context for the whole run: creating one costs more than the queries of a quick check.
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Tasks
            .Where(t => t.Id == taskId && t.Status == BackgroundTaskStatus.Queued)
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Status, BackgroundTaskStatus.Active)
                .SetProperty(x => x.Started, time.GetUtcNow().UtcDateTime)
                .SetProperty(x => x.Pid, workerId)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is not { Status: BackgroundTaskStatus.Active } || task.Pid != workerId)
        {
            return null;
        }

        Announce(task, BackgroundTaskStatus.Active);
        var outcome = await CheckAsync(db, task, timeLimit, cancellationToken);
        if (outcome is null)
        {
            await RequeueAsync(db, taskId, workerId);
            return null;
        }

        return await FinishAsync(db, task, workerId, outcome, cancellationToken);
    }

    /// <summary>
    /// Puts tasks left ACTIVE by other (dead) workers back in the queue, or fails those interrupted
    /// <see cref="MaxAttempts"/> times; returns every queued task, to be run.
    /// </summary>
    public async Task<IReadOnlyList<int>> RecoverAsync(int workerId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var requeued = await db.Tasks
            .Where(t => t.Status == BackgroundTaskStatus.Active && t.Pid != workerId && t.Attempts < MaxAttempts)
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Status, BackgroundTaskStatus.Queued)
                .SetProperty(x => x.Started, (DateTime?)null)
                .SetProperty(x => x.Pid, (int?)null), cancellationToken);
        var failed = await db.Tasks
            .Where(t => t.Status == BackgroundTaskStatus.Active && t.Pid != workerId && t.Attempts >= MaxAttempts)
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Status, BackgroundTaskStatus.Failed)
                .SetProperty(x => x.Completed, now)
                .SetProperty(x => x.Error, $"interrupted {MaxAttempts} times"), cancellationToken);
        if (requeued + failed > 0)
        {
            logger.LogWarning("Recovered tasks of a stopped worker: {Requeued} queued again, {Failed} failed after {Max} attempts",
                requeued, failed, MaxAttempts);
        }

        return await db.Tasks.AsNoTracking()
            .Where(t => t.Status == BackgroundTaskStatus.Queued)
            .OrderBy(t => t.Added).ThenBy(t => t.Id)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Runs the check; null when this process is stopping (the task goes back to the queue).</summary>
    private async Task<Outcome?> CheckAsync(AtrDbContext db, BackgroundTask task, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeLimit);
        try
        {
            var check = planner.For(task.TaskType);
            var (run, releaseName) = await PrepareAsync(db, check, task, limit.Token);
            if (run is null)
            {
                return new Outcome(null, null, "The release or revision of this task no longer exists");
            }

            await check.RunAsync(run, limit.Token).WaitAsync(timeLimit, cancellationToken);
            return new Outcome(run, releaseName, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return new Outcome(null, null, $"time limit of {timeLimit.TotalSeconds:0} s exceeded");
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Task {TaskId} ({Type}) failed", task.Id, task.TaskType);
            return new Outcome(null, null, string.IsNullOrWhiteSpace(e.Message) ? e.GetType().Name : e.Message);
        }
    }

    private async Task<(CheckRun? Run, string? ReleaseName)> PrepareAsync(AtrDbContext db, ICheck check, BackgroundTask task, CancellationToken cancellationToken)
    {
        var release = await db.Releases.AsNoTracking()
            .Include(r => r.Project).ThenInclude(p => p.Committee)
            .Include(r => r.Project).ThenInclude(p => p.ReleasePolicy)
            .SingleOrDefaultAsync(r => r.ProjectName == task.ProjectName && r.Version == task.VersionName, cancellationToken);
        if (release is null || task.RevisionNumber is null)
        {
            return (null, null);
        }

        var manifest = await manifests.GetAsync(Revision.MakeName(release.Name, task.RevisionNumber), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var keys = check.ReadsCommitteeKeys ? await CommitteeKeys.LoadAsync(db, release.Project.CommitteeName, now, cancellationToken) : CommitteeKeys.None(now);
        var subject = CheckSubject.For(release, task.RevisionNumber, manifest, task.PrimaryRelPath, keys);
        return (new CheckRun(check, subject, (file, _) => Task.FromResult(store.OpenRead(file.Sha256))), release.Name);
    }

    /// <summary>
    /// Records the findings and the task's end in one transaction, only if the task is still ACTIVE under this
    /// worker (Status and Pid are concurrency tokens): a task deleted with its release, or recovered by another
    /// process, keeps what it has and the findings are dropped.
    /// </summary>
    private async Task<BackgroundTaskStatus?> FinishAsync(
        AtrDbContext db, BackgroundTask task, int workerId, Outcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.Tasks.Attach(task);
        if (outcome is { Run: { } run, ReleaseName: { } release })
        {
            foreach (var finding in run.Findings)
            {
                db.CheckResults.Add(new CheckResult(release, task.RevisionNumber!, finding.Checker, finding.PrimaryRelPath, finding.MemberRelPath,
                    finding.Status, finding.Message, now, finding.Data, task.Id));
            }

            var check = planner.For(task.TaskType);
            if (task.InputKey is not null && CheckPlanner.InputKey(check, run.Subject) is var actual && actual != task.InputKey)
            {
                task.RecordInputs(actual);
            }

            task.Complete(new CheckTaskResult(
                check.Key,
                check.Version,
                Count(run, CheckResultStatus.Success),
                Count(run, CheckResultStatus.Warning),
                Count(run, CheckResultStatus.Failure),
                Count(run, CheckResultStatus.Exception)), now);
        }
        else
        {
            task.Fail(outcome.Error!, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await StillMineAsync(task.Id, workerId))
            {
                throw;
            }

            logger.LogInformation("Task {TaskId} was cancelled or taken over while it ran; its findings are dropped", task.Id);
            return null;
        }

        Announce(task, task.Status);
        return task.Status;
    }

    private async Task<bool> StillMineAsync(int taskId, int workerId)
    {
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        return await db.Tasks.AnyAsync(t => t.Id == taskId && t.Status == BackgroundTaskStatus.Active && t.Pid == workerId, CancellationToken.None);
    }

    /// <summary>A run interrupted because this process stops: the task waits in the queue for the next start.</summary>
    private static async Task RequeueAsync(AtrDbContext db, int taskId, int workerId)
    {
        await db.Tasks
            .Where(t => t.Id == taskId && t.Status == BackgroundTaskStatus.Active && t.Pid == workerId)
            .ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Status, BackgroundTaskStatus.Queued)
                .SetProperty(x => x.Started, (DateTime?)null)
                .SetProperty(x => x.Pid, (int?)null), CancellationToken.None);
    }

    private void Announce(BackgroundTask task, BackgroundTaskStatus status) =>
        events.Publish(new TaskChanged(task.Id, task.TaskType, status, task.ProjectName, task.VersionName, task.RevisionNumber, task.PrimaryRelPath));

    private static int Count(CheckRun run, CheckResultStatus status) => run.Findings.Count(f => f.Status == status && f.MemberRelPath is null);

    private sealed record Outcome(CheckRun? Run, string? ReleaseName, string? Error);
}
