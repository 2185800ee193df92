using System.Text;
using Atr.App.Components.Pages.Tasks;
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

/// <summary>The task list and a task's detail, filling in as the notifier reports changes.</summary>
public sealed class TaskPagesTests : AtrComponentContext
{
    private const string Checksum = "apache-widget-2.0.0-M1-extra.tar.gz.sha256";

    protected override bool SeedDemoData => true;

    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task TaskDetail_FillsInWhenTheTaskCompletes()
    {
        var id = await QueueChecksumTaskAsync();
        SignIn("carl");
        var page = Render<TaskPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-testid='task-status']").TextContent.Trim()));
        Assert.Contains("The check is still running.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("\"checker\": \"hashing\"", page.Find("[data-testid='task-arguments']").TextContent, StringComparison.Ordinal);
        Assert.Equal("(none yet)", page.Find("[data-testid='task-result']").TextContent);

        await Database.Get<CheckRunner>().RunAsync(id, 11, TimeSpan.FromMinutes(1), Cancel);
        await Live.PublishAsync(new TaskChanged(id, TaskType.HashingCheck, BackgroundTaskStatus.Completed, "widget", "2.0.0-M1", "00004", Checksum));

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("[data-testid='task-status']").TextContent.Trim()));
        Assert.Contains("\"failures\": 1", page.Find("[data-testid='task-result']").TextContent, StringComparison.Ordinal);
        var finding = page.Find("[data-testid='task-findings'] tbody tr");
        Assert.Contains("No SHA-256 hash found in the file", finding.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 (worker 11)", page.Find("[data-testid='task-facts']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskDetail_OfADraft_IsRefusedToOutsiders()
    {
        var id = await QueueChecksumTaskAsync();
        SignIn("oscar");

        var page = Render<TaskPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Contains("see the checks of widget 2.0.0-M1", page.Find("[data-testid='denied']").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("checker", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskList_ShowsNewTasksLive()
    {
        SignIn("carl");
        var list = Render<TaskList>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid='tasks-grid'] tbody tr")));
        Assert.DoesNotContain(Checksum, list.Markup, StringComparison.Ordinal);

        var id = await QueueChecksumTaskAsync();
        await Live.PublishAsync(new ChecksPlanned("widget", "2.0.0-M1", "00004", [id], 0));

        list.WaitForAssertion(() => Assert.Contains(Checksum, list.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        var row = list.FindAll("[data-testid='tasks-grid'] tbody tr").First(r => r.TextContent.Contains(Checksum, StringComparison.Ordinal));
        Assert.Contains("Queued", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("widget 2.0.0-M1", row.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Uploads a checksum file that holds no hash: its hashing task is queued (nobody runs it yet).</summary>
    private async Task<int> QueueChecksumTaskAsync()
    {
        var store = Database.Get<ArtifactStore>();
        async Task<UploadedFile> StoreAsync(string path, string content) =>
            new(path, await store.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), 1 << 20, null, Cancel));
        var carl = await Database.Get<UserDirectory>().ResolveAsync("carl", Cancel);
        await Database.Get<RevisionService>().UploadAsync(carl, "widget", "2.0.0-M1",
            [await StoreAsync("apache-widget-2.0.0-M1-extra.tar.gz", "archive"), await StoreAsync(Checksum, "no hash here")], "the API", Cancel);
        await using var db = await Database.ContextAsync();
        return await db.Tasks.Where(t => t.PrimaryRelPath == Checksum).Select(t => t.Id).SingleAsync(Cancel);
    }
}
