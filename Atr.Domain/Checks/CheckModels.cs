using Atr.Domain.Tasks;

namespace Atr.Domain.Checks;

/// <summary>How many of a revision's checks are in each state.</summary>
public sealed record CheckCounts(int Queued, int Active, int Completed, int Failed)
{
    public int Total => Queued + Active + Completed + Failed;

    public int Done => Completed + Failed;

    public bool Complete => Queued + Active == 0;

    public static CheckCounts Of(IReadOnlyCollection<RevisionCheck> checks) => new(
        checks.Count(c => c.Status == BackgroundTaskStatus.Queued),
        checks.Count(c => c.Status == BackgroundTaskStatus.Active),
        checks.Count(c => c.Status == BackgroundTaskStatus.Completed),
        checks.Count(c => c.Status == BackgroundTaskStatus.Failed));
}

/// <summary>One check of a revision: the task that stands for it (the newest, after a retry) and where its results come from.</summary>
public sealed record RevisionCheck(
    int TaskId,
    TaskType TaskType,
    string Checker,
    string? PrimaryRelPath,
    BackgroundTaskStatus Status,
    DateTime Added,
    DateTime? Started,
    DateTime? Completed,
    string? Error,
    int? ReusedFromTask,
    int Attempts)
{
    /// <summary>The task whose results this check shows: itself, or the earlier task it reuses.</summary>
    public int Origin => ReusedFromTask ?? TaskId;
}

/// <summary>The state of one check task as it is now, with the results it stands for.</summary>
public sealed record CheckChange(string? Revision, RevisionCheck Check, IReadOnlyList<CheckResultView> Results);

/// <param name="Ignored">Hidden by one of the committee's ignore rules: listed apart, and not part of any verdict.</param>
public sealed record CheckResultView(
    long Id,
    int? TaskId,
    string Checker,
    string? PrimaryRelPath,
    string? MemberRelPath,
    CheckResultStatus Status,
    string Message,
    string Data,
    DateTime Created,
    bool Ignored = false);

/// <summary>The checks of one revision: their tasks, counts, and every result they recorded.</summary>
public sealed record RevisionChecks(
    string ProjectName,
    string Version,
    string Revision,
    CheckCounts Counts,
    IReadOnlyList<RevisionCheck> Checks,
    IReadOnlyList<CheckResultView> Results)
{
    public bool Complete => Counts.Complete;

    /// <summary>
    /// This view with newer states of some checks: a follower applies what changed instead of reading the whole
    /// revision again. A change of another revision, or older than the task that now stands for its check, is ignored.
    /// </summary>
    public RevisionChecks With(IEnumerable<CheckChange> changes)
    {
        var checks = Checks.ToDictionary(c => (c.TaskType, c.PrimaryRelPath));
        var results = Results.ToList();
        foreach (var change in changes.Where(c => c.Revision == Revision))
        {
            var key = (change.Check.TaskType, change.Check.PrimaryRelPath);
            if (checks.TryGetValue(key, out var current))
            {
                if (current.TaskId > change.Check.TaskId)
                {
                    continue;
                }

                results.RemoveAll(r => r.TaskId == current.Origin);
            }

            checks[key] = change.Check;
            results.RemoveAll(r => r.TaskId == change.Check.Origin);
            results.AddRange(change.Results);
        }

        var ordered = Order(checks.Values);
        return this with { Checks = ordered, Counts = CheckCounts.Of(ordered), Results = results };
    }

    /// <summary>Files in path order, the whole revision's checks last; each file's checks by type.</summary>
    internal static List<RevisionCheck> Order(IEnumerable<RevisionCheck> checks) =>
        checks.OrderBy(c => c.PrimaryRelPath is null ? 1 : 0).ThenBy(c => c.PrimaryRelPath, StringComparer.Ordinal).ThenBy(c => c.TaskType).ToList();
}

/// <summary>Everything about one task, for its detail view.</summary>
public sealed record TaskDetail(
    int Id,
    TaskType TaskType,
    BackgroundTaskStatus Status,
    string AsfUid,
    string Arguments,
    DateTime Added,
    DateTime? Started,
    DateTime? Completed,
    int? Pid,
    int Attempts,
    string? Error,
    string? ResultJson,
    TaskResult? Result,
    string? ProjectName,
    string? VersionName,
    string? RevisionNumber,
    string? PrimaryRelPath,
    int? ReusedFromTask,
    IReadOnlyList<CheckResultView> Results);
