using System.Text.RegularExpressions;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Projects;

/// <summary>
/// Every field of a project's release policy as stored; null (or an empty list or text) means "the default", so that
/// later changes of a default apply.
/// </summary>
public sealed record PolicyInput(
    IReadOnlyList<string>? MailtoAddresses = null,
    bool? ManualVote = null,
    int? MinHours = null,
    string? ReleaseChecklist = null,
    bool? PauseForRm = null,
    string? StartVoteTemplate = null,
    string? AnnounceReleaseTemplate = null,
    IReadOnlyList<string>? BinaryArtifactPaths = null,
    IReadOnlyList<string>? SourceArtifactPaths = null,
    bool? StrictChecking = null,
    string? GithubRepositoryName = null,
    IReadOnlyList<string>? GithubComposeWorkflowPath = null,
    IReadOnlyList<string>? GithubVoteWorkflowPath = null,
    IReadOnlyList<string>? GithubFinishWorkflowPath = null,
    bool? PreserveDownloadFiles = null);

/// <summary>A project's policy: what it stores and what applies, with the fields that fall back to a default.</summary>
/// <param name="DownloadArea">The committee's download area, below <c>/downloads/</c>.</param>
public sealed record PolicyView(string ProjectName, string? CommitteeName, string DownloadArea, PolicyInput Stored, EffectiveReleasePolicy Effective);

/// <summary>One change of a project's policy, from the audit trail.</summary>
public sealed record PolicyChange(DateTime Occurred, string Actor, string? Before, string? After);

/// <summary>
/// Reads and changes release policies (committee members of the project, administrators). Every field is validated
/// on its own, and a rejected change names each invalid field; every change is audited with its before and after.
/// </summary>
public sealed partial class PolicyService(IDbContextFactory<AtrDbContext> factory, AtrDomainSettings settings, TimeProvider time)
{
    public const int MinimumVoteHours = 72;
    public const int MaximumVoteHours = 168;

    /// <summary>The project's policy; public, as the project page shows it.</summary>
    public async Task<PolicyView> GetAsync(string projectName, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await FindAsync(db, projectName, tracked: false, cancellationToken);
        return View(project);
    }

