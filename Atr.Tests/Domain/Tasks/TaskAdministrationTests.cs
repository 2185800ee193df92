using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Tasks;
using Atr.Tests.Domain.Voting;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Tasks;

public sealed class TaskAdministrationTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task AnAdministrator_CancelsAQueuedCheck_ThenRetriesIt()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var id = await QueueAsync(fixture, TaskType.HashingCheck);
        var alice = await fixture.ActorAsync("alice");

        await fixture.Database.Get<TaskService>().CancelAsync(alice, id, Cancel);
        var again = await Assert.ThrowsAsync<DomainException>(() => fixture.Database.Get<TaskService>().CancelAsync(alice, id, Cancel));
        var retried = await fixture.Database.Get<CheckService>().RetryTaskAsync(alice, id, Cancel);

        Assert.Equal($"Task {id} has already finished (Failed); there is nothing to cancel", again.Message);
        await using var db = await fixture.Database.ContextAsync();
        var cancelled = await db.Tasks.SingleAsync(t => t.Id == id, Cancel);
        Assert.Equal((BackgroundTaskStatus.Failed, "Cancelled by alice"), (cancelled.Status, cancelled.Error));
        var retry = await db.Tasks.SingleAsync(t => t.Id == retried, Cancel);
        Assert.Equal((BackgroundTaskStatus.Queued, TaskType.HashingCheck, "00002", "apache-widget-1.0.0-src.tar.gz.sha512"),
            (retry.Status, retry.TaskType, retry.RevisionNumber, retry.PrimaryRelPath));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "task.cancel", Cancel));
        Assert.Contains(fixture.Events.Events, e => e is TaskChanged { Status: BackgroundTaskStatus.Failed } changed && changed.TaskId == id);
    }

    [Fact]
    public async Task OnlyAFailedCheck_IsRetried()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var id = await QueueAsync(fixture, TaskType.HashingCheck);

        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await fixture.Database.Get<CheckService>().RetryTaskAsync(await fixture.ActorAsync("alice"), id, Cancel));

        Assert.Equal($"Task {id} is Queued; only a failed check can be retried", refused.Message);
    }

    [Fact]
    public async Task OthersThanAdministrators_NeitherCancelNorRetry()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var id = await QueueAsync(fixture, TaskType.HashingCheck);
        var rita = await fixture.ActorAsync("rita");
        var before = await fixture.Database.ContentHashAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Database.Get<TaskService>().CancelAsync(rita, id, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Database.Get<CheckService>().RetryTaskAsync(rita, id, Cancel));

        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    private static async Task<int> QueueAsync(VoteFixture fixture, TaskType type)
    {
        await using var db = await fixture.Database.ContextAsync();
        var task = new BackgroundTask(type, "{}", "rita", fixture.Database.Time.GetUtcNow().UtcDateTime);
        task.Target("widget", VoteFixture.Version, "00002", "apache-widget-1.0.0-src.tar.gz.sha512");
        db.Tasks.Add(task);
        await db.SaveChangesAsync(Cancel);
        return task.Id;
    }
}
