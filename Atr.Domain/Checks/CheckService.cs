using System.Text.Json;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Atr.Domain.Checks;

/// <summary>
/// The checks of a revision as people see them (counts, tasks, results), and the two ways to run checks again:
/// retrying failed ones and, for administrators, restarting all. Both add tasks; history is never rewritten.
/// A revision's check for a file is its newest task of that type for that file; its results are the results of
/// that task, or of the earlier task it reuses.
/// </summary>
public sealed class CheckService(
    IDbContextFactory<AtrDbContext> factory,
    CheckPlanner planner,
    IDomainEventPublisher events,
    TimeProvider time)
{
    public async Task<RevisionChecks> RevisionChecksAsync(Actor actor, string projectName, string version, string number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await FindAsync(db, projectName, version, cancellationToken);
        RequireReview(actor, release);
        var revision = number == "latest"
            ? release.LatestRevisionNumber ?? throw new NotFoundException($"A revision of {projectName} {version}")
            : number;
        if (!await db.Revisions.AnyAsync(r => r.Name == Revision.MakeName(release.Name, revision), cancellationToken))
        {
            throw new NotFoundException($"Revision {revision} of {projectName} {version}");
        }

        var checks = await ChecksAsync(db, projectName, version, revision, cancellationToken);
        var origins = checks.Select(c => (int?)c.Origin).ToList();
        var results = await Results(db, origins).ToListAsync(cancellationToken);
        var rules = await IgnoreService.RulesAsync(db, release.Project.CommitteeName, cancellationToken);
        return new RevisionChecks(projectName, version, revision, CheckCounts.Of(checks), checks, MarkIgnored(results, rules, release, revision));
    }

    /// <summary>Throws unless the actor may follow the release's checks as they run.</summary>
    public async Task RequireFollowAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        RequireReview(actor, await FindAsync(db, projectName, version, cancellationToken));
    }

    /// <summary>Queues every failed check of the newest revision again (committers of the release's committee).</summary>
    public async Task<int> RetryFailedAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await FindAsync(db, projectName, version, cancellationToken);
        actor.Require(AccessLevel.Participant, release.Project.Committee, $"retry the checks of {projectName} {version}");
        var revision = release.LatestRevisionNumber ?? throw new NotFoundException($"A revision of {projectName} {version}");
        var failed = (await ChecksAsync(db, projectName, version, revision, cancellationToken))
            .Where(c => c.Status == BackgroundTaskStatus.Failed)
            .ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var tasks = new List<BackgroundTask>();
        foreach (var check in failed)
        {
            var original = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == check.TaskId, cancellationToken);
            tasks.Add(Again(db, original, actor, revision, now));
        }

        return await QueueAsync(db, actor, release, revision, tasks, "checks.retry", cancellationToken);
    }

    /// <summary>Queues one failed check again, as a new task for the same file and revision (administrators).</summary>
    public async Task<int> RetryTaskAsync(Actor actor, int taskId, CancellationToken cancellationToken)
    {
        actor.RequireAdmin($"retry task {taskId}");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var original = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException($"Task {taskId}");
        if (original.Status != BackgroundTaskStatus.Failed)
        {
            throw new DomainException($"Task {taskId} is {original.Status}; only a failed check can be retried") { RuleKind = "precondition" };
        }

        if (original.ProjectName is null || original.VersionName is null || original.RevisionNumber is null || !planner.Checks.Any(c => c.TaskType == original.TaskType))
        {
            throw new DomainException($"Task {taskId} is not a check of a release's file; only checks can be retried here") { RuleKind = "precondition" };
        }

        var release = await FindAsync(db, original.ProjectName, original.VersionName, cancellationToken);
        var task = Again(db, original, actor, original.RevisionNumber, time.GetUtcNow().UtcDateTime);
        await QueueAsync(db, actor, release, original.RevisionNumber, [task], "task.retry", cancellationToken);
        return task.Id;
    }

    /// <summary>A new queued task doing what <paramref name="original"/> did, on the same file of the revision.</summary>
    private static BackgroundTask Again(AtrDbContext db, BackgroundTask original, Actor actor, string revision, DateTime now)
    {
        var task = new BackgroundTask(original.TaskType, original.TaskArgs, actor.UserId ?? Actor.SystemUserId, now);
        task.Target(original.ProjectName!, original.VersionName!, revision, original.PrimaryRelPath);
        if (original.InputKey is { } key)
        {
            task.PlanCheck(key);
        }

        db.Tasks.Add(task);
        return task;
    }

    /// <summary>Runs every check of the newest revision again, reusing nothing (administrators).</summary>
    public async Task<int> RestartAllAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        actor.RequireAdmin($"restart all checks of {projectName} {version}");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await FindAsync(db, projectName, version, cancellationToken, withPolicy: true);
        var revision = release.LatestRevisionNumber ?? throw new NotFoundException($"A revision of {projectName} {version}");
        var manifest = await RevisionWriter.LoadManifestAsync(db, Revision.MakeName(release.Name, revision), cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tasks = await planner.PlanAsync(db, release, revision, manifest, actor, time.GetUtcNow().UtcDateTime, reuse: false, cancellationToken);
        return await QueueAsync(db, actor, release, revision, tasks, "checks.restart", cancellationToken, transaction);
    }

    /// <summary>
    /// After the keys of <paramref name="committees"/> changed: plans again the checks that read committee keys, on
    /// the newest revision of each of their drafts. The new tasks supersede the earlier ones of the same files; a
    /// key set seen before reuses its outcome.
    /// </summary>
    internal async Task<int> ReplanKeyChecksAsync(Actor actor, IReadOnlyCollection<string> committees, CancellationToken cancellationToken)
    {
        if (committees.Count == 0 || !planner.Checks.Any(c => c.ReadsCommitteeKeys))
        {
            return 0;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var drafts = await db.Releases.AsNoTracking()
            .Include(r => r.Project).ThenInclude(p => p.Committee)
            .Include(r => r.Project).ThenInclude(p => p.ReleasePolicy)
            .Where(r => r.Phase == ReleasePhase.ReleaseCandidateDraft && committees.Contains(r.Project.CommitteeName!))
            .ToListAsync(cancellationToken);
        var planned = 0;
        foreach (var release in drafts.Where(r => r.LatestRevisionNumber is not null))
        {
            var revision = release.LatestRevisionNumber!;
            var manifest = await RevisionWriter.LoadManifestAsync(db, Revision.MakeName(release.Name, revision), cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var tasks = await planner.PlanAsync(db, release, revision, manifest, actor, time.GetUtcNow().UtcDateTime, reuse: true,
                cancellationToken, only: c => c.ReadsCommitteeKeys);
            planned += await QueueAsync(db, actor, release, revision, tasks, "checks.keys-changed", cancellationToken, transaction);
        }

        return planned;
    }

    /// <summary>One task with its arguments, timings and results, for those who may see its release.</summary>
    public async Task<TaskDetail> TaskAsync(Actor actor, int taskId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException($"Task {taskId}");
        var release = task.ProjectName is null || task.VersionName is null
            ? null
            : await db.Releases.AsNoTracking().Include(r => r.Project).ThenInclude(p => p.Committee)
                .SingleOrDefaultAsync(r => r.ProjectName == task.ProjectName && r.Version == task.VersionName, cancellationToken);
        if (release is null)
        {
            actor.RequireAdmin($"see task {taskId}");
        }
        else
        {
            RequireReview(actor, release);
        }

        var origin = task.ReusedTaskId ?? task.Id;
        var results = await db.CheckResults.AsNoTracking()
            .Where(r => r.TaskId == origin)
            .OrderBy(r => r.PrimaryRelPath).ThenBy(r => r.MemberRelPath).ThenBy(r => r.Id)
            .Select(r => new CheckResultView(r.Id, r.TaskId, r.Checker, r.PrimaryRelPath, r.MemberRelPath, r.Status, r.Message, r.Data, r.Created))
            .ToListAsync(cancellationToken);
        return new TaskDetail(task.Id, task.TaskType, task.Status, task.AsfUid, task.TaskArgs, task.Added, task.Started, task.Completed, task.Pid,
            task.Attempts, task.Error, task.ResultJson, task.Result, task.ProjectName, task.VersionName, task.RevisionNumber, task.PrimaryRelPath,
            task.ReusedTaskId, results);
    }

    /// <summary>The newest task of each (type, file) of a revision: a retry supersedes what it retried.</summary>
    internal static async Task<List<RevisionCheck>> ChecksAsync(
        AtrDbContext db, string projectName, string version, string revision, CancellationToken cancellationToken)
    {
        var tasks = await Rows(db.Tasks.Where(t => t.ProjectName == projectName && t.VersionName == version && t.RevisionNumber == revision))
            .ToListAsync(cancellationToken);
        return RevisionChecks.Order(tasks.Select(t => t.Check).GroupBy(c => (c.TaskType, c.PrimaryRelPath)).Select(g => g.MaxBy(c => c.TaskId)!));
    }

    /// <summary>
    /// What stands between a revision and its vote: how many of its checks are still queued or running, how many
    /// could not run to their end, and the failures and exceptions among its results, those a rule of the committee
    /// ignores marked so.
    /// </summary>
    internal static async Task<(int Pending, int Crashed, IReadOnlyList<CheckResultView> Failures)> ReadinessAsync(
        AtrDbContext db, Release release, string revision, CancellationToken cancellationToken)
    {
        var checks = await ChecksAsync(db, release.ProjectName, release.Version, revision, cancellationToken);
        var pending = checks.Count(c => c.Status is BackgroundTaskStatus.Queued or BackgroundTaskStatus.Active);
        var crashed = checks.Count(c => c.Status == BackgroundTaskStatus.Failed);
        var failures = await Results(db, checks.Select(c => (int?)c.Origin).ToList(), problemsOnly: true).ToListAsync(cancellationToken);
        var rules = await IgnoreService.RulesAsync(db, release.Project.CommitteeName, cancellationToken);
        return (pending, crashed, MarkIgnored(failures, rules, release, revision));
    }

    /// <summary>The current state of some tasks of a release, for a page that follows its checks as they run.</summary>
    public async Task<IReadOnlyList<CheckChange>> ChangesAsync(
        Actor actor, string projectName, string version, IReadOnlyCollection<int> taskIds, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await FindAsync(db, projectName, version, cancellationToken);
        RequireReview(actor, release);
        var ids = taskIds.ToList();
        var tasks = await Rows(db.Tasks.Where(t => ids.Contains(t.Id) && t.ProjectName == projectName && t.VersionName == version))
            .ToListAsync(cancellationToken);
        var results = (await Results(db, tasks.Select(t => (int?)t.Check.Origin).ToList()).ToListAsync(cancellationToken)).ToLookup(r => r.TaskId);
        var rules = await IgnoreService.RulesAsync(db, release.Project.CommitteeName, cancellationToken);
        return tasks.Select(t => new CheckChange(t.Revision, t.Check, MarkIgnored(results[t.Check.Origin].ToList(), rules, release, t.Revision ?? ""))).ToList();
    }

    /// <summary>The results with those the committee's rules hide marked as ignored.</summary>
    private static List<CheckResultView> MarkIgnored(List<CheckResultView> results, List<CheckResultIgnore> rules, Release release, string revision) =>
        rules.Count == 0
            ? results
            : results.Select(r => rules.Any(rule => IgnoreRules.Hides(rule, release.Name, revision, r)) ? r with { Ignored = true } : r).ToList();

    /// <summary>The checker key a check task's arguments name; the type's label for other tasks.</summary>
    public static string CheckerOf(TaskType type, string arguments)
    {
        try
        {
            using var json = JsonDocument.Parse(arguments);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("checker", out var checker)
                && checker.GetString() is { Length: > 0 } key
                ? key
                : type.Label();
        }
        catch (JsonException)
        {
            return type.Label();
        }
    }

    /// <summary>Drafts, candidates and previews: the committee's committers; published releases: everyone.</summary>
    internal static void RequireReview(Actor actor, Release release)
    {
        if (release.Phase != ReleasePhase.Release)
        {
            actor.Require(AccessLevel.Participant, release.Project.Committee, $"see the checks of {release.ProjectName} {release.Version}");
        }
    }

    /// <summary>Audits and saves the new tasks (committing <paramref name="transaction"/>), then announces them.</summary>
    private async Task<int> QueueAsync(
        AtrDbContext db, Actor actor, Release release, string revision, IReadOnlyList<BackgroundTask> tasks, string action,
        CancellationToken cancellationToken, IDbContextTransaction? transaction = null)
    {
        if (tasks.Count == 0)
        {
            return 0;
        }

        db.Audit(actor, time.GetUtcNow().UtcDateTime, action, nameof(Release), release.Describe(), release.Project.CommitteeName,
            after: new { revision, tasks = tasks.Count });
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        var queued = tasks.Where(t => t.Status == BackgroundTaskStatus.Queued).Select(t => t.Id).ToList();
        events.Publish(new ChecksPlanned(release.ProjectName, release.Version, revision, queued, tasks.Count - queued.Count));
        return tasks.Count;
    }

    private static IQueryable<TaskRow> Rows(IQueryable<BackgroundTask> tasks) =>
        tasks.AsNoTracking().Select(t => new TaskRow(t.RevisionNumber, new RevisionCheck(t.Id, t.TaskType, CheckerOf(t.TaskType, t.TaskArgs),
            t.PrimaryRelPath, t.Status, t.Added, t.Started, t.Completed, t.Error, t.ReusedTaskId, t.Attempts)));

    private static IQueryable<CheckResultView> Results(AtrDbContext db, List<int?> origins, bool problemsOnly = false) =>
        db.CheckResults.AsNoTracking()
            .Where(r => origins.Contains(r.TaskId))
            .Where(r => !problemsOnly || r.Status == CheckResultStatus.Failure || r.Status == CheckResultStatus.Exception)
            .OrderBy(r => r.PrimaryRelPath).ThenBy(r => r.Checker).ThenBy(r => r.MemberRelPath).ThenBy(r => r.Id)
            .Select(r => new CheckResultView(r.Id, r.TaskId, r.Checker, r.PrimaryRelPath, r.MemberRelPath, r.Status, r.Message, r.Data, r.Created));

    private sealed record TaskRow(string? Revision, RevisionCheck Check);

    private static async Task<Release> FindAsync(AtrDbContext db, string projectName, string version, CancellationToken cancellationToken, bool withPolicy = false)
    {
        var releases = db.Releases.AsNoTracking().Include(r => r.Project).ThenInclude(p => p.Committee).AsQueryable();
        if (withPolicy)
        {
            releases = releases.Include(r => r.Project).ThenInclude(p => p.ReleasePolicy);
        }

        return await releases.SingleOrDefaultAsync(r => r.ProjectName == projectName && r.Version == version, cancellationToken)
            ?? throw new NotFoundException($"Release {projectName} {version}");
    }
}
