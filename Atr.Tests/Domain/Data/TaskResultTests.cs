using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Tests.Domain.Data;

public sealed class TaskResultTests
{
    [Fact]
    public async Task Result_RoundTripsThroughTheDatabaseAsTheSameType()
    {
        await using var database = await TestDatabase.CreateAsync();
        var vote = new VoteInitiateResult("Vote started", "dev@widget.apache.org", new DateTime(2026, 3, 17, 12, 0, 0, DateTimeKind.Utc),
            "[VOTE] Release Apache Widget 1.2.0", "<abc@apache.org>", ["slow relay"]);
        var check = new CheckTaskResult("signature", "1", 2, 1, 0, 0);
        var ids = await AddCompletedAsync(database, vote, check);

        await using var db = await database.ContextAsync();
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync(TestDatabase.CancellationToken);

        var readVote = Assert.IsType<VoteInitiateResult>(tasks[0].Result);
        Assert.Equivalent(vote, readVote, strict: true);
        Assert.Equal(check, Assert.IsType<CheckTaskResult>(tasks[1].Result));
    }

    [Fact]
    public async Task Result_IsStoredAsJsonWithAKindDiscriminator()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AddCompletedAsync(database, new MetadataUpdateResult(3, 4));

        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Result FROM Task";
        Assert.Equal("""{"kind":"metadata_update","added_count":3,"updated_count":4}""", command.ExecuteScalar());
    }

    [Theory]
    [InlineData("""{"kind":"no_such_kind"}""")]
    [InlineData("""{"kind":"metadata_update","added_count":"many"}""")]
    [InlineData("not json at all")]
    public async Task Result_UnreadablePayload_ReadsBackAsNullAndIsLogged(string payload)
    {
        await using var database = await TestDatabase.CreateAsync();
        var ids = await AddCompletedAsync(database, new MetadataUpdateResult(1, 1));
        await using (var db = await database.ContextAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE Task SET Result = {payload}", TestDatabase.CancellationToken);
        }

        await using (var db = await database.ContextAsync())
        {
            var task = await db.Tasks.SingleAsync(t => t.Id == ids[0], TestDatabase.CancellationToken);
            Assert.Null(task.Result);
            Assert.Equal(payload, task.ResultJson);
        }

        var warning = Assert.Single(database.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("unreadable", StringComparison.Ordinal));
        Assert.Contains($"Task {ids[0]} has an unreadable result", warning.Message, StringComparison.Ordinal);
    }

    private static async Task<List<int>> AddCompletedAsync(TestDatabase database, params TaskResult[] results)
    {
        await using var db = await database.ContextAsync();
        var tasks = results.Select(result =>
        {
            var task = new BackgroundTask(TaskType.MetadataUpdate, "{}", "system", Seed.Now);
            task.Start(42, Seed.Now);
            task.Complete(result, Seed.Now);
            return task;
        }).ToList();
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync(TestDatabase.CancellationToken);
        return tasks.Select(t => t.Id).ToList();
    }
}
