using Atr.Domain.Data;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Committees;

public sealed record CommitteeSummary(
    string Name,
    string DisplayName,
    bool IsPodling,
    string? ParentCommitteeName,
    int ProjectCount,
    int MemberCount,
    int CommitterCount);

public sealed record CommitteeProject(string Name, string DisplayName, ProjectStatus Status, int ReleasesInProgress, int ReleasesPublished);

public sealed record CommitteeRef(string Name, string DisplayName);

public sealed record CommitteeDetail(
    string Name,
    string DisplayName,
    bool IsPodling,
    CommitteeRef? Parent,
    IReadOnlyList<CommitteeRef> Children,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Committers,
    IReadOnlyList<string> ReleaseManagers,
    IReadOnlyList<CommitteeProject> Projects);

/// <summary>Reads committees for the public pages.</summary>
public sealed class CommitteeService(IDbContextFactory<AtrDbContext> factory)
{
    public async Task<IReadOnlyList<CommitteeSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committees = await db.Committees.AsNoTracking()
            .Select(c => new
            {
                c.Name,
                c.FullName,
                c.IsPodling,
                c.ParentCommitteeName,
                ProjectCount = c.Projects.Count,
                MemberCount = c.CommitteeMembers.Count,
                CommitterCount = c.Committers.Count,
            })
            .ToListAsync(cancellationToken);
        return committees
            .Select(c => new CommitteeSummary(
                c.Name,
                Committee.DisplayNameOf(c.Name, c.FullName, c.IsPodling),
                c.IsPodling,
                c.ParentCommitteeName,
                c.ProjectCount,
                c.MemberCount,
                c.CommitterCount))
            .OrderBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The committee with its people and projects, or null when there is none of that name.</summary>
    public async Task<CommitteeDetail?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committee = await db.Committees.AsNoTracking()
            .Include(c => c.ParentCommittee)
            .Include(c => c.ChildCommittees)
            .SingleOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (committee is null)
        {
            return null;
        }

        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.CommitteeName == name)
            .Select(p => new
            {
                p.Name,
                p.FullName,
                p.Status,
                InProgress = p.Releases.Count(r => r.Phase != ReleasePhase.Release),
                Published = p.Releases.Count(r => r.Phase == ReleasePhase.Release),
            })
            .ToListAsync(cancellationToken);

        return new CommitteeDetail(
            committee.Name,
            committee.DisplayName,
            committee.IsPodling,
            committee.ParentCommittee is { } parent ? new CommitteeRef(parent.Name, parent.DisplayName) : null,
            committee.ChildCommittees.Select(c => new CommitteeRef(c.Name, c.DisplayName)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
            committee.CommitteeMembers,
            committee.Committers,
            committee.ReleaseManagers,
            projects
                .Select(p => new CommitteeProject(
                    p.Name,
                    Project.DisplayNameOf(p.Name, p.FullName, committee.IsPodling),
                    p.Status,
                    p.InProgress,
                    p.Published))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToList());
    }
}
