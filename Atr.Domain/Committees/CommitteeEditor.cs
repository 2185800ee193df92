using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Committees;

/// <summary>A committee as its editor shows and takes it: its name, what it is, and its people.</summary>
public sealed record CommitteeInput(
    string Name,
    string? FullName,
    bool IsPodling,
    string? ParentCommitteeName,
    IReadOnlyList<string> Members,
    IReadOnlyList<string> Committers,
    IReadOnlyList<string> ReleaseManagers);

/// <summary>
/// Creates and edits committees (administrators). Every field is validated on its own and a rejected input names
/// each invalid field; every change is audited with its before and after.
/// </summary>
public sealed class CommitteeEditor(IDbContextFactory<AtrDbContext> factory, TimeProvider time)
{
    /// <summary>The committee as the editor shows it (administrators).</summary>
    public async Task<CommitteeInput> GetAsync(Actor actor, string name, CancellationToken cancellationToken)
    {
        actor.RequireAdmin($"edit the committee {name}");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return Input(await FindAsync(db, name, cancellationToken));
    }

    /// <summary>The committees a podling may belong to: those that are not podlings.</summary>
    public async Task<IReadOnlyList<string>> ParentsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Committees.AsNoTracking().Where(c => !c.IsPodling).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken);
    }

    public async Task<CommitteeInput> CreateAsync(Actor actor, CommitteeInput input, CancellationToken cancellationToken)
    {
        actor.RequireAdmin($"create the committee {input.Name}");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = new FieldErrors();
        if (!Names.IsLabel(input.Name) || input.Name.Length > Committee.NameMaxLength)
        {
            errors.Add(nameof(input.Name),
                $"'{input.Name}' is not a committee name: lowercase letters, digits and single hyphens, starting with a letter, at most {Committee.NameMaxLength} characters");
        }
        else if (await db.Committees.AnyAsync(c => c.Name == input.Name, cancellationToken))
        {
            errors.Add(nameof(input.Name), $"A committee named {input.Name} already exists");
        }

        await ValidateAsync(db, input, errors, cancellationToken);
        errors.ThrowIfAny();
        var committee = new Committee(input.Name, input.FullName, input.IsPodling, Parent(input));
        committee.SetRoster(input.Members, input.Committers, input.ReleaseManagers);
        db.Committees.Add(committee);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "committee.create", nameof(Committee), committee.Name, committee.Name, after: Input(committee));
        await db.SaveChangesAsync(cancellationToken);
        return Input(committee);
    }

    public async Task<CommitteeInput> UpdateAsync(Actor actor, string name, CommitteeInput input, CancellationToken cancellationToken)
    {
        actor.RequireAdmin($"edit the committee {name}");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committee = await FindAsync(db, name, cancellationToken);
        var errors = new FieldErrors();
        if (input.Name != name)
        {
            errors.Add(nameof(input.Name), "A committee's name cannot change: it names its download area and its releases");
        }

        await ValidateAsync(db, input, errors, cancellationToken);
        if (input.IsPodling != committee.IsPodling && await PodlingChangeBlockerAsync(db, committee, cancellationToken) is { } blocker)
        {
            errors.Add(nameof(input.IsPodling), $"The committee cannot {(input.IsPodling ? "become" : "stop being")} a podling: {blocker}");
        }

        errors.ThrowIfAny();
        var before = Input(committee);
        committee.Edit(input.FullName, input.IsPodling, Parent(input));
        committee.SetRoster(input.Members, input.Committers, input.ReleaseManagers);
        var after = Input(committee);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "committee.update", nameof(Committee), name, name, before: before, after: after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    /// <summary>
    /// Deletes a committee with no projects and no podlings (administrators), with its key links and ignore rules;
    /// the keys themselves stay with their owners. Refused, with the counts, otherwise.
    /// </summary>
    public async Task DeleteAsync(Actor actor, string name, CancellationToken cancellationToken)
    {
        actor.RequireAdmin($"delete the committee {name}");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committee = await FindAsync(db, name, cancellationToken);
        var projects = await db.Projects.CountAsync(p => p.CommitteeName == name, cancellationToken);
        var podlings = await db.Committees.CountAsync(c => c.ParentCommitteeName == name, cancellationToken);
        if (projects + podlings > 0)
        {
            throw new DomainException(
                $"The committee {name} has {projects} project(s) and {podlings} podling(s); delete or move them before the committee")
            {
                RuleKind = "precondition",
            };
        }

        var before = Input(committee);
        db.CheckResultIgnores.RemoveRange(await db.CheckResultIgnores.Where(i => i.CommitteeName == name).ToListAsync(cancellationToken));
        db.Committees.Remove(committee);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "committee.delete", nameof(Committee), name, name, before: before);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task ValidateAsync(AtrDbContext db, CommitteeInput input, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (input.FullName?.Trim() is { Length: > 0 } fullName && (fullName.Length > Committee.FullNameMaxLength || fullName.Any(char.IsControl)))
        {
            errors.Add(nameof(input.FullName), $"The display name must be one line of at most {Committee.FullNameMaxLength} characters");
        }

        if (input.IsPodling)
        {
            if (string.IsNullOrWhiteSpace(input.ParentCommitteeName))
            {
                errors.Add(nameof(input.ParentCommitteeName), "A podling needs the committee it belongs to (the incubator)");
            }
            else if (input.ParentCommitteeName == input.Name)
            {
                errors.Add(nameof(input.ParentCommitteeName), "A podling cannot belong to itself");
            }
            else if (!await db.Committees.AnyAsync(c => c.Name == input.ParentCommitteeName && !c.IsPodling, cancellationToken))
            {
                errors.Add(nameof(input.ParentCommitteeName), $"There is no committee {input.ParentCommitteeName} that is not itself a podling");
            }
        }
        else if (!string.IsNullOrWhiteSpace(input.ParentCommitteeName))
        {
            errors.Add(nameof(input.ParentCommitteeName), "Only a podling belongs to another committee");
        }

        Roster(nameof(input.Members), input.Members);
        Roster(nameof(input.Committers), input.Committers);
        Roster(nameof(input.ReleaseManagers), input.ReleaseManagers);

        void Roster(string field, IReadOnlyList<string> userIds)
        {
            var invalid = userIds.Where(u => !Names.IsUserId(u)).Distinct().ToList();
            if (invalid.Count > 0)
            {
                errors.Add(field, $"Not a user id: {string.Join(", ", invalid.Select(u => $"'{u}'"))} (lowercase letters, digits, '-' and '_', starting with a letter)");
            }
        }
    }

    /// <summary>
    /// Why the committee cannot become, or stop being, a podling: its releases are published under its download area,
    /// which would move, or podlings belong to it. Null when it can.
    /// </summary>
    internal static async Task<string?> PodlingChangeBlockerAsync(AtrDbContext db, Committee committee, CancellationToken cancellationToken)
    {
        var releases = await db.Releases.CountAsync(r => r.Project.CommitteeName == committee.Name, cancellationToken);
        if (releases > 0)
        {
            return $"it has {releases} release(s) under its download area {committee.DownloadArea}";
        }

        return !committee.IsPodling && await db.Committees.AnyAsync(c => c.ParentCommitteeName == committee.Name, cancellationToken)
            ? "podlings belong to it"
            : null;
    }

    private static string? Parent(CommitteeInput input) => input.IsPodling ? input.ParentCommitteeName : null;

    private static async Task<Committee> FindAsync(AtrDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Committees.SingleOrDefaultAsync(c => c.Name == name, cancellationToken) ?? throw new NotFoundException($"The committee {name}");

    private static CommitteeInput Input(Committee committee) => new(committee.Name, committee.FullName, committee.IsPodling,
        committee.ParentCommitteeName, [.. committee.CommitteeMembers], [.. committee.Committers], [.. committee.ReleaseManagers]);
}
