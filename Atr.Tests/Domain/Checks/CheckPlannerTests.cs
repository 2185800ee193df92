using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Releases;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Checks;

/// <summary>Planning a revision's checks, and reusing earlier outcomes whose inputs did not change.</summary>
public sealed class CheckPlannerTests
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task NewRevision_PlansOneTaskPerCheckAndFileItAppliesTo_PlusTheRevisionWideCheck()
    {
        await using var harness = await CheckHarness.CreateAsync();

        var revision = await harness.UploadAsync(
            ("a.txt", "a"), ("docs/b.txt", "b"), ("pkg.tar.gz", "archive"), ("pkg.tar.gz.sha512", "0  pkg.tar.gz"), ("README", "read me"));

        var tasks = await harness.TasksAsync(revision);
        Assert.Equal(
            [(TaskType.HashingCheck, "pkg.tar.gz.sha512"), (TaskType.PathsCheck, null), (TaskType.RatCheck, "a.txt"), (TaskType.RatCheck, "docs/b.txt"),
                (TaskType.TargzIntegrity, "pkg.tar.gz")],
            tasks.Select(t => (t.TaskType, t.PrimaryRelPath)).OrderBy(t => t.TaskType).ThenBy(t => t.PrimaryRelPath, StringComparer.Ordinal));
        Assert.All(tasks, t =>
        {
            Assert.Equal(BackgroundTaskStatus.Queued, t.Status);
            Assert.Equal(("widget", "1.0.0", revision), (t.ProjectName, t.VersionName, t.RevisionNumber));
            Assert.Equal("carl", t.AsfUid);
            Assert.Matches("^[0-9a-f]{64}$", t.InputKey);
            Assert.Contains($"\"checker\":\"{CheckService.CheckerOf(t.TaskType, t.TaskArgs)}\"", t.TaskArgs, StringComparison.Ordinal);
        });
        var planned = Assert.Single(harness.Events.Events.OfType<ChecksPlanned>());
        Assert.Equal(tasks.Select(t => t.Id), planned.QueuedTaskIds.Order());
        Assert.Equal(0, planned.Reused);
    }

    [Fact]
    public async Task UnchangedFiles_ReuseTheEarlierOutcome_AndWriteNoNewResultRows()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var first = await harness.UploadAsync(("a.txt", "a"), ("b.txt", "b"));
        await harness.RunQueuedAsync();
        var firstProbes = (await harness.TasksAsync(first)).Where(t => t.TaskType == TaskType.RatCheck).ToDictionary(t => t.PrimaryRelPath!, t => t.Id);

        var second = await harness.UploadAsync(("c.txt", "c"));

        var tasks = await harness.TasksAsync(second);
        var reused = tasks.Where(t => t.ReusedTaskId is not null).ToList();
        Assert.Equal(["a.txt", "b.txt"], reused.Select(t => t.PrimaryRelPath).Order(StringComparer.Ordinal));
        Assert.All(reused, t =>
        {
            Assert.Equal(BackgroundTaskStatus.Completed, t.Status);
            Assert.Equal(firstProbes[t.PrimaryRelPath!], t.ReusedTaskId);
            Assert.Equal(1, Assert.IsType<CheckTaskResult>(t.Result).Successes);
        });
        // The path list changed, so the revision-wide paths check runs again, as does the new file's probe.
        Assert.Equal([(TaskType.PathsCheck, null), (TaskType.RatCheck, "c.txt")],
            tasks.Where(t => t.Status == BackgroundTaskStatus.Queued).Select(t => (t.TaskType, t.PrimaryRelPath)).OrderBy(t => t.TaskType));
        Assert.Equal(2, harness.Events.Events.OfType<ChecksPlanned>().Last().Reused);

        await harness.RunQueuedAsync();
        var checks = await harness.ChecksAsync(second);
        Assert.True(checks.Complete);
        Assert.Equal(["a.txt", "b.txt", "c.txt"], checks.Results.Where(r => r.Checker == "probe").Select(r => r.PrimaryRelPath));

        // A third revision with the same files (an identical re-upload) reuses everything and writes nothing.
        var rowsBefore = (await harness.ResultsAsync()).Count;
        var third = await harness.UploadAsync(("c.txt", "c"));
        Assert.All(await harness.TasksAsync(third), t => Assert.NotNull(t.ReusedTaskId));
        Assert.Empty(await harness.QueuedAsync());
        Assert.Equal(rowsBefore, (await harness.ResultsAsync()).Count);
        Assert.Equal(3, (await harness.ResultsAsync()).Count(r => r.Checker == "probe"));
        Assert.Equal(
            checks.Results.Select(r => (r.Checker, r.PrimaryRelPath, r.Status, r.Message)),
            (await harness.ChecksAsync(third)).Results.Select(r => (r.Checker, r.PrimaryRelPath, r.Status, r.Message)));
    }

    [Fact]
    public async Task ReuseOfAReusedOutcome_PointsAtTheTaskThatRan()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var first = await harness.UploadAsync(("a.txt", "a"));
        await harness.RunQueuedAsync();
        await harness.UploadAsync(("b.txt", "b"));
        await harness.RunQueuedAsync();
        var third = await harness.UploadAsync(("c.txt", "c"));

        var origin = (await harness.TasksAsync(first)).Single(t => t.PrimaryRelPath == "a.txt").Id;
        Assert.Equal(origin, (await harness.TasksAsync(third)).Single(t => t.PrimaryRelPath == "a.txt").ReusedTaskId);
    }

    [Fact]
    public async Task ChangedContent_OrANewCheckerVersion_RunsTheCheckAgain()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "one"), ("b.txt", "b"));
        await harness.RunQueuedAsync();

        var changed = await harness.UploadAsync(("a.txt", "two"));
        Assert.Equal(["a.txt"], (await harness.TasksAsync(changed))
            .Where(t => t.TaskType == TaskType.RatCheck && t.Status == BackgroundTaskStatus.Queued).Select(t => t.PrimaryRelPath));
        await harness.RunQueuedAsync();

        harness.Probe.Version = "2";
        var upgraded = await harness.UploadAsync(("c.txt", "c"));
        Assert.Equal(["a.txt", "b.txt", "c.txt"], (await harness.TasksAsync(upgraded))
            .Where(t => t.TaskType == TaskType.RatCheck && t.Status == BackgroundTaskStatus.Queued).Select(t => t.PrimaryRelPath));
    }

    [Fact]
    public async Task FailedOutcomes_AreNeverReused()
    {
        await using var harness = await CheckHarness.CreateAsync();
        harness.Probe.Behaviour = (_, _) => throw new InvalidOperationException("disk on fire");
        await harness.UploadAsync(("a.txt", "a"));
        await harness.RunQueuedAsync();

        var second = await harness.UploadAsync(("b.txt", "b"));

        Assert.Equal(BackgroundTaskStatus.Queued, (await harness.TasksAsync(second)).Single(t => t.PrimaryRelPath == "a.txt").Status);
    }

    [Fact]
    public async Task OutcomesOfAnotherRelease_AreNotReused()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        await harness.RunQueuedAsync();
        await Seed.ReleaseAsync(harness.Database, "widget", "1.1.0");

        var store = harness.Database.Get<Atr.Domain.Storage.ArtifactStore>();
        var blob = await store.StoreAsync(new MemoryStream("a"u8.ToArray()), 1 << 20, null, Cancel);
        await harness.Database.Get<Atr.Domain.Revisions.RevisionService>()
            .UploadAsync(harness.Carl, "widget", "1.1.0", [new Atr.Domain.Revisions.UploadedFile("a.txt", blob)], "the API", Cancel);

        var other = (await harness.TasksAsync()).Where(t => t.VersionName == "1.1.0").ToList();
        Assert.NotEmpty(other);
        Assert.All(other, t => Assert.Null(t.ReusedTaskId));
    }

    [Fact]
    public async Task ARefusedChange_PlansNothing()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var outsider = await harness.Database.Get<Atr.Domain.Access.UserDirectory>().ResolveAsync("oscar", Cancel);
        var blob = await harness.Database.Get<Atr.Domain.Storage.ArtifactStore>()
            .StoreAsync(new MemoryStream("a"u8.ToArray()), 1 << 20, null, Cancel);

        await Assert.ThrowsAsync<Atr.Domain.Access.AccessDeniedException>(() => harness.Database.Get<Atr.Domain.Revisions.RevisionService>()
            .UploadAsync(outsider, "widget", "1.0.0", [new Atr.Domain.Revisions.UploadedFile("a.txt", blob)], "the API", Cancel));

        Assert.Empty(await harness.TasksAsync());
        Assert.Empty(harness.Events.Events);
    }

    [Fact]
    public void InputKey_DependsOnCheckerVersionAndInputs()
    {
        var probe = new ProbeCheck();
        var release = new Release(new Atr.Domain.Projects.Project("widget", "Widget", new Atr.Domain.Committees.Committee("widget", null, false), Seed.Now, "rita"), "1.0.0", Seed.Now);
        CheckSubject Subject(string content) =>
            CheckSubject.For(release, "00001", new Atr.Domain.Revisions.Manifest([Seed.File("a.txt", content)]), "a.txt", Atr.Domain.Keys.CommitteeKeys.None(Seed.Now));

        var key = CheckPlanner.InputKey(probe, Subject("a"));
        Assert.Equal(key, CheckPlanner.InputKey(probe, Subject("a")));
        Assert.NotEqual(key, CheckPlanner.InputKey(probe, Subject("b")));
        probe.Version = "2";
        Assert.NotEqual(key, CheckPlanner.InputKey(probe, Subject("a")));
    }
}
