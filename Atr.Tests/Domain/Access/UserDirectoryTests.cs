using Atr.Domain.Access;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Access;

public sealed class UserDirectoryTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Resolve_GivesRolesPerCommitteeFromTheCommitteeLists()
    {
        await using var database = await template.CopyAsync();
        var users = database.Get<UserDirectory>();

        var rita = await users.ResolveAsync("rita", Cancel);
        var carl = await users.ResolveAsync("carl", Cancel);
        var alice = await users.ResolveAsync("alice", Cancel);

        Assert.Equal(["widget"], rita.Committees);
        Assert.Equal(["member", "committer", "release-manager"], rita.RolesIn("widget"));
        Assert.Equal(["committer"], carl.RolesIn("widget"));
        Assert.False(carl.IsAdmin);
        Assert.True(alice.IsAdmin);
        Assert.Equal("Rita Reyes", rita.FullName);
        Assert.Same(Actor.Anonymous, await users.ResolveAsync(null, Cancel));
    }

    [Fact]
    public async Task Levels_FollowTheHierarchyAndAChangeOfMembershipAppliesAtOnce()
    {
        await using var database = await template.CopyAsync();
        var carl = await database.Get<UserDirectory>().ResolveAsync("carl", Cancel);
        await using var db = await database.ContextAsync();
        var widget = await db.Committees.SingleAsync(c => c.Name == "widget", Cancel);
        var other = await db.Committees.SingleAsync(c => c.Name == "other", Cancel);

        Assert.Equal(AccessLevel.Participant, carl.LevelIn(widget));
        Assert.Equal(AccessLevel.Committer, carl.LevelIn(other));
        Assert.Equal(AccessLevel.Public, Actor.Anonymous.LevelIn(widget));

        widget.SetRoster(widget.CommitteeMembers, widget.Committers.Where(c => c != "carl"), widget.ReleaseManagers);

        Assert.Equal(AccessLevel.Committer, carl.LevelIn(widget));
    }

    [Fact]
    public async Task SignIn_FirstTimeCreatesTheUserLaterUpdatesIt_AndIsAudited()
    {
        await using var database = await template.CopyAsync();
        var users = database.Get<UserDirectory>();

        var first = await users.SignInAsync("newcomer", "New Comer", "New@Example.org", "oidc", Cancel);
        database.Time.Advance(TimeSpan.FromDays(1));
        await users.SignInAsync("newcomer", "New Comer-Smith", null, "oidc", Cancel);

        Assert.Equal("newcomer", first.UserId);
        Assert.Empty(first.Committees);
        await using var db = await database.ContextAsync();
        var user = await db.UserAccounts.SingleAsync(u => u.Id == "newcomer", Cancel);
        Assert.Equal("New Comer-Smith", user.FullName);
        Assert.Equal("new@example.org", user.Email);
        Assert.Equal(Seed.Now, user.FirstSeen);
        Assert.Equal(Seed.Now.AddDays(1), user.LastSeen);
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "user.sign-in" && e.Actor == "newcomer", Cancel));
        Assert.True(await users.IsKnownAsync("newcomer", Cancel));
    }

    [Theory]
    [InlineData("carl", true)]
    [InlineData("alice", true)]
    [InlineData("nobody", false)]
    public async Task IsKnown_NamedByACommitteeOrAdminOrSeenBefore(string userId, bool known)
    {
        await using var database = await template.CopyAsync();

        Assert.Equal(known, await database.Get<UserDirectory>().IsKnownAsync(userId, Cancel));
    }

    [Fact]
    public void Holds_JudgesFromTheCapturedSetsForShowingActions()
    {
        var carl = new Actor { UserId = "carl", ParticipantOf = new HashSet<string> { "widget" } };
        var mike = new Actor { UserId = "mike", MemberOf = new HashSet<string> { "widget" } };

        Assert.True(carl.Holds(AccessLevel.Participant, "widget"));
        Assert.False(carl.Holds(AccessLevel.Member, "widget"));
        Assert.False(carl.Holds(AccessLevel.Participant, "gizmo"));
        Assert.True(mike.Holds(AccessLevel.Participant, "widget"));
        Assert.True(Actor.System.Holds(AccessLevel.Member, "gizmo"));
        Assert.False(Actor.Anonymous.Holds(AccessLevel.Committer, null));
        Assert.True(Actor.Anonymous.Holds(AccessLevel.Public, null));
    }
}
