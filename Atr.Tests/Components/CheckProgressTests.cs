using System.Text;
using Atr.App.Components.Shared;
using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Components;

/// <summary>The live progress of a revision's checks, driven by events the test publishes through a fake notifier.</summary>
public sealed class CheckProgressTests : AtrComponentContext
{
    private const string Artifact = "apache-widget-2.0.0-M1-live.tar.gz";

    protected override bool SeedDemoData => true;

    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Chips_FollowTheEvents_FromPlannedToFailed()
    {
        SignIn("carl");
        var progress = Render<CheckProgress>(p => p.Add(x => x.Project, "widget").Add(x => x.Version, "2.0.0-M1").Add(x => x.CommitteeName, "widget"));
        progress.WaitForAssertion(() => Assert.Equal("true", progress.Find("[data-testid='check-progress']").GetAttribute("data-complete")));
        Assert.Contains("Revision 00003", Text(progress), StringComparison.Ordinal);

        var revision = await UploadWrongChecksumAsync();
        Assert.Contains("Revision 00003", Text(progress), StringComparison.Ordinal);

        await Live.PublishAsync(new ChecksPlanned("widget", "2.0.0-M1", revision, [await HashingTaskAsync()], 0));
        progress.WaitForAssertion(() => Assert.Equal("queued", Chip(progress).GetAttribute("data-state")));
        Assert.Contains($"Revision {revision}", Text(progress), StringComparison.Ordinal);
        Assert.Equal("false", progress.Find("[data-testid='check-progress']").GetAttribute("data-complete"));

        var task = await HashingTaskAsync();
        Assert.Equal(BackgroundTaskStatus.Completed, await Database.Get<CheckRunner>().RunAsync(task, 7, TimeSpan.FromMinutes(1), Cancel));
        Assert.Equal("queued", Chip(progress).GetAttribute("data-state"));

        await Live.PublishAsync(new TaskChanged(task, TaskType.HashingCheck, BackgroundTaskStatus.Completed, "widget", "2.0.0-M1", revision, Artifact + ".sha512"));
        progress.WaitForAssertion(() => Assert.Equal("failed", Chip(progress).GetAttribute("data-state")));
        Assert.Contains("1 failure found", Text(progress), StringComparison.Ordinal);
        Assert.Equal($"releases/widget/2.0.0-M1/revisions/{revision}/report/{Artifact}.sha512#checker-hashing", Chip(progress).GetAttribute("href"));
    }

    [Fact]
    public async Task EventsOfOtherReleases_AreIgnored_AndDisposingUnsubscribes()
    {
        SignIn("carl");
        var progress = Render<CheckProgress>(p => p.Add(x => x.Project, "widget").Add(x => x.Version, "2.0.0-M1"));
        progress.WaitForAssertion(() => Assert.Equal(1, Live.Subscribers));
        var renders = progress.RenderCount;

        await Live.PublishAsync(new TaskChanged(1, TaskType.HashingCheck, BackgroundTaskStatus.Completed, "widget", "1.2.0", "00003", "x.sha512"));
        await Live.PublishAsync(new ReleaseDeleted("gizmo", "0.3.0-incubating"));

        Assert.Equal(renders, progress.RenderCount);
        await DisposeComponentsAsync();
        Assert.Equal(0, Live.Subscribers);
    }

    [Theory]
    [InlineData("carl", true, false)]
    [InlineData("alice", true, true)]
    public async Task FailedChecks_OfferRetryToCommitters_AndRestartToAdministrators(string userId, bool retry, bool restart)
    {
        await UploadWrongChecksumAsync();
        var task = await HashingTaskAsync();
        await using (var db = await Database.ContextAsync())
        {
            await db.Tasks.Where(t => t.Id == task).ExecuteUpdateAsync(t => t
                .SetProperty(x => x.Status, BackgroundTaskStatus.Failed)
                .SetProperty(x => x.Completed, Seed.Now)
                .SetProperty(x => x.Error, "time limit of 300 s exceeded"), Cancel);
        }

        SignIn(userId);
        var progress = Render<CheckProgress>(p => p.Add(x => x.Project, "widget").Add(x => x.Version, "2.0.0-M1").Add(x => x.CommitteeName, "widget"));
        progress.WaitForAssertion(() => Assert.Equal("error", Chip(progress).GetAttribute("data-state")));
        Assert.Contains("1 failed to run", Text(progress), StringComparison.Ordinal);
        Assert.Equal(retry, progress.FindAll("[data-testid='retry-failed']").Count == 1);
        Assert.Equal(restart, progress.FindAll("[data-testid='restart-checks']").Count == 1);

        await progress.Find("[data-testid='retry-failed'] button, button[data-testid='retry-failed']").ClickAsync(new());

        progress.WaitForAssertion(() => Assert.Equal("queued", Chip(progress).GetAttribute("data-state")));
        await using var after = await Database.ContextAsync();
        Assert.Equal(BackgroundTaskStatus.Failed, (await after.Tasks.SingleAsync(t => t.Id == task, Cancel)).Status);
    }

    private async Task<string> UploadWrongChecksumAsync()
    {
        var store = Database.Get<ArtifactStore>();
        async Task<UploadedFile> StoreAsync(string path, string content) =>
            new(path, await store.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), 1 << 20, null, Cancel));
        var carl = await Database.Get<UserDirectory>().ResolveAsync("carl", Cancel);
        var created = await Database.Get<RevisionService>().UploadAsync(carl, "widget", "2.0.0-M1",
            [await StoreAsync(Artifact, "archive"), await StoreAsync(Artifact + ".sha512", new string('0', 128))], "the API", Cancel);
        return created.Number;
    }

    private async Task<int> HashingTaskAsync()
    {
        await using var db = await Database.ContextAsync();
        return await db.Tasks.Where(t => t.PrimaryRelPath == Artifact + ".sha512").Select(t => t.Id).SingleAsync(Cancel);
    }

    private static AngleSharp.Dom.IElement Chip(IRenderedComponent<CheckProgress> progress) =>
        progress.Find($"tr[data-file='{Artifact}.sha512'] [data-checker='hashing']");

    private static string Text(IRenderedComponent<CheckProgress> progress) => progress.Find("[data-testid='check-progress-text']").TextContent;
}
