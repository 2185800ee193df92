using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Releases;

public sealed class ReleaseLifecycleTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Start_CreatesADraftWithAnEmptyFirstRevisionAndAnAuditEvent()
    {
        await using var database = await template.CopyAsync();
        var carl = await database.Get<UserDirectory>().ResolveAsync("carl", Cancel);

        var started = await database.Get<ReleaseService>().StartAsync(carl, "widget", "3.0.0", Cancel);

        Assert.Equal("widget-3.0.0", started.Name);
        Assert.Equal(ReleasePhase.ReleaseCandidateDraft, started.Phase);
        var history = await database.Get<Atr.Domain.Revisions.RevisionService>().HistoryAsync(carl, "widget", "3.0.0", Cancel);
        var revision = Assert.Single(history);
        Assert.Equal(("00001", "carl", 0), (revision.Number, revision.AsfUid, revision.FileCount));
        await using var db = await database.ContextAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "release.start", Cancel);
        Assert.Equal(("carl", "widget 3.0.0", "widget"), (audit.Actor, audit.EntityKey, audit.CommitteeName));
    }

    [Fact]
    public async Task Start_ExistingVersion_SaysSoAndAddsNothing()
    {
        await using var database = await template.CopyAsync();
        var carl = await database.Get<UserDirectory>().ResolveAsync("carl", Cancel);
        var before = await database.ContentHashAsync();

        var error = await Assert.ThrowsAsync<DuplicateException>(() => database.Get<ReleaseService>().StartAsync(carl, "widget", "1.2.0", Cancel));

        Assert.Equal("widget 1.2.0 already exists", error.Message);
        Assert.Equal(before, await database.ContentHashAsync());
    }

    [Fact]
    public async Task Start_InactiveProject_IsRefused()
    {
        await using var database = await template.CopyAsync();
        await using (var db = await database.ContextAsync())
        {
            var project = await db.Projects.SingleAsync(p => p.Name == "widget", Cancel);
            project.Status = ProjectStatus.Dormant;
            await db.SaveChangesAsync(Cancel);
        }

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            database.Get<ReleaseService>().StartAsync(Actor.System, "widget", "3.0.0", Cancel));

        Assert.Equal("Apache Widget is dormant: only active projects start releases", error.Message);
    }

    [Theory]
    [InlineData("nope", "1.0.0", typeof(NotFoundException), "Project nope was not found")]
    [InlineData("widget", "1..0", typeof(DomainException), "two separators")]
    [InlineData("widget", "version", typeof(DomainException), "\"version\" is not a version")]
    public async Task Start_BadInput_NamesTheProblem(string project, string version, Type error, string message)
    {
        await using var database = await template.CopyAsync();

        var thrown = await Record.ExceptionAsync(() => database.Get<ReleaseService>().StartAsync(Actor.System, project, version, Cancel));

        Assert.IsType(error, thrown);
        Assert.Contains(message, thrown!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteDraft_RemovesTheReleaseItsRevisionsFilesTasksAndResults()
    {
        await using var database = await template.CopyAsync();
        var rita = await database.Get<UserDirectory>().ResolveAsync("rita", Cancel);

        await database.Get<ReleaseService>().DeleteDraftAsync(rita, "widget", "2.0.0-M1", Cancel);

        await using var db = await database.ContextAsync();
        Assert.False(await db.Releases.AnyAsync(r => r.Name == "widget-2.0.0-M1", Cancel));
        Assert.False(await db.Revisions.AnyAsync(r => r.ReleaseName == "widget-2.0.0-M1", Cancel));
        Assert.False(await db.RevisionFiles.AnyAsync(f => f.RevisionName.StartsWith("widget-2.0.0-M1 "), Cancel));
        Assert.False(await db.CheckResults.AnyAsync(c => c.ReleaseName == "widget-2.0.0-M1", Cancel));
        Assert.False(await db.Tasks.AnyAsync(t => t.ProjectName == "widget" && t.VersionName == "2.0.0-M1", Cancel));
        Assert.True(await db.Releases.AnyAsync(r => r.Name == "widget-1.2.0", Cancel));
        Assert.True(await db.Tasks.AnyAsync(t => t.ProjectName == "widget" && t.VersionName == "1.2.0", Cancel));
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "release.delete", Cancel);
        Assert.Contains("\"revisions\":3", audit.Before!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteDraft_ReleaseBeyondCompose_IsRefusedAndKept()
    {
        await using var database = await template.CopyAsync();
        var before = await database.ContentHashAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            database.Get<ReleaseService>().DeleteDraftAsync(Actor.System, "widget", "1.2.0", Cancel));

        Assert.Equal("widget 1.2.0 is in the Vote phase; only a release still being composed can be deleted", error.Message);
        Assert.Equal(before, await database.ContentHashAsync());
    }
}
