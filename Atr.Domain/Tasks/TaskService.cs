using Atr.Domain.Access;
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

/// <summary>Reads the background task queue.</summary>
public sealed class TaskService(IDbContextFactory<AtrDbContext> factory)
{
    /// <summary>
    /// Tasks the actor may see, newest first, optionally of one status and type: an administrator sees all; others
    /// the tasks of published releases and of releases of their own committees.
    /// </summary>
    public async Task<Page<TaskSummary>> SearchAsync(
        Actor actor, PageRequest page, BackgroundTaskStatus? status, TaskType? type, CancellationToken cancellationToken)
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

        if (status is { } wanted)
        {
            tasks = tasks.Where(t => t.Status == wanted);
        }

        if (type is { } kind)
        {
            tasks = tasks.Where(t => t.TaskType == kind);
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
