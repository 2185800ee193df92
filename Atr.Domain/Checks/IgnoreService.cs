using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Checks;

/// <summary>What an ignore rule says: every condition given must hold (see <see cref="IgnoreRules"/>).</summary>
public sealed record IgnoreRuleInput(
    string? ReleaseGlob,
    string? RevisionNumber,
    string? CheckerGlob,
    string? PrimaryRelPathGlob,
    string? MemberRelPathGlob,
    CheckResultStatusIgnore? Status,
    string? MessageGlob);

public sealed record IgnoreRuleView(int Id, string Committee, string Owner, DateTime Created, IgnoreRuleInput Rule);

/// <summary>
/// A committee's ignore rules: its committers read them, its members add, change and delete them. Ignored results
/// stay visible in their own list; successes are never ignored.
/// </summary>
public sealed class IgnoreService(IDbContextFactory<AtrDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<IgnoreRuleView>> ListAsync(Actor actor, string committee, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        actor.Require(AccessLevel.Participant, await CommitteeAsync(db, committee, cancellationToken), $"see the ignore rules of {committee}");
        var rules = await db.CheckResultIgnores.AsNoTracking().Where(i => i.CommitteeName == committee).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        return rules.Select(View).ToList();
    }

    public async Task<IgnoreRuleView> AddAsync(Actor actor, string committee, IgnoreRuleInput input, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        actor.Require(AccessLevel.Member, await CommitteeAsync(db, committee, cancellationToken), $"add an ignore rule to {committee}");
        var now = time.GetUtcNow().UtcDateTime;
        var rule = new CheckResultIgnore(committee, actor.UserId!, now);
        var valid = Validate(input);
        Apply(rule, valid);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.CheckResultIgnores.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(actor, now, "ignore.add", nameof(CheckResultIgnore), rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), committee, after: valid);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return View(rule);
    }

    public async Task<IgnoreRuleView> UpdateAsync(Actor actor, string committee, int id, IgnoreRuleInput input, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await RuleAsync(db, actor, committee, id, "change", cancellationToken);
        var before = View(rule).Rule;
        var valid = Validate(input);
        Apply(rule, valid);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "ignore.update", nameof(CheckResultIgnore), id.ToString(System.Globalization.CultureInfo.InvariantCulture), committee,
            before, valid);
        await db.SaveChangesAsync(cancellationToken);
        return View(rule);
    }

    public async Task DeleteAsync(Actor actor, string committee, int id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await RuleAsync(db, actor, committee, id, "delete", cancellationToken);
        db.CheckResultIgnores.Remove(rule);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "ignore.delete", nameof(CheckResultIgnore), id.ToString(System.Globalization.CultureInfo.InvariantCulture), committee,
            before: View(rule).Rule);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// What a rule would hide now: the warnings, failures and exceptions of the newest revision of each release of
    /// the committee that is not yet published (at most <paramref name="limit"/>), for the editor's live preview.
    /// </summary>
    public async Task<IReadOnlyList<(string Release, string Revision, CheckResultView Result)>> PreviewAsync(
        Actor actor, string committee, IgnoreRuleInput input, int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        actor.Require(AccessLevel.Participant, await CommitteeAsync(db, committee, cancellationToken), $"preview an ignore rule of {committee}");
        var rule = new CheckResultIgnore(committee, actor.UserId!, time.GetUtcNow().UtcDateTime);
        Apply(rule, Validate(input));
        var releases = await db.Releases.AsNoTracking()
            .Where(r => r.Project.CommitteeName == committee && r.Phase != Releases.ReleasePhase.Release)
            .OrderBy(r => r.Name)
            .Select(r => new { r.Name, r.ProjectName, r.Version, r.LatestRevisionNumber })
            .ToListAsync(cancellationToken);
        var hidden = new List<(string, string, CheckResultView)>();
        foreach (var release in releases.Where(r => r.LatestRevisionNumber is not null))
        {
            var checks = await CheckService.ChecksAsync(db, release.ProjectName, release.Version, release.LatestRevisionNumber!, cancellationToken);
            var origins = checks.Select(c => (int?)c.Origin).ToList();
            var results = await db.CheckResults.AsNoTracking()
                .Where(r => origins.Contains(r.TaskId) && r.Status != CheckResultStatus.Success && r.Status != CheckResultStatus.Skipped)
                .OrderBy(r => r.PrimaryRelPath).ThenBy(r => r.MemberRelPath).ThenBy(r => r.Id)
                .Select(r => new CheckResultView(r.Id, r.TaskId, r.Checker, r.PrimaryRelPath, r.MemberRelPath, r.Status, r.Message, r.Data, r.Created, false))
                .ToListAsync(cancellationToken);
            hidden.AddRange(results.Where(r => IgnoreRules.Hides(rule, release.Name, release.LatestRevisionNumber!, r))
                .Select(r => (release.Name, release.LatestRevisionNumber!, r)));
            if (hidden.Count >= limit)
            {
                break;
            }
        }

        return hidden.Take(limit).ToList();
    }

    /// <summary>Blank patterns count as missing; every pattern must compile; a rule needs a condition.</summary>
    internal static IgnoreRuleInput Validate(IgnoreRuleInput input)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var rule = new IgnoreRuleInput(Clean(input.ReleaseGlob), Clean(input.RevisionNumber), Clean(input.CheckerGlob), Clean(input.PrimaryRelPathGlob),
            Clean(input.MemberRelPathGlob), input.Status, Clean(input.MessageGlob));
        IgnoreRules.Validate("Release", rule.ReleaseGlob);
        IgnoreRules.Validate("Checker", rule.CheckerGlob);
        IgnoreRules.Validate("File", rule.PrimaryRelPathGlob);
        IgnoreRules.Validate("Archive member", rule.MemberRelPathGlob);
        IgnoreRules.Validate("Message", rule.MessageGlob);
        if (rule.RevisionNumber is { } number && (number.Length != 5 || !number.All(char.IsAsciiDigit)))
        {
            throw new DomainException($"Revision: '{number}' is not a revision number (five digits, e.g. 00003)");
        }

        if (rule is { ReleaseGlob: null, RevisionNumber: null, CheckerGlob: null, PrimaryRelPathGlob: null, MemberRelPathGlob: null, Status: null, MessageGlob: null })
        {
            throw new DomainException("A rule needs at least one condition; without one it would hide every warning and failure of the committee");
        }

        return rule;
    }

    /// <summary>The committee's rules, for marking results as ignored.</summary>
    internal static Task<List<CheckResultIgnore>> RulesAsync(AtrDbContext db, string? committee, CancellationToken cancellationToken) =>
        committee is null
            ? Task.FromResult(new List<CheckResultIgnore>())
            : db.CheckResultIgnores.AsNoTracking().Where(i => i.CommitteeName == committee).ToListAsync(cancellationToken);

    private static void Apply(CheckResultIgnore rule, IgnoreRuleInput input)
    {
        rule.ReleaseGlob = input.ReleaseGlob;
        rule.RevisionNumber = input.RevisionNumber;
        rule.CheckerGlob = input.CheckerGlob;
        rule.PrimaryRelPathGlob = input.PrimaryRelPathGlob;
        rule.MemberRelPathGlob = input.MemberRelPathGlob;
        rule.Status = input.Status;
        rule.MessageGlob = input.MessageGlob;
    }

    private static async Task<CheckResultIgnore> RuleAsync(AtrDbContext db, Actor actor, string committee, int id, string what, CancellationToken cancellationToken)
    {
        actor.Require(AccessLevel.Member, await CommitteeAsync(db, committee, cancellationToken), $"{what} an ignore rule of {committee}");
        return await db.CheckResultIgnores.SingleOrDefaultAsync(i => i.Id == id && i.CommitteeName == committee, cancellationToken)
            ?? throw new NotFoundException($"Ignore rule {id} of {committee}");
    }

    private static async Task<Committees.Committee> CommitteeAsync(AtrDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Committees.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, cancellationToken)
        ?? throw new NotFoundException($"The committee {name}");

    private static IgnoreRuleView View(CheckResultIgnore rule) => new(rule.Id, rule.CommitteeName, rule.AsfUid, rule.Created,
        new IgnoreRuleInput(rule.ReleaseGlob, rule.RevisionNumber, rule.CheckerGlob, rule.PrimaryRelPathGlob, rule.MemberRelPathGlob, rule.Status, rule.MessageGlob));
}
