using System.Linq.Expressions;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Releases;

/// <summary>Starts and deletes releases, and reads them for the pages.</summary>
public sealed class ReleaseService(IDbContextFactory<AtrDbContext> factory, ManifestCache manifests, IDomainEventPublisher events, TimeProvider time)
{
    /// <summary>
    /// Starts a release of the project in the Compose phase, with an empty first revision. Needs a committer of the
    /// project's committee; the project must be active and the version valid and new.
    /// </summary>
    public async Task<ReleaseSummary> StartAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.Include(p => p.Committee).SingleOrDefaultAsync(p => p.Name == projectName, cancellationToken)
            ?? throw new NotFoundException($"Project {projectName}");
        actor.Require(AccessLevel.Participant, project.Committee, $"start a release of {project.Name}");
        if (project.Status != ProjectStatus.Active)
        {
            throw new DomainException($"{project.DisplayName} is {project.Status.ToString().ToLowerInvariant()}: only active projects start releases");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var release = new Release(project, version, now);
        db.Releases.Add(release);
        db.Revisions.Add(new Revision(release, actor.UserId!, now, "Release started"));
        db.Audit(actor, now, "release.start", nameof(Release), release.Describe(), project.CommitteeName,
            after: new { project = project.Name, version, phase = release.Phase.SeedName() });
        await db.SaveChangesAsync(cancellationToken);
        return new ReleaseSummary(release.Name, project.Name, project.DisplayName, project.CommitteeName, version, release.Phase, now, null,
            Revision.FormatNumber(1));
    }

