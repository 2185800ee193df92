using Atr.Domain;
using Atr.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Atr.Tests.Fixtures;

/// <summary>A real SQLite database file in a temporary folder, migrated, with the domain services around it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string folder, ServiceProvider services)
    {
        Folder = folder;
        Services = services;
    }

    /// <summary>2026-03-14 12:00 UTC: a fixed "now" for every test.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public string Folder { get; }

    public string FilePath => Path.Combine(Folder, AtrDatabase.FileName);

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time => Services.GetRequiredService<FakeTimeProvider>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <param name="copyOf">A database file to start from (a copy is used, with the stored files beside it), instead of an empty database.</param>
    public static async Task<TestDatabase> CreateAsync(Action<IServiceCollection>? configure = null, string? copyOf = null)
    {
        var folder = Directory.CreateTempSubdirectory("atr-test-").FullName;
        if (copyOf is not null)
        {
            CopyState(copyOf, folder);
        }

        var services = new ServiceCollection();
        services.AddFakeLogging();
        var time = new FakeTimeProvider(Now);
        services.AddSingleton(time);
        services.AddSingleton<TimeProvider>(time);
        services.AddAtrDomain(new AtrDomainSettings(AtrDatabase.ConnectionStringFor(Path.Combine(folder, AtrDatabase.FileName)), folder) { Admins = new HashSet<string> { "alice" } });
        configure?.Invoke(services);
        var database = new TestDatabase(folder, services.BuildServiceProvider(validateScopes: true));
        await database.Get<DatabaseInitializer>().MigrateAsync(CancellationToken);
        return database;
    }

    public static CancellationToken CancellationToken => Xunit.TestContext.Current.CancellationToken;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task<AtrDbContext> ContextAsync() =>
        Get<IDbContextFactory<AtrDbContext>>().CreateDbContextAsync(CancellationToken);

    private static readonly string[] StoredFolders = ["blobs", "downloads"];

    /// <summary>Copies a database file and the stored blobs and published files beside it into <paramref name="folder"/>.</summary>
    public static void CopyState(string databaseFile, string folder)
    {
        File.Copy(databaseFile, Path.Combine(folder, AtrDatabase.FileName));
        var source = Path.GetDirectoryName(databaseFile)!;
        foreach (var stored in StoredFolders.Select(name => Path.Combine(source, name)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(stored, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    /// <summary>A plain connection to the same file, for SQL that must bypass EF.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(AtrDatabase.ConnectionStringFor(FilePath));
        connection.Open();
        return connection;
    }

    /// <summary>A checksum of every row of every table, to prove that a refused call changed nothing.</summary>
    public async Task<string> ContentHashAsync()
    {
        await using var connection = OpenConnection();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync(CancellationToken);
            while (await reader.ReadAsync(CancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync(CancellationToken);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"[{table}]"));
            while (await reader.ReadAsync(CancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{reader.GetValue(i)}|"));
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            // Stored blobs are read-only; make them deletable.
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Folder, recursive: true);
    }
}
