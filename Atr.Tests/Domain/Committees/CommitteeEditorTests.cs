using Atr.Domain.Access;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Tests.Domain.Voting;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Committees;

public sealed class CommitteeEditorTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    private static CommitteeInput Valid(string name = "sprocket") =>
        new(name, "Sprocket", false, null, ["sam"], ["sam", "sue"], ["rory"]);

    public static TheoryData<string, CommitteeInput, string> InvalidFields() => new()
    {
        { "Name", Valid("Sprocket"), "'Sprocket' is not a committee name" },
        { "Name", Valid("sprocket--tools"), "is not a committee name" },
        { "Name", Valid("widget"), "A committee named widget already exists" },
        { "FullName", Valid() with { FullName = new string('S', 201) }, "one line of at most 200 characters" },
        { "FullName", Valid() with { FullName = "Sprocket\nTools" }, "one line" },
        { "ParentCommitteeName", Valid() with { IsPodling = true }, "A podling needs the committee it belongs to" },
        { "ParentCommitteeName", Valid() with { IsPodling = true, ParentCommitteeName = "nothing" }, "There is no committee nothing" },
        { "ParentCommitteeName", Valid() with { IsPodling = true, ParentCommitteeName = "gizmo" }, "There is no committee gizmo that is not itself a podling" },
        { "ParentCommitteeName", Valid() with { ParentCommitteeName = "incubator" }, "Only a podling belongs to another committee" },
        { "Members", Valid() with { Members = ["Sam"] }, "Not a user id: 'Sam'" },
        { "Committers", Valid() with { Committers = ["sue", "sue smith"] }, "Not a user id: 'sue smith'" },
        { "ReleaseManagers", Valid() with { ReleaseManagers = ["9lives"] }, "Not a user id: '9lives'" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AnInvalidField_IsRefusedByName_AndNothingChanges(string field, CommitteeInput input, string expected)
    {
        await using var fixture = await VoteFixture.CreateAsync("gizmo");
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.Database.Get<CommitteeEditor>().CreateAsync(await fixture.ActorAsync("alice"), input, Cancel));

        Assert.Contains(expected, Assert.Single(refused.Errors[field]), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task AnAdministrator_CreatesAPodling_AndItsPeopleHaveTheirLevels()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var editor = fixture.Database.Get<CommitteeEditor>();

        await editor.CreateAsync(await fixture.ActorAsync("alice"),
            Valid() with { IsPodling = true, ParentCommitteeName = "incubator", Members = ["sam", "sam"] }, Cancel);

        var created = await editor.GetAsync(await fixture.ActorAsync("alice"), "sprocket", Cancel);
        Assert.True(created.IsPodling);
        Assert.Equal(["sam"], created.Members);
        await using var db = await fixture.Database.ContextAsync();
        var committee = await db.Committees.SingleAsync(c => c.Name == "sprocket", Cancel);
        Assert.Equal(AccessLevel.Member, (await fixture.ActorAsync("sam")).LevelIn(committee));
        Assert.Equal(AccessLevel.Participant, (await fixture.ActorAsync("rory")).LevelIn(committee));
        Assert.Equal("incubator/sprocket", committee.DownloadArea);
        Assert.Single(await db.AuditEvents.Where(e => e.Action == "committee.create" && e.EntityKey == "sprocket").ToListAsync(Cancel));
    }

    [Fact]
    public async Task Editing_ChangesTheRoster_AuditsBeforeAndAfter_ButNeverTheName()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var editor = fixture.Database.Get<CommitteeEditor>();
        var alice = await fixture.ActorAsync("alice");
        var widget = await editor.GetAsync(alice, "widget", Cancel);

        await editor.UpdateAsync(alice, "widget", widget with { FullName = "Widget Works", Members = [.. widget.Members, "nina"] }, Cancel);
        var renamed = await Assert.ThrowsAsync<ValidationException>(() => editor.UpdateAsync(alice, "widget", widget with { Name = "gadget" }, Cancel));

        Assert.Contains("cannot change", renamed.Errors["Name"][0], StringComparison.Ordinal);
        var after = await editor.GetAsync(alice, "widget", Cancel);
        Assert.Equal("Widget Works", after.FullName);
        Assert.Contains("nina", after.Members);
        await using var db = await fixture.Database.ContextAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "committee.update", Cancel);
        Assert.DoesNotContain("nina", audit.Before, StringComparison.Ordinal);
        Assert.Contains("nina", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommitteeWithReleases_CannotBecomeAPodling()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var editor = fixture.Database.Get<CommitteeEditor>();
        var alice = await fixture.ActorAsync("alice");
        var widget = await editor.GetAsync(alice, "widget", Cancel);

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            editor.UpdateAsync(alice, "widget", widget with { IsPodling = true, ParentCommitteeName = "incubator" }, Cancel));

        Assert.Equal("The committee cannot become a podling: it has 1 release(s) under its download area widget", refused.Errors["IsPodling"][0]);
    }

    [Theory]
    [InlineData("rita")]
    [InlineData("carl")]
    public async Task OnlyAdministrators_CreateOrEditCommittees(string user)
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var editor = fixture.Database.Get<CommitteeEditor>();
        var actor = await fixture.ActorAsync(user);

        await Assert.ThrowsAsync<AccessDeniedException>(() => editor.CreateAsync(actor, Valid(), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => editor.GetAsync(actor, "widget", Cancel));
    }
}
