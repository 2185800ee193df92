using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Atr.Domain.Data.Interceptors;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, <c>synchronous=NORMAL</c> syncs the log at checkpoints instead of at
/// every commit: the database stays consistent after a crash of the process or the machine, and a power loss can
/// undo only the last commits before it. Every task takes two commits, so this is what lets the engine run hundreds
/// of tasks a second (measured in bench/Atr.Bench: see the README).
/// </summary>
internal sealed class SqliteSettingsInterceptor : DbConnectionInterceptor
{
    private const string Settings = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Settings;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Settings;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
