using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Health;

/// <summary>The tasks added on one day (UTC), by their status now.</summary>
public sealed record DayOfTasks(DateOnly Day, int Queued, int Active, int Completed, int Failed);

/// <summary>How often a checker's file-level results were failures or exceptions.</summary>
public sealed record CheckerFailures(string Checker, int Results, int Failures)
{
    public double Rate => Results == 0 ? 0 : (double)Failures / Results;
}

/// <summary>The administrators' view of the instance at one moment.</summary>
public sealed record DashboardFigures(
    DateTime At,
    IReadOnlyDictionary<ReleasePhase, int> ReleasesByPhase,
    IReadOnlyList<DayOfTasks> TasksByDay,
    IReadOnlyList<CheckerFailures> CheckFailures,
    int StoredBlobs,
    long StoredBytes,
    long DatabaseBytes,
    StorageReport? LatestStorageCheck);

/// <summary>
/// Figures for the administrators' dashboard: releases per phase, the last seven days of tasks, the failure rate of
/// each checker over the last <see cref="CheckWindowDays"/> days, the space the store and the database use, and the
/// latest consistency check of the store.
/// </summary>
public sealed class DashboardService(
    IDbContextFactory<AtrDbContext> factory, ArtifactStore store, AtrDomainSettings settings, StorageConsistency storage, TimeProvider time)
{
    public const int TaskDays = 7;
    public const int CheckWindowDays = 30;

    public async Task<DashboardFigures> GetAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("read the dashboard");
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var phases = await db.Releases.AsNoTracking().GroupBy(r => r.Phase).Select(g => new { Phase = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Phase, g => g.Count, cancellationToken);

        var firstDay = DateOnly.FromDateTime(now).AddDays(1 - TaskDays);
        var since = firstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.Added >= since).Select(t => new { t.Added, t.Status }).ToListAsync(cancellationToken);
        var days = Enumerable.Range(0, TaskDays).Select(i => firstDay.AddDays(i)).Select(day =>
        {
            var statuses = tasks.Where(t => DateOnly.FromDateTime(t.Added) == day).Select(t => t.Status).ToList();
            return new DayOfTasks(day, statuses.Count(s => s == BackgroundTaskStatus.Queued), statuses.Count(s => s == BackgroundTaskStatus.Active),
                statuses.Count(s => s == BackgroundTaskStatus.Completed), statuses.Count(s => s == BackgroundTaskStatus.Failed));
        }).ToList();

        var checkSince = now.AddDays(-CheckWindowDays);
        var failures = await db.CheckResults.AsNoTracking()
            .Where(r => r.MemberRelPath == null && r.Created >= checkSince)
            .GroupBy(r => r.Checker)
            .Select(g => new CheckerFailures(g.Key, g.Count(),
                g.Count(r => r.Status == CheckResultStatus.Failure || r.Status == CheckResultStatus.Exception)))
            .ToListAsync(cancellationToken);

        var blobs = store.List().Select(b => new FileInfo(store.PathOf(b.Sha256)).Length).ToList();
        var database = new FileInfo(Path.Combine(settings.StateDirectory, AtrDatabase.FileName));
        return new DashboardFigures(
            now,
            Enum.GetValues<ReleasePhase>().ToDictionary(p => p, p => phases.GetValueOrDefault(p)),
            days,
            [.. failures.OrderByDescending(f => f.Rate).ThenBy(f => f.Checker, StringComparer.Ordinal)],
            blobs.Count,
            blobs.Sum(),
            database.Exists ? database.Length : 0,
            await storage.LatestAsync(actor, cancellationToken));
    }
}
