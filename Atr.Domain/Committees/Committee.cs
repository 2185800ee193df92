using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Domain.Projects;

namespace Atr.Domain.Committees;

/// <summary>A project management committee (PMC), or a podling's PPMC under the incubator.</summary>
public sealed class Committee : IDescribedEntity
{
    public const int NameMaxLength = 100;
    public const int FullNameMaxLength = 200;

    private Committee()
    {
    }

    public Committee(string name, string? fullName = null, bool isPodling = false, string? parentCommitteeName = null)
    {
        Name = Names.RequireLabel(name, "committee", NameMaxLength);
        FullName = string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim();
        IsPodling = isPodling;
        ParentCommitteeName = parentCommitteeName;
    }

    /// <summary>The lowercase label, e.g. <c>widget</c>; the primary key.</summary>
    public string Name { get; private set; } = null!;

    /// <summary>The name for display; for podlings without "Apache" and "(Incubating)".</summary>
    public string? FullName { get; private set; }

    public bool IsPodling { get; private set; }

    /// <summary>For a podling, the incubator committee.</summary>
    public string? ParentCommitteeName { get; private set; }

    public Committee? ParentCommittee { get; private set; }

    public List<Committee> ChildCommittees { get; private set; } = [];

    /// <summary>User ids of the committee's members (PMC or PPMC members).</summary>
    public List<string> CommitteeMembers { get; private set; } = [];

    /// <summary>User ids of the committee's committers (its participants).</summary>
    public List<string> Committers { get; private set; } = [];

    /// <summary>User ids allowed to manage releases without being members.</summary>
    public List<string> ReleaseManagers { get; private set; } = [];

    public List<Project> Projects { get; private set; } = [];

    public List<KeyLink> KeyLinks { get; private set; } = [];

    /// <summary>Full name (or the title-cased label), with " (PPMC)" for podlings.</summary>
    public string DisplayName => DisplayNameOf(Name, FullName, IsPodling);

    /// <summary>Where the committee's files are published, below <c>/downloads/</c>: see <see cref="DownloadAreaOf"/>.</summary>
    public string DownloadArea => DownloadAreaOf(Name, IsPodling);

    /// <summary>The committee's download area: "widget", or "incubator/gizmo" for a podling. Its KEYS file is at its top.</summary>
    public static string DownloadAreaOf(string name, bool podling) => podling ? $"incubator/{name}" : name;

    public void SetRoster(IEnumerable<string> members, IEnumerable<string> committers, IEnumerable<string> releaseManagers)
    {
        CommitteeMembers = Roster(members, "member");
        Committers = Roster(committers, "committer");
        ReleaseManagers = Roster(releaseManagers, "release manager");
    }

    /// <summary>Changes what the committee is called and whether it is a podling (of <paramref name="parentCommitteeName"/>).</summary>
    public void Edit(string? fullName, bool isPodling, string? parentCommitteeName)
    {
        if (isPodling != (parentCommitteeName is not null))
        {
            throw new DomainException("A podling has a parent committee, and only a podling has one");
        }

        FullName = string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim();
        IsPodling = isPodling;
        ParentCommitteeName = parentCommitteeName;
    }

    public string Describe() => $"committee {Name}";

    /// <summary>The display name from its parts, for projections that do not load the entity.</summary>
    public static string DisplayNameOf(string name, string? fullName, bool podling) =>
        (fullName ?? Names.TitleCase(name)) + (podling ? " (PPMC)" : "");

    private static List<string> Roster(IEnumerable<string> userIds, string role)
    {
        var list = new List<string>();
        foreach (var userId in userIds)
        {
            if (!Names.IsUserId(userId))
            {
                throw new DomainException($"'{userId}' is not a valid user id for a {role}");
            }

            if (!list.Contains(userId, StringComparer.Ordinal))
            {
                list.Add(userId);
            }
        }

        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
