using Atr.Domain.Data;
using Atr.Domain.Revisions;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Data;

/// <summary>Rows written by <see cref="BulkInsert"/> are exactly the rows SaveChanges writes.</summary>
public sealed class BulkInsertTests
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Tasks_AreStoredAsSaveChangesStoresThem_AndGetTheirNewKeys()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var saved = Tasks("saved");
        var bulk = Tasks("bulk");
        await using (var db = await database.ContextAsync())
        {
            db.Tasks.AddRange(saved);
            await db.SaveChangesAsync(Cancel);
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            await BulkInsert.InsertAsync(db, bulk, Cancel);
            await transaction.CommitAsync(Cancel);
        }

        Assert.Equal(Enumerable.Range(saved[^1].Id + 1, bulk.Count), bulk.Select(t => t.Id));
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"Task\" ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = new List<Dictionary<string, object>>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != "Id")
                .ToDictionary(reader.GetName, i => reader.GetValue(i)));
        }

        Assert.Equal(saved.Count + bulk.Count, rows.Count);
        for (var i = 0; i < saved.Count; i++)
        {
            var expected = rows[i];
            expected["TaskArgs"] = ((string)expected["TaskArgs"]).Replace("saved", "bulk", StringComparison.Ordinal);
            Assert.Equal(expected, rows[saved.Count + i]);
        }

        await using var read = await database.ContextAsync();
        var reused = await read.Tasks.SingleAsync(t => t.Id == bulk[1].Id, Cancel);
        Assert.Equal(saved[1].Result, reused.Result);
    }

    [Fact]
    public async Task ManyRows_SpanSeveralStatements()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var release = await Seed.ReleaseAsync(database, "widget", "1.0.0");
        var revision = await Seed.RevisionAsync(database, release, Seed.File("first.txt"));
        var files = Enumerable.Range(0, 1234).Select(i => Seed.File($"many/{i:D4}.txt", $"content {i}"))
            .Select(f => new RevisionFile(f.Path, f.Size, f.Sha256, f.Sha512)).ToList();

        await using (var db = await database.ContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Cancel);
            await BulkInsert.InsertAsync(db, files, Cancel,
                new Dictionary<string, object?> { [nameof(RevisionFile.RevisionName)] = Revision.MakeName(release, revision) });
            await transaction.CommitAsync(Cancel);
        }

        await using var read = await database.ContextAsync();
        var stored = await read.RevisionFiles.Where(f => f.Path.StartsWith("many/")).OrderBy(f => f.Path).ToListAsync(Cancel);
        Assert.Equal(files.Select(f => (f.Path, f.Size, f.Sha256, f.Sha512)), stored.Select(f => (f.Path, f.Size, f.Sha256, f.Sha512)));
    }

    /// <summary>Tasks in the states planning creates: queued with an input key, and completed with reused results.</summary>
    private static List<BackgroundTask> Tasks(string label)
    {
        var queued = new BackgroundTask(TaskType.HashingCheck, $"{{\"checker\":\"hashing\",\"label\":\"{label}\"}}", "rita", Seed.Now);
        queued.Target("widget", "1.0.0", "00001", "a.tar.gz.sha512");
        queued.PlanCheck(new string('a', 64));
        var reused = new BackgroundTask(TaskType.PathsCheck, $"{{\"checker\":\"paths\",\"label\":\"{label}\"}}", "rita", Seed.Now.AddTicks(1234567));
        reused.Target("widget", "1.0.0", "00002", null);
        reused.PlanCheck(new string('b', 64));
        reused.CompleteWithEarlierResults(1, new CheckTaskResult("paths", "1", 3, 1, 0, 0, 1), Seed.Now.AddSeconds(1));
        return [queued, reused];
    }
}
