using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Projects;

/// <summary>A project as its editor shows and takes it. Categories and languages are comma-separated labels.</summary>
public sealed record ProjectInput(
    string Name,
    string? FullName,
    ProjectStatus Status = ProjectStatus.Active,
    string? SuperProjectName = null,
    string? Description = null,
    string? Category = null,
    string? ProgrammingLanguages = null);

/// <summary>A project in its editor: what it is, and where it belongs.</summary>
public sealed record ProjectForm(string CommitteeName, bool IsPodling, ProjectInput Input, IReadOnlyList<string> SuperProjectChoices, int Releases);

/// <summary>
/// Adds, edits and deletes projects (committee members of the project's committee, administrators), with the
/// naming rules of the original's project/add: the label is the committee's, or begins with it and a hyphen; the
/// display name begins with "Apache", has at least two words, each capitalised. Every change is audited.
/// </summary>
public sealed class ProjectEditor(IDbContextFactory<AtrDbContext> factory, TimeProvider time)
{
    /// <summary>An empty form for a new project of the committee, its label suggested.</summary>
    public async Task<ProjectForm> NewAsync(Actor actor, string committeeName, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committee = await FindCommitteeAsync(db, committeeName, cancellationToken);
        actor.Require(AccessLevel.Member, committee, $"add a project to {committeeName}");
        var taken = await db.Projects.AnyAsync(p => p.Name == committeeName, cancellationToken);
        var input = new ProjectInput(taken ? $"{committeeName}-" : committeeName, $"Apache {Names.TitleCase(committeeName)}");
        return new ProjectForm(committeeName, committee.IsPodling, input, await ChoicesAsync(db, committeeName, null, cancellationToken), 0);
    }

    public async Task<ProjectForm> GetAsync(Actor actor, string projectName, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await FindAsync(db, projectName, cancellationToken);
        actor.Require(AccessLevel.Member, project.Committee, $"edit the project {projectName}");
        return await FormAsync(db, project, cancellationToken);
    }

    public async Task<ProjectForm> AddAsync(Actor actor, string committeeName, ProjectInput input, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committee = await FindCommitteeAsync(db, committeeName, cancellationToken);
        actor.Require(AccessLevel.Member, committee, $"add a project to {committeeName}");
        var errors = new FieldErrors();
        if (!Names.IsLabel(input.Name) || input.Name.Length > Project.NameMaxLength)
        {
            errors.Add(nameof(input.Name),
                $"'{input.Name}' is not a project label: lowercase letters, digits and single hyphens, at most {Project.NameMaxLength} characters");
        }
        else if (input.Name != committeeName && !input.Name.StartsWith($"{committeeName}-", StringComparison.Ordinal))
        {
            errors.Add(nameof(input.Name), $"A project of {committeeName} is labelled {committeeName}, or {committeeName}- and more");
        }
        else if (await db.Projects.AnyAsync(p => p.Name == input.Name, cancellationToken))
        {
            errors.Add(nameof(input.Name), $"A project labelled {input.Name} already exists");
        }

        var superProject = await ValidateAsync(db, committeeName, null, input, errors, cancellationToken);
        errors.ThrowIfAny();
        var now = time.GetUtcNow().UtcDateTime;
        var project = new Project(input.Name, input.FullName, committee, now, actor.UserId);
        Apply(project, input, superProject);
        db.Projects.Add(project);
        db.Audit(actor, now, "project.create", nameof(Project), project.Name, committeeName, after: Input(project));
        await db.SaveChangesAsync(cancellationToken);
        return await FormAsync(db, project, cancellationToken);
    }

