using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Checks;

/// <summary>A revision's checks as people read them, and running checks again without rewriting history.</summary>
public sealed class CheckServiceTests
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task RetryFailed_QueuesNewTasksForTheFailedChecksOnly_AndTheyStandForTheRevision()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var broken = true;
        harness.Probe.Behaviour = (run, _) =>
        {
            if (broken && run.Subject.PrimaryPath == "a.txt")
            {
                throw new IOException("store unavailable");
            }

            run.Success("ok");
            return Task.CompletedTask;
        };
        var revision = await harness.UploadAsync(("a.txt", "a"), ("b.txt", "b"));
        await harness.RunQueuedAsync();
        Assert.Equal(1, (await harness.ChecksAsync()).Counts.Failed);
        var failedTask = (await harness.ChecksAsync()).Checks.Single(c => c.Status == BackgroundTaskStatus.Failed).TaskId;
        broken = false;

        var queued = await harness.Database.Get<CheckService>().RetryFailedAsync(harness.Carl, "widget", "1.0.0", Cancel);

        Assert.Equal(1, queued);
        var checks = await harness.ChecksAsync();
        var retry = checks.Checks.Single(c => c.PrimaryRelPath == "a.txt");
        Assert.Equal(BackgroundTaskStatus.Queued, retry.Status);
        Assert.NotEqual(failedTask, retry.TaskId);
        Assert.Equal((1, 0), (checks.Counts.Queued, checks.Counts.Failed));
        Assert.Equal([retry.TaskId], Assert.IsType<ChecksPlanned>(harness.Events.Events[^1]).QueuedTaskIds);

        await harness.RunQueuedAsync();
        checks = await harness.ChecksAsync(revision);
        Assert.True(checks.Complete);
        Assert.Equal(0, checks.Counts.Failed);
        Assert.Equal(["a.txt", "b.txt"], checks.Results.Where(r => r.Checker == "probe").Select(r => r.PrimaryRelPath));
        Assert.Equal("store unavailable", (await harness.TaskAsync(failedTask)).Error);
    }

    [Fact]
    public async Task RetryFailed_WithNothingFailed_ChangesNothing()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        await harness.RunQueuedAsync();
        var before = await harness.Database.ContentHashAsync();

        Assert.Equal(0, await harness.Database.Get<CheckService>().RetryFailedAsync(harness.Carl, "widget", "1.0.0", Cancel));

        Assert.Equal(before, await harness.Database.ContentHashAsync());
    }

    [Fact]
    public async Task RestartAll_RunsEveryCheckAgainWithoutReuse_KeepsTheOldTasks_AndIsAudited()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"), ("b.txt", "b"));
        await harness.RunQueuedAsync();
        var before = await harness.TasksAsync();
        var alice = await harness.Database.Get<UserDirectory>().ResolveAsync("alice", Cancel);

        var queued = await harness.Database.Get<CheckService>().RestartAllAsync(alice, "widget", "1.0.0", Cancel);

        Assert.Equal(before.Count, queued);
        var after = await harness.TasksAsync();
        Assert.Equal(before.Select(t => (t.Id, t.Status)), after.Take(before.Count).Select(t => (t.Id, t.Status)));
        Assert.All(after.Skip(before.Count), t => Assert.Equal((BackgroundTaskStatus.Queued, null, "alice"), (t.Status, t.ReusedTaskId, t.AsfUid)));
        Assert.Equal(before.Count, (await harness.ChecksAsync()).Counts.Queued);
        await using var db = await harness.Database.ContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "checks.restart" && e.Actor == "alice", Cancel));
    }

    [Fact]
    public async Task RevisionChecks_OfLatest_AndOfAnUnknownRevision()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        var second = await harness.UploadAsync(("b.txt", "b"));

        Assert.Equal(second, (await harness.ChecksAsync()).Revision);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => harness.ChecksAsync("00042"));
        Assert.Contains("Revision 00042 of widget 1.0.0", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskDetail_OfAReusedCheck_ShowsTheResultsOfTheTaskThatRan()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        await harness.RunQueuedAsync();
        var second = await harness.UploadAsync(("b.txt", "b"));
        var reused = (await harness.TasksAsync(second)).Single(t => t.PrimaryRelPath == "a.txt");

        var detail = await harness.Database.Get<CheckService>().TaskAsync(harness.Carl, reused.Id, Cancel);

        Assert.Equal(reused.ReusedTaskId, detail.ReusedFromTask);
        var result = Assert.Single(detail.Results);
        Assert.Equal((reused.ReusedTaskId, "probed"), (result.TaskId, result.Message));
        Assert.Contains("\"checker\":\"probe\"", detail.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckerOf_ReadsTheArguments_AndFallsBackToTheTypeLabel()
    {
        Assert.Equal("hashing", CheckService.CheckerOf(TaskType.HashingCheck, "{\"checker\":\"hashing\"}"));
        Assert.Equal("Hashing check", CheckService.CheckerOf(TaskType.HashingCheck, "{}"));
        Assert.Equal("Hashing check", CheckService.CheckerOf(TaskType.HashingCheck, "not json"));
        Assert.Equal("Hashing check", CheckService.CheckerOf(TaskType.HashingCheck, "[1]"));
    }
}
