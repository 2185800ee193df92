using System.Text.Json;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Releases;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Audit;

public sealed class AuditTrailTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Write_AppendsOneJsonLinePerCommittedEvent()
    {
        await using var database = await template.CopyAsync();
        var file = database.Get<AuditFileWriter>().FilePath;
        var linesBefore = File.Exists(file) ? File.ReadAllLines(file).Length : 0;

        await database.Get<ReleaseService>().StartAsync(await ActorAsync(database, "carl"), "widget", "3.0.0", Cancel);
        var created = await database.Get<TokenService>().CreateAsync(await ActorAsync(database, "carl"), "ci", 30, Cancel);

        var lines = File.ReadAllLines(file).Skip(linesBefore).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["release.start", "token.create"], lines.Select(l => l.GetProperty("action").GetString()));
        Assert.Equal("carl", lines[0].GetProperty("actor").GetString());
        Assert.Equal("widget 3.0.0", lines[0].GetProperty("key").GetString());
        Assert.Equal("widget", lines[0].GetProperty("committee").GetString());
        Assert.Equal("3.0.0", lines[0].GetProperty("after").GetProperty("version").GetString());
        Assert.Equal("2026-03-14T12:00:00.000Z", lines[0].GetProperty("time").GetString());
        Assert.DoesNotContain(created.Secret, File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_RefusedOrFailedWrite_LeavesNoEventAndNoLine()
    {
        await using var database = await template.CopyAsync();
        var file = database.Get<AuditFileWriter>().FilePath;
        var linesBefore = File.Exists(file) ? File.ReadAllLines(file).Length : 0;
        await using var before = await database.ContextAsync();
        var eventsBefore = await before.AuditEvents.CountAsync(Cancel);

        await Assert.ThrowsAsync<DuplicateException>(() =>
            database.Get<ReleaseService>().StartAsync(Actor.System, "widget", "1.2.0", Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Get<ReleaseService>().StartAsync(Actor.Anonymous, "widget", "3.0.0", Cancel));

        await using var after = await database.ContextAsync();
        Assert.Equal(eventsBefore, await after.AuditEvents.CountAsync(Cancel));
        Assert.Equal(linesBefore, File.Exists(file) ? File.ReadAllLines(file).Length : 0);
    }

    [Fact]
    public async Task Search_FiltersByActorActionCommitteeAndTime()
    {
        await using var database = await template.CopyAsync();
        await database.Get<ReleaseService>().StartAsync(await ActorAsync(database, "carl"), "widget", "3.0.0", Cancel);
        database.Time.Advance(TimeSpan.FromDays(2));
        await database.Get<ReleaseService>().StartAsync(await ActorAsync(database, "paula"), "gizmo", "0.4.0-incubating", Cancel);
        var audit = database.Get<AuditService>();
        var alice = await ActorAsync(database, "alice");

        var all = await audit.SearchAsync(alice, new AuditQuery(new PageRequest(0, 100)), Cancel);
        var byActor = await audit.SearchAsync(alice, new AuditQuery(new PageRequest(0, 100), Actor: "paula", Action: "release.start"), Cancel);
        var byAction = await audit.SearchAsync(alice, new AuditQuery(new PageRequest(0, 100), Action: "release.start"), Cancel);
        var byCommittee = await audit.SearchAsync(alice, new AuditQuery(new PageRequest(0, 100), Action: "release.start", Committee: "widget"), Cancel);
        var byTime = await audit.SearchAsync(alice,
            new AuditQuery(new PageRequest(0, 100), From: Seed.Now.AddDays(1), To: Seed.Now.AddDays(3)), Cancel);

        Assert.Equal("gizmo 0.4.0-incubating", all.Items[0].EntityKey);
        Assert.Equal(["gizmo 0.4.0-incubating"], byActor.Items.Select(e => e.EntityKey));
        Assert.Equal(2, byAction.TotalCount);
        Assert.Equal(["widget 3.0.0"], byCommittee.Items.Select(e => e.EntityKey));
        Assert.Equal(["gizmo 0.4.0-incubating"], byTime.Items.Select(e => e.EntityKey));
        Assert.Contains("release.start", await audit.ActionsAsync(alice, Cancel));
    }

    private static Task<Actor> ActorAsync(TestDatabase database, string userId) =>
        database.Get<UserDirectory>().ResolveAsync(userId, Cancel);
}