    public async Task<ProjectForm> UpdateAsync(Actor actor, string projectName, ProjectInput input, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await FindAsync(db, projectName, cancellationToken);
        actor.Require(AccessLevel.Member, project.Committee, $"edit the project {projectName}");
        var errors = new FieldErrors();
        if (input.Name != projectName)
        {
            errors.Add(nameof(input.Name), "A project's label cannot change: its releases and download folders are named after it");
        }

        var superProject = await ValidateAsync(db, project.CommitteeName!, project, input, errors, cancellationToken);
        errors.ThrowIfAny();
        var before = Input(project);
        Apply(project, input, superProject);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "project.update", nameof(Project), projectName, project.CommitteeName,
            before: before, after: Input(project));
        await db.SaveChangesAsync(cancellationToken);
        return await FormAsync(db, project, cancellationToken);
    }

    /// <summary>Deletes a project that has never had a release, with its policy; refused, with the count, otherwise.</summary>
    public async Task DeleteAsync(Actor actor, string projectName, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await FindAsync(db, projectName, cancellationToken);
        actor.Require(AccessLevel.Member, project.Committee, $"delete the project {projectName}");
        var releases = await db.Releases.CountAsync(r => r.ProjectName == projectName, cancellationToken);
        if (releases > 0)
        {
            throw new DomainException($"The project {projectName} has {releases} release(s); a project with releases cannot be deleted")
            {
                RuleKind = "precondition",
            };
        }

        var subProjects = await db.Projects.Where(p => p.SuperProjectName == projectName).Select(p => p.Name).ToListAsync(cancellationToken);
        if (subProjects.Count > 0)
        {
            throw new DomainException($"The project {projectName} is the super-project of {string.Join(", ", subProjects)}; detach them first")
            {
                RuleKind = "precondition",
            };
        }

        var before = Input(project);
        db.Projects.Remove(project);
        if (project.ReleasePolicyId is { } policyId)
        {
            db.ReleasePolicies.Remove(await db.ReleasePolicies.SingleAsync(p => p.Id == policyId, cancellationToken));
        }

        db.Audit(actor, time.GetUtcNow().UtcDateTime, "project.delete", nameof(Project), projectName, project.CommitteeName, before: before);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks every field but the label; returns the super-project, when one is named and valid.</summary>
    private static async Task<Project?> ValidateAsync(
        AtrDbContext db, string committeeName, Project? project, ProjectInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        var fullName = input.FullName?.Trim() ?? "";
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!fullName.StartsWith("Apache ", StringComparison.Ordinal) || words.Length < 2)
        {
            errors.Add(nameof(input.FullName), "The display name begins with \"Apache\" and has at least two words, e.g. \"Apache Widget Connectors\"");
        }
        else if (fullName.Contains("(Incubating)", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(nameof(input.FullName), "Leave out \"(Incubating)\": Atr adds it to the names of podlings' projects");
        }
        else if (words.FirstOrDefault(w => !char.IsUpper(w[0]) && !char.IsDigit(w[0])) is { } lower)
        {
            errors.Add(nameof(input.FullName), $"Every word of the display name begins with a capital letter or a digit, unlike \"{lower}\"");
        }
        else if (fullName.Length > Project.FullNameMaxLength || fullName.Any(char.IsControl))
        {
            errors.Add(nameof(input.FullName), $"The display name is one line of at most {Project.FullNameMaxLength} characters");
        }

        if (!Enum.IsDefined(input.Status))
        {
            errors.Add(nameof(input.Status), $"{input.Status} is not a project status");
        }

        if (input.Description?.Length > Project.DescriptionMaxLength)
        {
            errors.Add(nameof(input.Description), $"It has {input.Description.Length:N0} characters; at most {Project.DescriptionMaxLength:N0} are allowed");
        }

        Labels(nameof(input.Category), input.Category);
        Labels(nameof(input.ProgrammingLanguages), input.ProgrammingLanguages);

        if (string.IsNullOrWhiteSpace(input.SuperProjectName))
        {
            return null;
        }

        var superProject = await db.Projects.SingleOrDefaultAsync(p => p.Name == input.SuperProjectName, cancellationToken);
        if (input.SuperProjectName == input.Name || input.SuperProjectName == project?.Name)
        {
            errors.Add(nameof(input.SuperProjectName), "A project cannot be its own super-project");
        }
        else if (superProject is null || superProject.CommitteeName != committeeName)
        {
            errors.Add(nameof(input.SuperProjectName), $"{input.SuperProjectName} is not a project of {committeeName}");
        }
        else if (superProject.SuperProjectName is not null)
        {
            errors.Add(nameof(input.SuperProjectName), $"{superProject.Name} is itself a sub-project of {superProject.SuperProjectName}: sub-projects go one level deep");
        }
        else if (project is not null && await db.Projects.AnyAsync(p => p.SuperProjectName == project.Name, cancellationToken))
        {
            errors.Add(nameof(input.SuperProjectName), $"{project.Name} has sub-projects of its own: sub-projects go one level deep");
        }

        return superProject;

        void Labels(string field, string? text)
        {
            if (text is null)
            {
                return;
            }

            if (text.Length > Project.LabelListMaxLength)
            {
                errors.Add(field, $"At most {Project.LabelListMaxLength} characters are allowed");
            }

            if (Split(text).FirstOrDefault(l => !Names.IsLabel(l)) is { } invalid)
            {
                errors.Add(field, $"'{invalid}' is not a label: lowercase letters, digits and single hyphens, separated by commas");
            }
        }
    }

    private static void Apply(Project project, ProjectInput input, Project? superProject)
    {
        project.Rename(input.FullName);
        project.Status = input.Status;
        project.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        project.Category = Join(input.Category);
        project.ProgrammingLanguages = Join(input.ProgrammingLanguages);
        if (superProject is null)
        {
            project.DetachFromSuperProject();
        }
        else
        {
            project.MakeSubProjectOf(superProject);
        }
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string? Join(string? text) => text is null || Split(text).Length == 0 ? null : string.Join(", ", Split(text).Distinct());

    private static async Task<ProjectForm> FormAsync(AtrDbContext db, Project project, CancellationToken cancellationToken) => new(
        project.CommitteeName!,
        project.Committee?.IsPodling == true,
        Input(project),
        await ChoicesAsync(db, project.CommitteeName!, project.Name, cancellationToken),
        await db.Releases.CountAsync(r => r.ProjectName == project.Name, cancellationToken));

    private static async Task<IReadOnlyList<string>> ChoicesAsync(AtrDbContext db, string committeeName, string? except, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking()
            .Where(p => p.CommitteeName == committeeName && p.SuperProjectName == null && p.Name != except)
            .OrderBy(p => p.Name)
            .Select(p => p.Name)
            .ToListAsync(cancellationToken);

    private static async Task<Committee> FindCommitteeAsync(AtrDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Committees.SingleOrDefaultAsync(c => c.Name == name, cancellationToken) ?? throw new NotFoundException($"The committee {name}");

    private static async Task<Project> FindAsync(AtrDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Projects.Include(p => p.Committee).SingleOrDefaultAsync(p => p.Name == name, cancellationToken)
        ?? throw new NotFoundException($"The project {name}");

    private static ProjectInput Input(Project project) => new(project.Name, project.FullName, project.Status, project.SuperProjectName,
        project.Description, project.Category, project.ProgrammingLanguages);
}
