using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Atr.Domain.Access;
using Atr.Domain.Data;
using Atr.Domain.Keys;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Checks;

/// <summary>
/// Plans the checks of a new revision, in the transaction that makes the revision: one task per check and file it
/// applies to (or per revision for a revision-wide check). Reuse: each task carries an input key, a SHA-256 of the
/// checker, its version and what <see cref="ICheck.DescribeInputs"/> says the outcome depends on (content hashes,
/// policy values, keys). When an earlier revision of the same release has a completed task with the same checker
/// and key, the new task completes at once and points at that task (the origin) instead of running: the revision
/// shows the origin's results, so result rows are written once per distinct input, never again per revision.
/// </summary>
public sealed class CheckPlanner(IEnumerable<ICheck> checks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<ICheck> Checks { get; } = checks.ToList();

    /// <summary>Inserts the revision's tasks in the caller's transaction, which commits them with the revision.</summary>
    /// <param name="reuse">False to run every check again (an administrator's restart).</param>
    /// <param name="only">The checks to plan, when not all (those whose inputs changed without a new revision).</param>
    internal async Task<IReadOnlyList<BackgroundTask>> PlanAsync(
        AtrDbContext db, Release release, string revisionNumber, Manifest manifest, Actor requester, DateTime now, bool reuse,
        CancellationToken cancellationToken, Func<ICheck, bool>? only = null)
    {
        if (manifest.Count == 0)
        {
            return [];
        }

        var checks = Checks.Where(c => only?.Invoke(c) ?? true).ToList();
        var keys = checks.Any(c => c.ReadsCommitteeKeys)
            ? await CommitteeKeys.LoadAsync(db, release.Project.CommitteeName, now, cancellationToken)
            : CommitteeKeys.None(now);
        var planned = new List<(ICheck Check, string? Path, string Key)>();
        foreach (var check in checks)
        {
            var targets = check.RevisionWide ? [null] : manifest.Files.Where(f => check.AppliesTo(f.Path)).Select(f => (string?)f.Path);
            planned.AddRange(targets.Select(path => (check, path, InputKey(check, CheckSubject.For(release, revisionNumber, manifest, path, keys)))));
        }

        var earlier = reuse ? await EarlierOutcomesAsync(db, release, planned.Select(p => p.Key).Distinct().ToList(), cancellationToken) : [];
        var tasks = new List<BackgroundTask>(planned.Count);
        foreach (var (check, path, key) in planned)
        {
            var task = new BackgroundTask(check.TaskType, Arguments(check, path), requester.UserId ?? Actor.SystemUserId, now);
            task.Target(release.ProjectName, release.Version, revisionNumber, path);
            task.PlanCheck(key);
            if (earlier.TryGetValue((check.TaskType, key), out var origin))
            {
                task.CompleteWithEarlierResults(origin.TaskId,
                    new CheckTaskResult(check.Key, check.Version, origin.Successes, origin.Warnings, origin.Failures, origin.Exceptions, origin.TaskId), now);
            }

            tasks.Add(task);
        }

        await BulkInsert.InsertAsync(db, tasks, cancellationToken);
        return tasks;
    }

    /// <summary>The check registered for a task type.</summary>
    public ICheck For(TaskType type) =>
        Checks.FirstOrDefault(c => c.TaskType == type) ?? throw new InvalidOperationException($"No check runs {type} tasks");

    /// <summary>
    /// The input key: the checker, its version, the file (so that reused results, which name their file, are always
    /// about the same path) and the check's own description of its inputs.
    /// </summary>
    public static string InputKey(ICheck check, CheckSubject subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{check.Key}\n{check.Version}\n{subject.PrimaryPath}\n{check.DescribeInputs(subject)}")));

    private static string Arguments(ICheck check, string? path) =>
        JsonSerializer.Serialize(new { checker = check.Key, version = check.Version, primaryRelPath = path }, Json);

    /// <summary>
    /// For each (task type, input key) among <paramref name="keys"/>: the task of this release that ran with those
    /// inputs and completed, with its result counts. Only tasks that ran are origins (a reusing task points at one),
    /// so the lookup costs the revision's size, not the release's history.
    /// </summary>
    private static async Task<Dictionary<(TaskType, string), Outcome>> EarlierOutcomesAsync(
        AtrDbContext db, Release release, List<string> keys, CancellationToken cancellationToken)
    {
        var completed = await db.Tasks.AsNoTracking()
            .Where(t => t.ProjectName == release.ProjectName && t.VersionName == release.Version
                && t.Status == BackgroundTaskStatus.Completed && t.ReusedTaskId == null && keys.Contains(t.InputKey!))
            .Select(t => new { t.TaskType, t.InputKey, Origin = t.Id })
            .ToListAsync(cancellationToken);
        var origins = completed.Select(t => (int?)t.Origin).Distinct().ToList();
        var counts = (await db.CheckResults.AsNoTracking()
                .Where(r => origins.Contains(r.TaskId) && r.MemberRelPath == null)
                .GroupBy(r => new { r.TaskId, r.Status })
                .Select(g => new { g.Key.TaskId, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.TaskId!.Value);

        var outcomes = new Dictionary<(TaskType, string), Outcome>();
        foreach (var task in completed.OrderBy(t => t.Origin))
        {
            var byStatus = counts[task.Origin].ToDictionary(c => c.Status, c => c.Count);
            outcomes[(task.TaskType, task.InputKey!)] = new Outcome(
                task.Origin,
                byStatus.GetValueOrDefault(CheckResultStatus.Success),
                byStatus.GetValueOrDefault(CheckResultStatus.Warning),
                byStatus.GetValueOrDefault(CheckResultStatus.Failure),
                byStatus.GetValueOrDefault(CheckResultStatus.Exception));
        }

        return outcomes;
    }

    private sealed record Outcome(int TaskId, int Successes, int Warnings, int Failures, int Exceptions);
}
