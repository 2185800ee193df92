using System.Diagnostics;
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
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Repository.AppOutput,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(Path.Combine(Repository.AppOutput, "Atr.App.dll"));
            start.ArgumentList.Add("migrate");
            start.Environment["Atr__StateDirectory"] = state;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
            var errors = process.StandardError.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(Xunit.TestContext.Current.CancellationToken);

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{await output}\n{await errors}");
            Assert.Contains("The database is up to date", await output, StringComparison.Ordinal);
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(state, "atr.db")};Mode=ReadOnly");
            await connection.OpenAsync(Xunit.TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Committee";
            Assert.Equal(0L, await command.ExecuteScalarAsync(Xunit.TestContext.Current.CancellationToken));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }
}
