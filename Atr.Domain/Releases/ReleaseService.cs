using System.Linq.Expressions;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Releases;

/// <summary>Reads releases for the public pages.</summary>
public sealed class ReleaseService(IDbContextFactory<AtrDbContext> factory)
{
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

    /// <summary>The release with its revisions and the state of its latest checks, or null when there is none.</summary>
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
        var revisions = await db.Revisions.AsNoTracking()
            .Where(v => v.ReleaseName == name)
            .OrderByDescending(v => v.Seq)
            .Select(v => new RevisionSummary(v.Number, v.AsfUid, v.Created, v.Phase, v.Description, v.Files.Count))
            .ToListAsync(cancellationToken);

        var latest = release.LatestRevisionNumber;
        IReadOnlyList<ReleaseFile> files = [];
        CheckSummary? checks = null;
        if (latest is not null)
        {
            var latestName = Revision.MakeName(name, latest);
            files = await db.RevisionFiles.AsNoTracking()
                .Where(f => f.RevisionName == latestName)
                .OrderBy(f => f.Path)
                .Select(f => new ReleaseFile(f.Path, f.Size, f.Sha256))
                .ToListAsync(cancellationToken);
            checks = await CheckSummaryAsync(db, release, latest, cancellationToken);
        }

        return new ReleaseDetail(
            ToSummary(release),
            release.CommitteeName is { } committee ? Committee.DisplayNameOf(committee, release.CommitteeFullName, release.Podling) : null,
            release.VoteManual,
            release.VoteStarted,
            release.VoteResolved,
            revisions,
            files,
            checks);
    }

    private static async Task<CheckSummary> CheckSummaryAsync(AtrDbContext db, ReleaseRow release, string revision, CancellationToken cancellationToken)
    {
        // File-level results only: rows about archive members are details of the file's result.
        var results = await db.CheckResults.AsNoTracking()
            .Where(c => c.ReleaseName == release.Name && c.RevisionNumber == revision && c.MemberRelPath == null)
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.ProjectName == release.ProjectName && t.VersionName == release.Version && t.RevisionNumber == revision)
            .GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        return new CheckSummary(
            revision,
            results.GetValueOrDefault(CheckResultStatus.Success),
            results.GetValueOrDefault(CheckResultStatus.Warning),
            results.GetValueOrDefault(CheckResultStatus.Failure),
            results.GetValueOrDefault(CheckResultStatus.Exception),
            tasks);
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
        r.VoteResolved);

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
        DateTime? VoteResolved);
}
