using Atr.Domain.Common;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Data;

public sealed class TaskStatusConstraintTests
{
    [Theory]
    [InlineData("UPDATE Task SET Status = 'Active'", "ACTIVE without started time and pid")]
    [InlineData("UPDATE Task SET Status = 'Active', Started = '2026-03-14 12:00:00'", "ACTIVE without pid")]
    [InlineData("UPDATE Task SET Status = 'Active', Pid = 7", "ACTIVE without started time")]
    [InlineData("UPDATE Task SET Status = 'Completed', Completed = '2026-03-14 12:00:00'", "COMPLETED without result")]
    [InlineData("UPDATE Task SET Status = 'Completed', Result = '{}'", "COMPLETED without completed time")]
    [InlineData("UPDATE Task SET Status = 'Failed', Completed = '2026-03-14 12:00:00'", "FAILED without error")]
    [InlineData("UPDATE Task SET Status = 'Failed', Error = 'boom'", "FAILED without completed time")]
    [InlineData("UPDATE Task SET Status = 'Paused'", "an unknown status")]
    public async Task RawUpdate_BreakingTheStatusConstraint_IsRefusedBySqlite(string sql, string because)
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddQueuedAsync(database);
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.True(error.Message.Contains("CHECK constraint failed: CK_Task_Status", StringComparison.Ordinal), because);
        command.CommandText = "SELECT Status FROM Task";
        Assert.Equal("Queued", command.ExecuteScalar());
    }

    [Theory]
    [InlineData("UPDATE Task SET Status = 'Active', Started = '2026-03-14 12:00:00', Pid = 7")]
    [InlineData("UPDATE Task SET Status = 'Completed', Completed = '2026-03-14 12:00:00', Result = '{}'")]
    [InlineData("UPDATE Task SET Status = 'Failed', Completed = '2026-03-14 12:00:00', Error = 'boom'")]
    public async Task RawUpdate_WithTheColumnsTheStatusNeeds_IsAccepted(string sql)
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddQueuedAsync(database);
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        Assert.Equal(1, command.ExecuteNonQuery());
    }

    [Fact]
    public async Task Lifecycle_QueuedActiveCompleted_IsStoredAtEachStep()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddQueuedAsync(database);

        await UpdateAsync(database, id, t => t.Start(4242, Seed.Now.AddSeconds(1)));
        await UpdateAsync(database, id, t => t.Complete(new CheckTaskResult("hashing", "1", 1, 0, 0, 0), Seed.Now.AddSeconds(3)));

        await using var db = await database.ContextAsync();
        var task = await db.Tasks.SingleAsync(TestDatabase.CancellationToken);
        Assert.Equal(BackgroundTaskStatus.Completed, task.Status);
        Assert.Equal(4242, task.Pid);
        Assert.Equal(Seed.Now.AddSeconds(1), task.Started);
        Assert.Equal(Seed.Now.AddSeconds(3), task.Completed);
    }

    [Fact]
    public async Task Lifecycle_FailFromQueued_IsAllowed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await AddQueuedAsync(database);

        await UpdateAsync(database, id, t => t.Fail("interrupted 3 times", Seed.Now));

        await using var db = await database.ContextAsync();
        var task = await db.Tasks.SingleAsync(TestDatabase.CancellationToken);
        Assert.Equal(BackgroundTaskStatus.Failed, task.Status);
        Assert.Equal("interrupted 3 times", task.Error);
    }

    [Fact]
    public void Lifecycle_SkippingOrRepeatingAStep_IsADomainError()
    {
        var task = new BackgroundTask(TaskType.HashingCheck, "{}", "rita", Seed.Now);

        Assert.Throws<DomainException>(() => task.Complete(new CheckTaskResult("hashing", "1", 1, 0, 0, 0), Seed.Now));
        task.Start(1, Seed.Now);
        Assert.Throws<DomainException>(() => task.Start(1, Seed.Now));
        task.Fail("boom", Seed.Now);
        Assert.Throws<DomainException>(() => task.Fail("again", Seed.Now));
    }

    [Fact]
    public async Task Indexes_IncludeStatusThenAdded()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name, ',') FROM pragma_index_info('IX_Task_Status_Added')";

        Assert.Equal("Status,Added", command.ExecuteScalar());
    }

    private static async Task<int> AddQueuedAsync(TestDatabase database)
    {
        await using var db = await database.ContextAsync();
        var task = new BackgroundTask(TaskType.HashingCheck, "{}", "rita", Seed.Now);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(TestDatabase.CancellationToken);
        return task.Id;
    }

    private static async Task UpdateAsync(TestDatabase database, int id, Action<BackgroundTask> change)
    {
        await using var db = await database.ContextAsync();
        change(await db.Tasks.SingleAsync(t => t.Id == id, TestDatabase.CancellationToken));
        await db.SaveChangesAsync(TestDatabase.CancellationToken);
    }
}
