using Atr.Domain.Tasks;

namespace Atr.Domain.Checks;

/// <summary>How many of a revision's checks are in each state.</summary>
public sealed record CheckCounts(int Queued, int Active, int Completed, int Failed)
{
    public int Total => Queued + Active + Completed + Failed;

    public int Done => Completed + Failed;

    public bool Complete => Queued + Active == 0;
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
    int Attempts);

public sealed record CheckResultView(
    long Id,
    int? TaskId,
    string Checker,
    string? PrimaryRelPath,
    string? MemberRelPath,
    CheckResultStatus Status,
    string Message,
    string Data,
    DateTime Created);

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
