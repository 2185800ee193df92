using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Checks;

/// <summary>
/// A page that follows running checks applies what changed (<see cref="CheckService.ChangesAsync"/> and
/// <see cref="RevisionChecks.With"/>) instead of reading the revision again; it must end where a fresh read ends.
/// </summary>
public sealed class CheckFollowingTests
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task AppliedChanges_EndWhereAFreshReadEnds()
    {
        await using var harness = await CheckHarness.CreateAsync();
        harness.Probe.Behaviour = (run, _) =>
        {
            if (run.Subject.PrimaryPath == "b.txt")
            {
                run.Failure("b is wrong");
            }
            else
            {
                run.Success("ok");
            }

            return Task.CompletedTask;
        };
        await harness.UploadAsync(("a.txt", "a"), ("b.txt", "b"));
        var followed = await harness.ChecksAsync();
        Assert.Equal(followed.Checks.Count, followed.Counts.Queued);

        await harness.RunQueuedAsync();
        var changes = await harness.Database.Get<CheckService>()
            .ChangesAsync(harness.Carl, "widget", "1.0.0", followed.Checks.Select(c => c.TaskId).ToList(), Cancel);
        followed = followed.With(changes);

        var fresh = await harness.ChecksAsync();
        Assert.Equal(fresh.Counts, followed.Counts);
        Assert.Equal(fresh.Checks, followed.Checks);
        Assert.Equal(fresh.Results.Select(r => r.Id).Order(), followed.Results.Select(r => r.Id).Order());
        Assert.Contains(followed.Results, r => r is { PrimaryRelPath: "b.txt", Message: "b is wrong" });
    }

    [Fact]
    public async Task ChangesOfAnEarlierRevision_AreIgnored()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        var earlier = (await harness.TasksAsync()).Select(t => t.Id).ToList();
        await harness.UploadAsync(("a.txt", "a changed"));
        var followed = await harness.ChecksAsync();
        await harness.RunQueuedAsync();

        var changes = await harness.Database.Get<CheckService>().ChangesAsync(harness.Carl, "widget", "1.0.0", earlier, Cancel);

        Assert.NotEmpty(changes);
        var after = followed.With(changes);
        Assert.Equal(followed.Checks, after.Checks);
        Assert.Equal(followed.Counts, after.Counts);
    }

    [Fact]
    public void AnOlderTaskOfACheck_DoesNotReplaceTheRetryThatStandsForIt()
    {
        var retry = Check(taskId: 7, BackgroundTaskStatus.Queued);
        var followed = new RevisionChecks("widget", "1.0.0", "00002", CheckCounts.Of([retry]), [retry], []);
        var failedBefore = Check(taskId: 5, BackgroundTaskStatus.Failed);

        var after = followed.With([new CheckChange("00002", failedBefore, [])]);

        Assert.Equal([retry], after.Checks);
        Assert.Equal(1, after.Counts.Queued);
    }

    [Fact]
    public void ANewOrigin_ReplacesTheResultsOfTheOneBefore()
    {
        var reused = Check(taskId: 7, BackgroundTaskStatus.Completed) with { ReusedFromTask = 3 };
        var old = Result(id: 1, taskId: 3, CheckResultStatus.Failure);
        var followed = new RevisionChecks("widget", "1.0.0", "00002", CheckCounts.Of([reused]), [reused], [old]);
        var rerun = Check(taskId: 9, BackgroundTaskStatus.Completed);
        var fresh = Result(id: 2, taskId: 9, CheckResultStatus.Success);

        var after = followed.With([new CheckChange("00002", rerun, [fresh])]);

        Assert.Equal([rerun], after.Checks);
        Assert.Equal([fresh], after.Results);
        Assert.Equal(1, after.Counts.Completed);
    }

    [Fact]
    public async Task Changes_AreRefusedToSomeoneWhoMayNotSeeTheChecks()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        var ids = (await harness.TasksAsync()).Select(t => t.Id).ToList();
        var outsider = await harness.Database.Get<UserDirectory>().ResolveAsync("oscar", Cancel);
        var service = harness.Database.Get<CheckService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ChangesAsync(outsider, "widget", "1.0.0", ids, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ChangesAsync(Actor.Anonymous, "widget", "1.0.0", ids, Cancel));
    }

    private static RevisionCheck Check(int taskId, BackgroundTaskStatus status) =>
        new(taskId, TaskType.HashingCheck, "hashing", "a.tar.gz", status, new DateTime(2026, 11, 29), null, null, null, null, 1);

    private static CheckResultView Result(long id, int taskId, CheckResultStatus status) =>
        new(id, taskId, "hashing", "a.tar.gz", null, status, "message", "{}", new DateTime(2026, 11, 29));
}
