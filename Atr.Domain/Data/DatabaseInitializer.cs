using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Data;

/// <summary>
/// Brings the database to the newest schema. A database that already holds data is copied first: some migrations
/// rebuild SQLite tables outside a transaction (<c>PRAGMA foreign_keys = 0</c>), and one stopped halfway would leave
/// the schema between versions, so the copy is what to go back to.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<AtrDbContext> factory, ILogger<DatabaseInitializer> logger)
{
    /// <summary>Creates the database file if needed and applies every pending migration.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.GetDbConnection() is SqliteConnection { DataSource: { Length: > 0 } file } && file != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0 && (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any()
            && db.Database.GetDbConnection() is SqliteConnection { DataSource: { Length: > 0 } data } && data != ":memory:")
        {
            var copy = BackupPath(data, pending[^1]);
            File.Delete(copy);
            await db.Database.ExecuteSqlRawAsync("VACUUM INTO {0}", [copy], cancellationToken);
            logger.LogInformation("Copied the database to {Copy} before migrating it", copy);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        // WAL lets readers go on while a writer commits; the setting is stored in the database file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>Where the database file is copied before <paramref name="migration"/> and those before it are applied.</summary>
    public static string BackupPath(string databaseFile, string migration) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!, $"{Path.GetFileNameWithoutExtension(databaseFile)}.before-{migration}.db");

    /// <summary>True when the database answers a trivial query.</summary>
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
