using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Checks;

/// <summary>The pattern language of ignore rules, and rules applied to a revision's results.</summary>
public sealed class IgnoreRulesTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Theory]
    [InlineData(null, "anything", true)]
    [InlineData(null, null, true)]
    [InlineData("!", null, true)]
    [InlineData("!", "x", false)]
    [InlineData("DISCLAIMER", "No DISCLAIMER or DISCLAIMER-WIP", true)]
    [InlineData("No*WIP", "No DISCLAIMER or DISCLAIMER-WIP", true)]
    [InlineData("a.b", "axb", false)]
    [InlineData("a.b", "the a.b file", true)]
    [InlineData("!DISCLAIMER", "No DISCLAIMER", false)]
    [InlineData("!DISCLAIMER", "No LICENSE", true)]
    [InlineData("^license\\.", "license.files", true)]
    [InlineData("^files", "license.files", false)]
    [InlineData("files$", "license.files", true)]
    [InlineData("x", null, false)]
    public void Pattern(string? pattern, string? value, bool matched) => Assert.Equal(matched, IgnoreRules.Matches(pattern, value));

    [Fact]
    public void Successes_AreNeverHidden()
    {
        var rule = new CheckResultIgnore("gizmo", "paula", DateTime.UtcNow) { CheckerGlob = "*" };
        var success = new CheckResultView(1, 1, "paths", "a", null, CheckResultStatus.Success, "fine", "{}", DateTime.UtcNow);

        Assert.False(IgnoreRules.Hides(rule, "gizmo-0.3.0-incubating", "00002", success));
        Assert.True(IgnoreRules.Hides(rule, "gizmo-0.3.0-incubating", "00002", success with { Status = CheckResultStatus.Failure }));
    }

    [Fact]
    public async Task AMembersRule_MarksTheMatchingFailureIgnored_AndTheAuditKeepsIt()
    {
        await using var database = await template.CopyAsync();
        var paula = await ActorAsync(database, "paula");
        var before = await database.Get<CheckService>().RevisionChecksAsync(paula, "gizmo", "0.3.0-incubating", "latest", Cancel);
        // Both archives of the demo's podling draft lack their DISCLAIMER.
        var failures = before.Results.Where(r => r.Status == CheckResultStatus.Failure).Select(r => r.Id).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(before.Results.Where(r => failures.Contains(r.Id)), r => Assert.Contains("DISCLAIMER", r.Message, StringComparison.Ordinal));

        var rule = await database.Get<IgnoreService>().AddAsync(paula, "gizmo",
            new IgnoreRuleInput("gizmo-*", null, "license.files", " ", null, CheckResultStatusIgnore.Failure, "DISCLAIMER"), Cancel);

        Assert.Null(rule.Rule.PrimaryRelPathGlob);
        var after = await database.Get<CheckService>().RevisionChecksAsync(paula, "gizmo", "0.3.0-incubating", "latest", Cancel);
        Assert.Equal(failures, after.Results.Where(r => r.Ignored).Select(r => r.Id));
        await using var db = await database.ContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "ignore.add" && e.CommitteeName == "gizmo", Cancel));
    }

    [Theory]
    [InlineData("no condition", null, null, "A rule needs at least one condition")]
    [InlineData("bad regex", "^(unclosed", null, "Message: '^(unclosed' is not a valid regular expression")]
    [InlineData("bad revision", null, "3", "Revision: '3' is not a revision number")]
    [InlineData("backreference", "^(a)\\1$", null, "Message: '^(a)\\1$' uses a backreference or lookaround")]
    public async Task InvalidRule_IsRefusedNamingTheField_AndNothingIsStored(string why, string? message, string? revision, string error)
    {
        await using var database = await template.CopyAsync();
        var paula = await ActorAsync(database, "paula");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            database.Get<IgnoreService>().AddAsync(paula, "gizmo", new IgnoreRuleInput(null, revision, null, null, null, null, message), Cancel));

        Assert.True(refused.Message.StartsWith(error, StringComparison.Ordinal), $"{why}: {refused.Message}");
        Assert.Empty(await database.Get<IgnoreService>().ListAsync(paula, "gizmo", Cancel));
    }

    [Fact]
    public async Task UpdateAndDelete_OnlyTheCommitteesOwnRules()
    {
        await using var database = await template.CopyAsync();
        var paula = await ActorAsync(database, "paula");
        var service = database.Get<IgnoreService>();
        var rule = await service.AddAsync(paula, "gizmo", new IgnoreRuleInput(null, null, "paths", null, null, null, null), Cancel);

        var changed = await service.UpdateAsync(paula, "gizmo", rule.Id, new IgnoreRuleInput(null, "00002", "paths", null, null, CheckResultStatusIgnore.Warning, null), Cancel);

        Assert.Equal(("00002", CheckResultStatusIgnore.Warning), (changed.Rule.RevisionNumber!, changed.Rule.Status!.Value));
        var mike = await ActorAsync(database, "mike");
        await Assert.ThrowsAsync<NotFoundException>(() => service.DeleteAsync(mike, "widget", rule.Id, Cancel));
        await service.DeleteAsync(paula, "gizmo", rule.Id, Cancel);
        Assert.Empty(await service.ListAsync(paula, "gizmo", Cancel));
    }

    private static Task<Actor> ActorAsync(TestDatabase database, string userId) =>
        database.Get<UserDirectory>().ResolveAsync(userId, Cancel);
}
