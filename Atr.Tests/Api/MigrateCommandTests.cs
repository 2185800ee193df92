using Atr.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Api;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_CreatesTheDatabaseAndExits()
    {
        var state = Directory.CreateTempSubdirectory("atr-migrate-").FullName;
        try
        {
            var outcome = await AppCommand.RunAsync(state, "migrate");

            Assert.True(outcome.ExitCode == 0, $"exit code {outcome.ExitCode}:\n{outcome.Output}\n{outcome.Errors}");
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(state, "atr.db")};Mode=ReadOnly");
            await connection.OpenAsync(Xunit.TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsHistory";
            Assert.True((long)(await command.ExecuteScalarAsync(Xunit.TestContext.Current.CancellationToken))! >= 2);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }
}
