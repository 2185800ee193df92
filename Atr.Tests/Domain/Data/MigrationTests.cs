using Atr.Domain.Data;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

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

    [Fact]
    public async Task Migrate_ADatabaseOfAnEarlierVersion_CopiesItFirst_AndLogsNoWarning()
    {
        // A database of the second migration: the next ones rebuild tables outside a transaction.
        var earlierFile = Path.Combine(Directory.CreateTempSubdirectory("atr-earlier-").FullName, AtrDatabase.FileName);
        await using (var db = new AtrDbContext(new DbContextOptionsBuilder<AtrDbContext>()
            .UseSqlite(AtrDatabase.ConnectionStringFor(earlierFile))
            .ConfigureWarnings(warnings => warnings.Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)).Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().ElementAt(1), cancellationToken: TestDatabase.CancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var database = await TestDatabase.CreateAsync(copyOf: earlierFile);

        await using var current = await database.ContextAsync();
        var copy = DatabaseInitializer.BackupPath(database.FilePath, current.Database.GetMigrations().Last());
        await using var earlier = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        await earlier.OpenAsync(TestDatabase.CancellationToken);
        await using var command = earlier.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
        Assert.Equal(2L, await command.ExecuteScalarAsync(TestDatabase.CancellationToken));
        Assert.Empty(await current.Database.GetPendingMigrationsAsync(TestDatabase.CancellationToken));
        Assert.DoesNotContain(database.Logs.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Contains(database.Logs.GetSnapshot(), r => r.Message.StartsWith($"Copied the database to {copy}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_ANewDatabase_MakesNoCopy()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Equal([database.FilePath], Directory.EnumerateFiles(database.Folder, "*.db"));
    }
}
