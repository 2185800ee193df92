using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Projects;

public sealed record ProjectSummary(
    string Name,
    string DisplayName,
    string? CommitteeName,
    string? CommitteeDisplayName,
    ProjectStatus Status,
    string? Category,
    int ReleasesInProgress,
    int ReleasesPublished);

/// <summary>One field of the effective release policy, for display.</summary>
public sealed record PolicySetting(string Field, string Label, string Value, bool IsDefault);

public sealed record ProjectDetail(
    ProjectSummary Summary,
    string? FullName,
    string? Description,
    string? ProgrammingLanguages,
    string? SuperProjectName,
    DateTime Created,
    string? CreatedBy,
    IReadOnlyDictionary<ReleasePhase, IReadOnlyList<ReleaseSummary>> ReleasesByPhase,
    IReadOnlyList<PolicySetting> Policy);

/// <summary>Reads projects for the public pages.</summary>
public sealed class ProjectService(IDbContextFactory<AtrDbContext> factory)
{
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Projects.AsNoTracking()
            .Select(p => new
            {
                p.Name,
                p.FullName,
                p.CommitteeName,
                CommitteeFullName = p.Committee == null ? null : p.Committee.FullName,
                Podling = p.Committee != null && p.Committee.IsPodling,
                p.Status,
                p.Category,
                InProgress = p.Releases.Count(r => r.Phase != ReleasePhase.Release),
                Published = p.Releases.Count(r => r.Phase == ReleasePhase.Release),
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(p => new ProjectSummary(
                p.Name,
                Project.DisplayNameOf(p.Name, p.FullName, p.Podling),
                p.CommitteeName,
                p.CommitteeName is null ? null : Committee.DisplayNameOf(p.CommitteeName, p.CommitteeFullName, p.Podling),
                p.Status,
                p.Category,
                p.InProgress,
                p.Published))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The project with its releases by phase and its effective policy, or null when there is none.</summary>
    public async Task<ProjectDetail?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking()
            .Include(p => p.Committee)
            .Include(p => p.ReleasePolicy)
            .SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (project is null)
        {
            return null;
        }

        var releases = await db.Releases.AsNoTracking()
            .Where(r => r.ProjectName == name)
            .OrderByDescending(r => r.Created)
            .Select(r => new { r.Name, r.Version, r.Phase, r.Created, r.Released, r.LatestRevisionNumber })
            .ToListAsync(cancellationToken);
        var byPhase = releases
            .Select(r => new ReleaseSummary(r.Name, project.Name, project.DisplayName, project.CommitteeName, r.Version, r.Phase,
                r.Created, r.Released, r.LatestRevisionNumber))
            .GroupBy(r => r.Phase)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReleaseSummary>)g.ToList());

        var summary = new ProjectSummary(
            project.Name,
            project.DisplayName,
            project.CommitteeName,
            project.Committee?.DisplayName,
            project.Status,
            project.Category,
            releases.Count(r => r.Phase != ReleasePhase.Release),
            releases.Count(r => r.Phase == ReleasePhase.Release));
        return new ProjectDetail(
            summary,
            project.FullName,
            project.Description,
            project.ProgrammingLanguages,
            project.SuperProjectName,
            project.Created,
            project.CreatedBy,
            byPhase,
            Describe(project.Policy));
    }

    private static List<PolicySetting> Describe(EffectiveReleasePolicy policy)
    {
        PolicySetting Setting(string field, string label, string value) => new(field, label, value, policy.IsDefault(field));
        static string List(IReadOnlyList<string> values) => values.Count == 0 ? "(none)" : string.Join(", ", values);
        static string YesNo(bool value) => value ? "Yes" : "No";
        static string Text(string value) => value.Length == 0 ? "(none)" : value;

        return
        [
            Setting(nameof(policy.MailtoAddresses), "Vote mailing lists", List(policy.MailtoAddresses)),
            Setting(nameof(policy.ManualVote), "Manual vote", YesNo(policy.ManualVote)),
            Setting(nameof(policy.MinHours), "Minimum vote duration (hours)", policy.MinHours.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Setting(nameof(policy.ReleaseChecklist), "Release checklist", Text(policy.ReleaseChecklist)),
            Setting(nameof(policy.PauseForRm), "Pause for release manager", YesNo(policy.PauseForRm)),
            Setting(nameof(policy.StartVoteTemplate), "Vote mail template", policy.StartVoteTemplate),
            Setting(nameof(policy.AnnounceReleaseTemplate), "Announcement template", policy.AnnounceReleaseTemplate),
            Setting(nameof(policy.BinaryArtifactPaths), "Binary artifact paths", List(policy.BinaryArtifactPaths)),
            Setting(nameof(policy.SourceArtifactPaths), "Source artifact paths", List(policy.SourceArtifactPaths)),
            Setting(nameof(policy.StrictChecking), "Strict checking", YesNo(policy.StrictChecking)),
            Setting(nameof(policy.GithubRepositoryName), "GitHub repository", Text(policy.GithubRepositoryName)),
            Setting(nameof(policy.GithubComposeWorkflowPath), "Compose workflows", List(policy.GithubComposeWorkflowPath)),
            Setting(nameof(policy.GithubVoteWorkflowPath), "Vote workflows", List(policy.GithubVoteWorkflowPath)),
            Setting(nameof(policy.GithubFinishWorkflowPath), "Finish workflows", List(policy.GithubFinishWorkflowPath)),
            Setting(nameof(policy.PreserveDownloadFiles), "Preserve download files", YesNo(policy.PreserveDownloadFiles)),
        ];
    }
}
