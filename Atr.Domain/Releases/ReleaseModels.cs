using Atr.Domain.Common;
using Atr.Domain.Tasks;

namespace Atr.Domain.Releases;

public sealed record ReleaseSummary(
    string Name,
    string ProjectName,
    string ProjectDisplayName,
    string? CommitteeName,
    string Version,
    ReleasePhase Phase,
    DateTime Created,
    DateTime? Released,
    string? LatestRevisionNumber);

public enum ReleaseSort
{
    Created,
    Released,
    Project,
    Version,
    Phase,
}

/// <summary>A search of releases: optional phase and text filters, one sort, one page.</summary>
public sealed record ReleaseQuery(
    PageRequest Page,
    ReleasePhase? Phase = null,
    string? Text = null,
    ReleaseSort Sort = ReleaseSort.Created,
    bool Descending = true);

/// <summary>How the checks of one revision stand: results by status, tasks by status.</summary>
public sealed record CheckSummary(
    string RevisionNumber,
    int Successes,
    int Warnings,
    int Failures,
    int Exceptions,
    IReadOnlyDictionary<BackgroundTaskStatus, int> Tasks)
{
    public int TaskCount => Tasks.Values.Sum();

    public int TasksPending => Tasks.GetValueOrDefault(BackgroundTaskStatus.Queued) + Tasks.GetValueOrDefault(BackgroundTaskStatus.Active);
}

public sealed record ReleaseDetail(
    ReleaseSummary Summary,
    string? CommitteeDisplayName,
    bool VoteManual,
    DateTime? VoteStarted,
    DateTime? VoteResolved,
    int RevisionCount,
    CheckSummary? LatestChecks,
    string? DownloadFolder = null);
