using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Tasks;

/// <summary>A task as the task list shows it. Arguments are left out: they may hold mail bodies.</summary>
public sealed record TaskSummary(
    int Id,
    TaskType TaskType,
    BackgroundTaskStatus Status,
    string? ProjectName,
    string? VersionName,
    string? RevisionNumber,
    string? PrimaryRelPath,
    string AsfUid,
    DateTime Added,
    DateTime? Started,
    DateTime? Completed,
    string? Error);

/// <summary>Which tasks to list; each criterion left null matches every task.</summary>
/// <param name="From">Added at or after this time (UTC).</param>
/// <param name="Before">Added before this time (UTC).</param>
public sealed record TaskFilter(
    BackgroundTaskStatus? Status = null, TaskType? Type = null, string? Committee = null, DateTime? From = null, DateTime? Before = null);

/// <summary>Reads the background task queue, and cancels tasks (administrators).</summary>
public sealed class TaskService(IDbContextFactory<AtrDbContext> factory, TimeProvider time, IDomainEventPublisher events)
{
    /// <summary>
    /// Stops a queued or running task: it fails with the name of who cancelled it, and a worker still running it
    /// drops its findings when it finishes.
    /// </summary>
    public async Task CancelAsync(Actor actor, int taskId, CancellationToken cancellationToken)
    {
        actor.RequireAdmin($"cancel task {taskId}");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var task = await db.Tasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken) ?? throw new NotFoundException($"Task {taskId}");
        if (task.Status is not (BackgroundTaskStatus.Queued or BackgroundTaskStatus.Active))
        {
            throw new DomainException($"Task {taskId} has already finished ({task.Status}); there is nothing to cancel") { RuleKind = "precondition" };
        }

        var now = time.GetUtcNow().UtcDateTime;
        task.Fail($"Cancelled by {actor.UserId}", now);
        db.Audit(actor, now, "task.cancel", nameof(BackgroundTask), task.Describe(), null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new DomainException($"Task {taskId} started or finished while it was being cancelled; look at it again", e) { RuleKind = "precondition" };
        }

        events.Publish(new TaskChanged(task.Id, task.TaskType, task.Status, task.ProjectName, task.VersionName, task.RevisionNumber, task.PrimaryRelPath));
    }

    /// <summary>
    /// Tasks the actor may see, newest first, narrowed by <paramref name="filter"/>: an administrator sees all;
    /// others the tasks of published releases and of releases of their own committees.
    /// </summary>
    public async Task<Page<TaskSummary>> SearchAsync(Actor actor, PageRequest page, TaskFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tasks = db.Tasks.AsNoTracking();
        if (!actor.IsAdmin)
        {
            var committees = actor.Committees.ToList();
            tasks = tasks.Where(t => t.Project != null
                && ((t.Project.CommitteeName != null && committees.Contains(t.Project.CommitteeName))
                    || db.Releases.Any(r => r.ProjectName == t.ProjectName && r.Version == t.VersionName && r.Phase == ReleasePhase.Release)));
        }

        if (filter.Status is { } wanted)
        {
            tasks = tasks.Where(t => t.Status == wanted);
        }

        if (filter.Type is { } kind)
        {
            tasks = tasks.Where(t => t.TaskType == kind);
        }

        if (!string.IsNullOrWhiteSpace(filter.Committee))
        {
            tasks = tasks.Where(t => t.Project != null && t.Project.CommitteeName == filter.Committee);
        }

        if (filter.From is { } from)
        {
            tasks = tasks.Where(t => t.Added >= from);
        }

        if (filter.Before is { } before)
        {
            tasks = tasks.Where(t => t.Added < before);
        }

        var total = await tasks.CountAsync(cancellationToken);
        var items = await tasks
            .OrderByDescending(t => t.Added)
            .ThenByDescending(t => t.Id)
            .Skip(page.Skip)
            .Take(page.Take)
            .Select(t => new TaskSummary(t.Id, t.TaskType, t.Status, t.ProjectName, t.VersionName, t.RevisionNumber, t.PrimaryRelPath,
                t.AsfUid, t.Added, t.Started, t.Completed, t.Error))
            .ToListAsync(cancellationToken);
        return new Page<TaskSummary>(items, total);
    }
}
