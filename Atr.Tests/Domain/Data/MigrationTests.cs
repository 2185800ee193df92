using Atr.Domain.Data;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_CoverTheWholeModel()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.ContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes without a migration: run dotnet ef migrations add");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestDatabase.CancellationToken));
    }

    [Fact]
    public async Task Migrations_CreateEveryTableOfTheSeedPlusOurs()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestDatabase.CancellationToken))
        {
            while (await reader.ReadAsync(TestDatabase.CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
            [
                "AuditEvent", "CheckResult", "CheckResultIgnore", "Committee", "Distribution", "KeyLink", "OutboundMessage", "PersonalAccessToken",
                "Project", "PublicSigningKey", "Publication", "Release", "ReleasePolicy", "Revision", "RevisionFile", "Task", "UserAccount", "Vote", "VoteRound",
            ],
            tables);
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA foreign_keys";
        Assert.Equal(1L, command.ExecuteScalar());
    }

    [Fact]
    public async Task Migrate_OnAnUpToDateDatabase_DoesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        await database.Get<DatabaseInitializer>().MigrateAsync(TestDatabase.CancellationToken);

        Assert.True(await database.Get<DatabaseInitializer>().CanConnectAsync(TestDatabase.CancellationToken));
    }
}
