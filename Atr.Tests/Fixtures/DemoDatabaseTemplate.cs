using Atr.Domain.Demo;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Fixtures;

/// <summary>
/// A database file with the demo data, made once per test class (or once per test run through
/// <see cref="SharedCopyAsync"/>); tests work on copies of it, which take milliseconds instead of a seeding.
/// </summary>
public class DemoDatabaseTemplate : IAsyncLifetime
{
    private static readonly Lazy<Task<DemoDatabaseTemplate>> Shared = new(async () =>
    {
        var template = new DemoDatabaseTemplate();
        await template.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(template._template.Folder, recursive: true);
        };
        return template;
    });

    private TestDatabase _template = null!;

    /// <summary>A fresh copy of the demo database made from one template shared by the whole test run.</summary>
    public static async Task<TestDatabase> SharedCopyAsync() => await (await Shared.Value).CopyAsync();

    /// <summary>Puts a copy of the shared demo database and its stored files into a state folder.</summary>
    public static async Task CopySharedToAsync(string stateDirectory) =>
        TestDatabase.CopyState((await Shared.Value)._template.FilePath, stateDirectory);

    public async ValueTask InitializeAsync()
    {
        _template = await TestDatabase.CreateAsync();
        await _template.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken);
        await PrepareAsync(_template);
        await using var connection = _template.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await command.ExecuteNonQueryAsync(TestDatabase.CancellationToken);
    }

    /// <summary>A fresh copy of the demo database.</summary>
    public Task<TestDatabase> CopyAsync() => TestDatabase.CreateAsync(copyOf: _template.FilePath);

    public async ValueTask DisposeAsync()
    {
        await _template.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Adds what a test class needs beyond the demo data, once, before the copies are made.</summary>
    protected virtual Task PrepareAsync(TestDatabase database) => Task.CompletedTask;
}