    /// <summary>Replaces every field of the project's policy (null: back to the default).</summary>
    public async Task<PolicyView> UpdateAsync(Actor actor, string projectName, PolicyInput input, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await FindAsync(db, projectName, tracked: true, cancellationToken);
        actor.Require(AccessLevel.Member, project.Committee, $"change the release policy of {projectName}");
        var normalised = Validate(input, project.Committee?.IsPodling == true);
        var before = Stored(project.ReleasePolicy);
        project.ReleasePolicy ??= new ReleasePolicy();
        Apply(project.ReleasePolicy, normalised);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "policy.update", nameof(ReleasePolicy), projectName, project.CommitteeName,
            before: before, after: normalised);
        await db.SaveChangesAsync(cancellationToken);
        return View(project);
    }

    /// <summary>Every change of the project's policy, newest first (committers of its committee).</summary>
    public async Task<IReadOnlyList<PolicyChange>> HistoryAsync(Actor actor, string projectName, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var project = await FindAsync(db, projectName, tracked: false, cancellationToken);
        actor.Require(AccessLevel.Participant, project.Committee, $"read the policy history of {projectName}");
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(ReleasePolicy) && e.EntityKey == projectName)
            .OrderByDescending(e => e.Id)
            .Select(e => new PolicyChange(e.Occurred, e.Actor, e.Before, e.After))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The input with empty values as null and texts trimmed; throws <see cref="ValidationException"/> naming every invalid field.</summary>
    public PolicyInput Validate(PolicyInput input, bool podling)
    {
        var errors = new FieldErrors();
        void Error(string field, string message) => errors.Add(field, message);

        var lists = Clean(input.MailtoAddresses);
        foreach (var address in lists ?? [])
        {
            if (settings.Mail.RecipientProblem(address) is { } problem)
            {
                Error(nameof(input.MailtoAddresses), problem);
            }
        }

        if (input.MinHours is { } hours && hours != 0 && hours is < MinimumVoteHours or > MaximumVoteHours)
        {
            Error(nameof(input.MinHours), $"{hours} is neither 0 (no minimum) nor between {MinimumVoteHours} and {MaximumVoteHours} hours");
        }

        if (input.ManualVote == true && podling)
        {
            Error(nameof(input.ManualVote), "A podling's votes are held in Atr: the incubator's second round needs them");
        }

        if (input.ManualVote == true && input.StrictChecking == true)
        {
            Error(nameof(input.StrictChecking), "Strict checking guards votes held in Atr; it cannot be combined with a manual vote");
        }

        CheckText(nameof(input.ReleaseChecklist), input.ReleaseChecklist, null);
        CheckText(nameof(input.StartVoteTemplate), input.StartVoteTemplate, ReleasePolicyDefaults.StartVotePlaceholders);
        CheckText(nameof(input.AnnounceReleaseTemplate), input.AnnounceReleaseTemplate, ReleasePolicyDefaults.AnnouncePlaceholders);
        CheckPatterns(nameof(input.BinaryArtifactPaths), input.BinaryArtifactPaths);
        CheckPatterns(nameof(input.SourceArtifactPaths), input.SourceArtifactPaths);

        var repository = input.GithubRepositoryName?.Trim();
        if (!string.IsNullOrEmpty(repository) && (repository.Length > ReleasePolicy.RepositoryNameMaxLength || !RepositoryName().IsMatch(repository)))
        {
            Error(nameof(input.GithubRepositoryName), $"'{repository}' is not a repository name (letters, digits, '.', '_' and '-', without the owner)");
        }

        CheckWorkflows(nameof(input.GithubComposeWorkflowPath), input.GithubComposeWorkflowPath);
        CheckWorkflows(nameof(input.GithubVoteWorkflowPath), input.GithubVoteWorkflowPath);
        CheckWorkflows(nameof(input.GithubFinishWorkflowPath), input.GithubFinishWorkflowPath);

        errors.ThrowIfAny();
        return new PolicyInput(
            lists,
            input.ManualVote == true ? true : null,
            input.MinHours,
            Text(input.ReleaseChecklist),
            input.PauseForRm == true ? true : null,
            Text(input.StartVoteTemplate),
            Text(input.AnnounceReleaseTemplate),
            Clean(input.BinaryArtifactPaths),
            Clean(input.SourceArtifactPaths),
            input.StrictChecking == true ? true : null,
            Text(repository),
            Clean(input.GithubComposeWorkflowPath),
            Clean(input.GithubVoteWorkflowPath),
            Clean(input.GithubFinishWorkflowPath),
            input.PreserveDownloadFiles == true ? true : null);

        void CheckText(string field, string? text, IReadOnlyList<string>? placeholders)
        {
            if (text?.Length > ReleasePolicy.TemplateMaxLength)
            {
                Error(field, $"It has {text.Length:N0} characters; at most {ReleasePolicy.TemplateMaxLength:N0} are allowed");
            }

            if (placeholders is null || text is null)
            {
                return;
            }

            foreach (var unknown in Placeholder().Matches(text).Select(m => m.Value).Where(p => !placeholders.Contains(p)).Distinct())
            {
                Error(field, $"{unknown} is not a placeholder; the placeholders are {string.Join(" ", placeholders)}");
            }
        }

        void CheckPatterns(string field, IReadOnlyList<string>? patterns)
        {
            try
            {
                _ = new GitIgnorePatterns(Clean(patterns) ?? []);
            }
            catch (DomainException e)
            {
                Error(field, e.Message);
            }
        }

        void CheckWorkflows(string field, IReadOnlyList<string>? paths)
        {
            foreach (var path in Clean(paths) ?? [])
            {
                if (!path.StartsWith(".github/workflows/", StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal)
                    || !(path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal)))
                {
                    Error(field, $"'{path}' is not a workflow file: it must be .github/workflows/<name>.yml or .yaml");
                }
            }
        }
    }

    private static PolicyView View(Project project) =>
        new(project.Name, project.CommitteeName, Committee.DownloadAreaOf(project.CommitteeName ?? project.Name, project.Committee?.IsPodling == true),
            Stored(project.ReleasePolicy), project.Policy);

    private static PolicyInput Stored(ReleasePolicy? policy) => policy is null
        ? new PolicyInput()
        : new PolicyInput(
            policy.MailtoAddresses.Count == 0 ? null : policy.MailtoAddresses,
            policy.ManualVote ? true : null,
            policy.MinHours,
            Text(policy.ReleaseChecklist),
            policy.PauseForRm ? true : null,
            Text(policy.StartVoteTemplate),
            Text(policy.AnnounceReleaseTemplate),
            policy.BinaryArtifactPaths.Count == 0 ? null : policy.BinaryArtifactPaths,
            policy.SourceArtifactPaths.Count == 0 ? null : policy.SourceArtifactPaths,
            policy.StrictChecking ? true : null,
            Text(policy.GithubRepositoryName),
            policy.GithubComposeWorkflowPath.Count == 0 ? null : policy.GithubComposeWorkflowPath,
            policy.GithubVoteWorkflowPath.Count == 0 ? null : policy.GithubVoteWorkflowPath,
            policy.GithubFinishWorkflowPath.Count == 0 ? null : policy.GithubFinishWorkflowPath,
            policy.PreserveDownloadFiles ? true : null);

    private static void Apply(ReleasePolicy policy, PolicyInput input)
    {
        policy.MailtoAddresses = [.. input.MailtoAddresses ?? []];
        policy.ManualVote = input.ManualVote == true;
        policy.MinHours = input.MinHours;
        policy.ReleaseChecklist = input.ReleaseChecklist ?? "";
        policy.PauseForRm = input.PauseForRm == true;
        policy.StartVoteTemplate = input.StartVoteTemplate ?? "";
        policy.AnnounceReleaseTemplate = input.AnnounceReleaseTemplate ?? "";
        policy.BinaryArtifactPaths = [.. input.BinaryArtifactPaths ?? []];
        policy.SourceArtifactPaths = [.. input.SourceArtifactPaths ?? []];
        policy.StrictChecking = input.StrictChecking == true;
        policy.GithubRepositoryName = input.GithubRepositoryName ?? "";
        policy.GithubComposeWorkflowPath = [.. input.GithubComposeWorkflowPath ?? []];
        policy.GithubVoteWorkflowPath = [.. input.GithubVoteWorkflowPath ?? []];
        policy.GithubFinishWorkflowPath = [.. input.GithubFinishWorkflowPath ?? []];
        policy.PreserveDownloadFiles = input.PreserveDownloadFiles == true;
    }

    private static List<string>? Clean(IReadOnlyList<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).ToList() is { Count: > 0 } cleaned ? cleaned : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static async Task<Project> FindAsync(AtrDbContext db, string projectName, bool tracked, CancellationToken cancellationToken)
    {
        var projects = tracked ? db.Projects : db.Projects.AsNoTracking();
        return await projects.Include(p => p.Committee).Include(p => p.ReleasePolicy)
                .SingleOrDefaultAsync(p => p.Name == projectName, cancellationToken)
            ?? throw new NotFoundException($"Project {projectName}");
    }

    [GeneratedRegex(@"\[[A-Z][A-Z_]*\]")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex RepositoryName();
}