    /// <summary>
    /// Deletes a release in the Compose phase with its revisions, manifests, tasks and check results. Stored file
    /// contents that nothing else refers to are removed later by the storage sweep, not here.
    /// </summary>
    public async Task DeleteDraftAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.Include(r => r.Project).ThenInclude(p => p.Committee)
            .SingleOrDefaultAsync(r => r.ProjectName == projectName && r.Version == version, cancellationToken)
            ?? throw new NotFoundException($"Release {projectName} {version}");
        actor.Require(AccessLevel.Participant, release.Project.Committee, $"delete the draft {projectName} {version}");
        if (release.Phase != ReleasePhase.ReleaseCandidateDraft)
        {
            throw new DomainException(
                $"{projectName} {version} is in the {release.Phase.StepName()} phase; only a release still being composed can be deleted");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var revisions = await db.Revisions.CountAsync(r => r.ReleaseName == release.Name, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Tasks.Where(t => t.ProjectName == projectName && t.VersionName == version).ExecuteDeleteAsync(cancellationToken);
        db.Releases.Remove(release);
        db.Audit(actor, now, "release.delete", nameof(Release), release.Describe(), release.Project.CommitteeName,
            before: new { project = projectName, version, phase = release.Phase.SeedName(), revisions });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        manifests.Forget(release.Name);
        events.Publish(new ReleaseDeleted(projectName, version));
    }

    public async Task<Page<ReleaseSummary>> SearchAsync(ReleaseQuery query, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var releases = db.Releases.AsNoTracking();
        if (query.Phase is { } phase)
        {
            releases = releases.Where(r => r.Phase == phase);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // SQLite's LIKE ignores ASCII case; the pattern's own wildcards are escaped.
            var pattern = "%" + query.Text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            releases = releases.Where(r => EF.Functions.Like(r.ProjectName, pattern, "\\") || EF.Functions.Like(r.Version, pattern, "\\"));
        }

        var total = await releases.CountAsync(cancellationToken);
        var rows = await Sort(releases, query.Sort, query.Descending)
            .Skip(query.Page.Skip)
            .Take(query.Page.Take)
            .Select(Row)
            .ToListAsync(cancellationToken);
        return new Page<ReleaseSummary>(rows.Select(ToSummary).ToList(), total);
    }

    /// <summary>Releases not yet published, newest first, grouped by phase (phases without releases are absent).</summary>
    public async Task<IReadOnlyDictionary<ReleasePhase, IReadOnlyList<ReleaseSummary>>> InProgressAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Releases.AsNoTracking()
            .Where(r => r.Phase != ReleasePhase.Release)
            .OrderByDescending(r => r.Created)
            .Select(Row)
            .ToListAsync(cancellationToken);
        return rows.Select(ToSummary)
            .GroupBy(r => r.Phase)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReleaseSummary>)g.ToList());
    }

    public async Task<IReadOnlyList<ReleaseSummary>> RecentlyPublishedAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Releases.AsNoTracking()
            .Where(r => r.Phase == ReleasePhase.Release)
            .OrderByDescending(r => r.Released)
            .Take(count)
            .Select(Row)
            .ToListAsync(cancellationToken);
        return rows.Select(ToSummary).ToList();
    }

    /// <summary>
    /// The release, how many revisions it has and the state of its latest checks, or null when there is none. This is
    /// public; the files and the history of a release in progress come from <see cref="Revisions.RevisionService"/>,
    /// which checks who may see them.
    /// </summary>
    public async Task<ReleaseDetail?> GetAsync(string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.Releases.AsNoTracking()
            .Where(r => r.ProjectName == projectName && r.Version == version)
            .Select(Row)
            .SingleOrDefaultAsync(cancellationToken);
        if (release is null)
        {
            return null;
        }

        var name = release.Name;
        var revisions = await db.Revisions.CountAsync(v => v.ReleaseName == name, cancellationToken);
        var checks = release.LatestRevisionNumber is { } latest ? await CheckSummaryAsync(db, release, latest, cancellationToken) : null;

        return new ReleaseDetail(
            ToSummary(release),
            release.CommitteeName is { } committee ? Committee.DisplayNameOf(committee, release.CommitteeFullName, release.Podling) : null,
            release.VoteManual,
            release.VoteStarted,
            release.VoteResolved,
            revisions,
            checks,
            release.DownloadFolder);
    }

    private static async Task<CheckSummary> CheckSummaryAsync(AtrDbContext db, ReleaseRow release, string revision, CancellationToken cancellationToken)
    {
        var checks = await CheckService.ChecksAsync(db, release.ProjectName, release.Version, revision, cancellationToken);
        var origins = checks.Select(c => (int?)(c.ReusedFromTask ?? c.TaskId)).ToList();

        // File-level results only: rows about archive members are details of the file's result.
        var results = await db.CheckResults.AsNoTracking()
            .Where(c => origins.Contains(c.TaskId) && c.MemberRelPath == null)
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        return new CheckSummary(
            revision,
            results.GetValueOrDefault(CheckResultStatus.Success),
            results.GetValueOrDefault(CheckResultStatus.Warning),
            results.GetValueOrDefault(CheckResultStatus.Failure),
            results.GetValueOrDefault(CheckResultStatus.Exception),
            checks.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static IQueryable<Release> Sort(IQueryable<Release> releases, ReleaseSort sort, bool descending) => (sort, descending) switch
    {
        (ReleaseSort.Project, false) => releases.OrderBy(r => r.ProjectName).ThenBy(r => r.Version),
        (ReleaseSort.Project, true) => releases.OrderByDescending(r => r.ProjectName).ThenByDescending(r => r.Version),
        (ReleaseSort.Version, false) => releases.OrderBy(r => r.Version).ThenBy(r => r.ProjectName),
        (ReleaseSort.Version, true) => releases.OrderByDescending(r => r.Version).ThenByDescending(r => r.ProjectName),
        (ReleaseSort.Phase, false) => releases.OrderBy(PhaseOrder).ThenByDescending(r => r.Created),
        (ReleaseSort.Phase, true) => releases.OrderByDescending(PhaseOrder).ThenByDescending(r => r.Created),
        (ReleaseSort.Released, false) => releases.OrderBy(r => r.Released).ThenBy(r => r.Name),
        (ReleaseSort.Released, true) => releases.OrderByDescending(r => r.Released).ThenBy(r => r.Name),
        (_, false) => releases.OrderBy(r => r.Created).ThenBy(r => r.Name),
        (_, true) => releases.OrderByDescending(r => r.Created).ThenBy(r => r.Name),
    };

    /// <summary>Phases are stored as names; this orders them as the lifecycle does.</summary>
    private static readonly Expression<Func<Release, int>> PhaseOrder = r =>
        r.Phase == ReleasePhase.ReleaseCandidateDraft ? 0
        : r.Phase == ReleasePhase.ReleaseCandidate ? 1
        : r.Phase == ReleasePhase.ReleasePreview ? 2
        : 3;

    private static readonly Expression<Func<Release, ReleaseRow>> Row = r => new ReleaseRow(
        r.Name,
        r.ProjectName,
        r.Project.FullName,
        r.Project.Committee != null && r.Project.Committee.IsPodling,
        r.Project.CommitteeName,
        r.Version,
        r.Phase,
        r.Created,
        r.Released,
        r.LatestRevisionNumber,
        r.Project.Committee == null ? null : r.Project.Committee.FullName,
        r.VoteManual,
        r.VoteStarted,
        r.VoteResolved,
        r.DownloadFolder);

    private static ReleaseSummary ToSummary(ReleaseRow row) => new(
        row.Name,
        row.ProjectName,
        Project.DisplayNameOf(row.ProjectName, row.ProjectFullName, row.Podling),
        row.CommitteeName,
        row.Version,
        row.Phase,
        row.Created,
        row.Released,
        row.LatestRevisionNumber);

    private sealed record ReleaseRow(
        string Name,
        string ProjectName,
        string? ProjectFullName,
        bool Podling,
        string? CommitteeName,
        string Version,
        ReleasePhase Phase,
        DateTime Created,
        DateTime? Released,
        string? LatestRevisionNumber,
        string? CommitteeFullName,
        bool VoteManual,
        DateTime? VoteStarted,
        DateTime? VoteResolved,
        string? DownloadFolder);
}
