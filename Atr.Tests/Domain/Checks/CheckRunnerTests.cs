using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Releases;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Checks;

/// <summary>The runner on a real SQLite database: state transitions, failures, time limit, cancellation, recovery.</summary>
public sealed class CheckRunnerTests
{
    private const int DeadWorker = 999;

    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Run_GoesQueuedActiveCompleted_AndStoresTheFindingsWithTheTask()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        var id = await ProbeTaskAsync(harness, "a.txt");
        BackgroundTask? duringRun = null;
        harness.Probe.Behaviour = async (run, _) =>
        {
            duringRun = await harness.TaskAsync(id);
            run.Success("fine", new { n = 1 });
            run.Warning("a member is odd", memberPath: "inner/x");
        };

        var status = await harness.Runner.RunAsync(id, CheckHarness.Worker, Minute, Cancel);

        Assert.Equal(BackgroundTaskStatus.Completed, status);
        Assert.NotNull(duringRun);
        Assert.Equal((BackgroundTaskStatus.Active, CheckHarness.Worker, 1, Seed.Now), (duringRun.Status, duringRun.Pid, duringRun.Attempts, duringRun.Started));
        var task = await harness.TaskAsync(id);
        Assert.Equal((BackgroundTaskStatus.Completed, Seed.Now, null), (task.Status, task.Completed, task.Error));
        var result = Assert.IsType<CheckTaskResult>(task.Result);
        Assert.Equal(("probe", "1", 1, 0), (result.Checker, result.CheckerVersion, result.Successes, result.Warnings));
        var rows = (await harness.ResultsAsync()).Where(r => r.TaskId == id).ToList();
        Assert.Equal(
            [("probe", "a.txt", (string?)null, CheckResultStatus.Success, "fine", "{\"n\":1}"), ("probe", "a.txt", "inner/x", CheckResultStatus.Warning, "a member is odd", "{}")],
            rows.Select(r => (r.Checker, r.PrimaryRelPath, r.MemberRelPath, r.Status, r.Message, r.Data)));
        Assert.All(rows, r => Assert.Equal("00001", r.RevisionNumber));
        Assert.Equal([BackgroundTaskStatus.Active, BackgroundTaskStatus.Completed],
            harness.Events.Events.OfType<TaskChanged>().Where(e => e.TaskId == id).Select(e => e.Status));
    }

    [Fact]
    public async Task AnExceptionInACheck_FailsThatTaskWithItsMessage_AndTheNextTaskStillRuns()
    {
        await using var harness = await CheckHarness.CreateAsync();
        harness.Probe.Behaviour = (run, _) => run.Subject.PrimaryPath == "bad.txt"
            ? throw new InvalidDataException("the file is not what it claims")
            : Task.CompletedTask;
        await harness.UploadAsync(("bad.txt", "x"), ("good.txt", "y"));

        var bad = await harness.Runner.RunAsync(await ProbeTaskAsync(harness, "bad.txt"), CheckHarness.Worker, Minute, Cancel);
        var good = await harness.Runner.RunAsync(await ProbeTaskAsync(harness, "good.txt"), CheckHarness.Worker, Minute, Cancel);

        Assert.Equal((BackgroundTaskStatus.Failed, BackgroundTaskStatus.Completed), (bad, good));
        var failed = await harness.TaskAsync(await ProbeTaskAsync(harness, "bad.txt"));
        Assert.Equal(("the file is not what it claims", Seed.Now), (failed.Error, failed.Completed));
        Assert.Null(failed.Result);
        Assert.DoesNotContain(await harness.ResultsAsync(), r => r.TaskId == failed.Id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACheckOverTheTimeLimit_IsStoppedAndFails(bool honoursCancellation)
    {
        await using var harness = await CheckHarness.CreateAsync();
        var never = new TaskCompletionSource();
        harness.Probe.Behaviour = (_, token) => honoursCancellation ? Task.Delay(Timeout.Infinite, token) : never.Task;
        await harness.UploadAsync(("slow.txt", "x"));
        var id = await ProbeTaskAsync(harness, "slow.txt");

        var status = await harness.Runner.RunAsync(id, CheckHarness.Worker, TimeSpan.FromSeconds(1), Cancel);

        Assert.Equal(BackgroundTaskStatus.Failed, status);
        Assert.Equal("time limit of 1 s exceeded", (await harness.TaskAsync(id)).Error);
    }

    [Fact]
    public async Task StoppingTheProcess_PutsTheRunningTaskBackInTheQueue()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var started = new TaskCompletionSource();
        harness.Probe.Behaviour = async (run, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        };
        await harness.UploadAsync(("a.txt", "a"));
        var id = await ProbeTaskAsync(harness, "a.txt");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var run = harness.Runner.RunAsync(id, CheckHarness.Worker, Minute, stopping.Token);
        await started.Task.WaitAsync(Cancel);
        await stopping.CancelAsync();

        Assert.Null(await run);
        var task = await harness.TaskAsync(id);
        Assert.Equal((BackgroundTaskStatus.Queued, null, null, 1), (task.Status, task.Pid, task.Started, task.Attempts));
        Assert.Empty(await harness.ResultsAsync());
    }

    [Fact]
    public async Task ATaskIsRunOnce_EvenWhenTwoWorkersTryAtTheSameTime()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var runs = 0;
        harness.Probe.Behaviour = async (run, token) =>
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(50, token);
            run.Success("ran");
        };
        await harness.UploadAsync(("a.txt", "a"));
        var id = await ProbeTaskAsync(harness, "a.txt");

        var outcomes = await Task.WhenAll(
            harness.Runner.RunAsync(id, 1, Minute, Cancel),
            harness.Runner.RunAsync(id, 2, Minute, Cancel),
            harness.Runner.RunAsync(id, 3, Minute, Cancel));

        Assert.Equal(1, runs);
        Assert.Single(outcomes, o => o == BackgroundTaskStatus.Completed);
        Assert.Equal(2, outcomes.Count(o => o is null));
        Assert.Null(await harness.Runner.RunAsync(id, 1, Minute, Cancel));
        Assert.Single(await harness.ResultsAsync(), r => r.TaskId == id);
    }

    [Fact]
    public async Task DeletingTheReleaseWhileACheckRuns_DropsItsFindings()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var started = new TaskCompletionSource();
        var proceed = new TaskCompletionSource();
        harness.Probe.Behaviour = async (run, _) =>
        {
            started.SetResult();
            await proceed.Task;
            run.Success("too late");
        };
        await harness.UploadAsync(("a.txt", "a"));
        var id = await ProbeTaskAsync(harness, "a.txt");

        var run = harness.Runner.RunAsync(id, CheckHarness.Worker, Minute, Cancel);
        await started.Task.WaitAsync(Cancel);
        await harness.Database.Get<ReleaseService>().DeleteDraftAsync(harness.Carl, "widget", "1.0.0", Cancel);
        proceed.SetResult();

        Assert.Null(await run);
        Assert.Empty(await harness.TasksAsync());
        Assert.Empty(await harness.ResultsAsync());
        Assert.Contains(harness.Database.Logs.GetSnapshot(), l => l.Message.Contains("findings are dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReleaseDeletedAndStartedAgain_IsCheckedOnItsNewFiles()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("old.txt", "old"));
        await harness.RunQueuedAsync();
        await harness.Database.Get<ReleaseService>().DeleteDraftAsync(harness.Carl, "widget", "1.0.0", Cancel);
        await Seed.ReleaseAsync(harness.Database, "widget", "1.0.0");

        var revision = await harness.UploadAsync(("new.txt", "new"));
        await harness.RunQueuedAsync();

        Assert.Equal("00001", revision);
        var probe = (await harness.TasksAsync()).Single(t => t.TaskType == TaskType.RatCheck);
        Assert.Equal(("new.txt", BackgroundTaskStatus.Completed), (probe.PrimaryRelPath, probe.Status));
    }

    [Fact]
    public async Task Recovery_RequeuesWhatADeadWorkerLeftActive_AndFailsTasksInterruptedThreeTimes()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"), ("b.txt", "b"), ("c.txt", "c"), ("d.txt", "d"));
        var (a, b, c, d) = (await ProbeTaskAsync(harness, "a.txt"), await ProbeTaskAsync(harness, "b.txt"),
            await ProbeTaskAsync(harness, "c.txt"), await ProbeTaskAsync(harness, "d.txt"));
        await LeaveActiveAsync(harness, a, DeadWorker, attempts: 1);
        await LeaveActiveAsync(harness, b, DeadWorker, attempts: 3);
        await LeaveActiveAsync(harness, c, CheckHarness.Worker, attempts: 1);

        var queued = await harness.Runner.RecoverAsync(CheckHarness.Worker, Cancel);

        Assert.Contains(a, queued);
        Assert.Contains(d, queued);
        Assert.DoesNotContain(b, queued);
        Assert.DoesNotContain(c, queued);
        var requeued = await harness.TaskAsync(a);
        Assert.Equal((BackgroundTaskStatus.Queued, null, null, 1), (requeued.Status, requeued.Pid, requeued.Started, requeued.Attempts));
        var gaveUp = await harness.TaskAsync(b);
        Assert.Equal((BackgroundTaskStatus.Failed, "interrupted 3 times", Seed.Now), (gaveUp.Status, gaveUp.Error, gaveUp.Completed));
        Assert.Equal(BackgroundTaskStatus.Active, (await harness.TaskAsync(c)).Status);

        Assert.Equal(BackgroundTaskStatus.Completed, await harness.Runner.RunAsync(a, CheckHarness.Worker, Minute, Cancel));
        Assert.Equal(2, (await harness.TaskAsync(a)).Attempts);
    }

    [Fact]
    public async Task ATaskWhoseRevisionIsGone_Fails()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await harness.UploadAsync(("a.txt", "a"));
        var id = await ProbeTaskAsync(harness, "a.txt");
        await using (var db = await harness.Database.ContextAsync())
        {
            await db.Tasks.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.VersionName, "9.9.9"), Cancel);
        }

        Assert.Equal(BackgroundTaskStatus.Failed, await harness.Runner.RunAsync(id, CheckHarness.Worker, Minute, Cancel));
        Assert.Equal("The release or revision of this task no longer exists", (await harness.TaskAsync(id)).Error);
    }

    private static async Task<int> ProbeTaskAsync(CheckHarness harness, string path) =>
        (await harness.TasksAsync()).Single(t => t.TaskType == TaskType.RatCheck && t.PrimaryRelPath == path).Id;

    private static async Task LeaveActiveAsync(CheckHarness harness, int id, int pid, int attempts)
    {
        await using var db = await harness.Database.ContextAsync();
        await db.Tasks.Where(t => t.Id == id).ExecuteUpdateAsync(t => t
            .SetProperty(x => x.Status, BackgroundTaskStatus.Active)
            .SetProperty(x => x.Pid, pid)
            .SetProperty(x => x.Started, Seed.Now)
            .SetProperty(x => x.Attempts, attempts), Cancel);
    }
}
