using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Releases;

namespace Atr.Domain.Projects;

/// <summary>A project of a committee; it makes releases.</summary>
public sealed class Project : IDescribedEntity
{
    public const int NameMaxLength = 100;
    public const int FullNameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int LabelListMaxLength = 500;

    private Project()
    {
    }

    public Project(string name, string? fullName, Committee? committee, DateTime created, string? createdBy)
    {
        Name = Names.RequireLabel(name, "project", NameMaxLength);
        FullName = string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim();
        Committee = committee;
        CommitteeName = committee?.Name;
        Created = created;
        CreatedBy = createdBy;
    }

    /// <summary>The lowercase label, e.g. <c>widget-connectors</c>; the primary key.</summary>
    public string Name { get; private set; } = null!;

    /// <summary>The full name, beginning with "Apache".</summary>
    public string? FullName { get; private set; }

    public ProjectStatus Status { get; set; } = ProjectStatus.Active;

    public string? SuperProjectName { get; private set; }

    public Project? SuperProject { get; private set; }

    public List<Project> SubProjects { get; private set; } = [];

    public string? Description { get; set; }

    /// <summary>Comma-separated category labels.</summary>
    public string? Category { get; set; }

    /// <summary>Comma-separated programming language labels.</summary>
    public string? ProgrammingLanguages { get; set; }

    public string? CommitteeName { get; private set; }

    public Committee? Committee { get; private set; }

    public int? ReleasePolicyId { get; private set; }

    /// <summary>The project's own policy; absent means every field takes its default.</summary>
    public ReleasePolicy? ReleasePolicy { get; set; }

    public DateTime Created { get; private set; }

    public string? CreatedBy { get; private set; }

    public List<Release> Releases { get; private set; } = [];

    /// <summary>Full name (or label) with " (Incubating)" when the committee is a podling's. Needs <see cref="Committee"/> loaded.</summary>
    public string DisplayName => DisplayNameOf(Name, FullName, Committee?.IsPodling == true);

    /// <summary><see cref="DisplayName"/> without a leading "Apache ".</summary>
    public string ShortDisplayName => ShortDisplayNameOf(Name, FullName, Committee?.IsPodling == true);

    /// <summary>The release policy with every default applied. Needs <see cref="ReleasePolicy"/> loaded.</summary>
    public EffectiveReleasePolicy Policy => EffectiveReleasePolicy.Of(ReleasePolicy, CommitteeName ?? Name);

    public void Rename(string? fullName) => FullName = string.IsNullOrWhiteSpace(fullName) ? null : fullName.Trim();

    public void DetachFromSuperProject()
    {
        SuperProject = null;
        SuperProjectName = null;
    }

    public void MakeSubProjectOf(Project superProject)
    {
        if (superProject.Name == Name)
        {
            throw new DomainException($"Project {Name} cannot be its own super-project");
        }

        SuperProject = superProject;
        SuperProjectName = superProject.Name;
    }

    public string Describe() => $"project {Name}";

    /// <summary>The display name from its parts, for projections that do not load the entity.</summary>
    public static string DisplayNameOf(string name, string? fullName, bool podling) =>
        (fullName ?? name) + (podling ? " (Incubating)" : "");

    public static string ShortDisplayNameOf(string name, string? fullName, bool podling)
    {
        var displayName = DisplayNameOf(name, fullName, podling);
        return displayName.StartsWith("Apache ", StringComparison.Ordinal) ? displayName["Apache ".Length..] : displayName;
    }
}
