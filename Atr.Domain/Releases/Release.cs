using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Distributions;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;

namespace Atr.Domain.Releases;

/// <summary>One version of a project on its way from draft to publication.</summary>
public sealed class Release : IDescribedEntity
{
    public const int NameMaxLength = Project.NameMaxLength + 1 + ReleaseVersion.MaxLength;
    public const int ThreadIdMaxLength = 200;

    private Release()
    {
    }

    /// <param name="name">Normally omitted: before insert an empty name becomes "{project}-{version}".</param>
    public Release(Project project, string version, DateTime created, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (ReleaseVersion.Problem(version) is { } problem)
        {
            throw new DomainException(problem);
        }

        Project = project;
        ProjectName = project.Name;
        Version = version;
        Created = created;
        Phase = ReleasePhase.ReleaseCandidateDraft;
        Name = string.IsNullOrEmpty(name) ? null! : name;
    }

    /// <summary>"{project}-{version}"; the primary key.</summary>
    public string Name { get; private set; } = null!;

    public ReleasePhase Phase { get; private set; }

    public DateTime Created { get; private set; }

    /// <summary>When the release was announced.</summary>
    public DateTime? Released { get; private set; }

    /// <summary>Where the published files are served, below <c>/downloads/</c> ("widget/widget-1.2.0"); null until published.</summary>
    public string? DownloadFolder { get; private set; }

    public string ProjectName { get; private set; } = null!;

    public Project Project { get; private set; } = null!;

    public string Version { get; private set; } = null!;

    /// <summary>The vote is held outside Atr and its outcome recorded by hand.</summary>
    public bool VoteManual { get; private set; }

    public DateTime? VoteStarted { get; private set; }

    public DateTime? VoteResolved { get; private set; }

    /// <summary>For a podling: the thread of the podling's own vote, once it passed (the incubator votes next).</summary>
    public string? PodlingThreadId { get; private set; }

    /// <summary>
    /// Number of the newest revision, or null without revisions. Computed by the database each time a release is
    /// read (a correlated subquery in the <c>ReleaseWithLatestRevision</c> view), so it also works in LINQ filters.
    /// </summary>
    public string? LatestRevisionNumber { get; private set; }

    public List<Revision> Revisions { get; private set; } = [];

    public List<CheckResult> CheckResults { get; private set; } = [];

    public List<Distribution> Distributions { get; private set; } = [];

    /// <summary>The summary of each resolved vote, oldest first (the seed's <c>Votes</c> column).</summary>
    public List<VoteEntry> Votes { get; private set; } = [];

    /// <summary>"{project short name} {version}". Needs <see cref="Project"/> loaded.</summary>
    public string ShortDisplayName => $"{Project.ShortDisplayName} {Version}";

    /// <summary>The latest revision number; throws when the release has none.</summary>
    public string UnwrapRevisionNumber() =>
        LatestRevisionNumber ?? throw new DomainException($"{ProjectName} {Version} has no revision yet");

    public void StartVote(DateTime now, bool manual)
    {
        RequirePhase(ReleasePhase.ReleaseCandidateDraft, "start a vote");
        Phase = ReleasePhase.ReleaseCandidate;
        VoteStarted = now;
        VoteManual = manual;
    }

    public void RecordPodlingVotePassed(string threadId)
    {
        RequirePhase(ReleasePhase.ReleaseCandidate, "record the podling's vote");
        PodlingThreadId = threadId;
    }

    public void ResolveVote(bool passed, DateTime now)
    {
        RequirePhase(ReleasePhase.ReleaseCandidate, "resolve the vote");
        PodlingThreadId = passed ? PodlingThreadId : null;
        VoteResolved = now;
        Phase = passed ? ReleasePhase.ReleasePreview : ReleasePhase.ReleaseCandidateDraft;
    }

    /// <summary>Keeps the summary of a resolved vote (a new list, so that the change is saved).</summary>
    public void RecordVote(VoteEntry entry) => Votes = [.. Votes, entry];

    /// <param name="downloadFolder">Where its files are served, below <c>/downloads/</c>.</param>
    public void Announce(DateTime now, string downloadFolder)
    {
        RequirePhase(ReleasePhase.ReleasePreview, "announce the release");
        Phase = ReleasePhase.Release;
        Released = now;
        DownloadFolder = downloadFolder;
    }

    public string Describe() => $"{ProjectName} {Version}";

    private void RequirePhase(ReleasePhase required, string action)
    {
        if (Phase != required)
        {
            throw new DomainException(
                $"{ProjectName} {Version} is in the {Phase.StepName()} phase; to {action} it must be in the {required.StepName()} phase");
        }
    }
}
