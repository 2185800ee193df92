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

    public static async Task<TestDatabase> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("atr-test-").FullName;
        var services = new ServiceCollection();
        services.AddFakeLogging();
        var time = new FakeTimeProvider(Now);
        services.AddSingleton(time);
        services.AddSingleton<TimeProvider>(time);
        services.AddAtrDomain(AtrDatabase.ConnectionStringFor(Path.Combine(folder, AtrDatabase.FileName)));
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

    /// <summary>A plain connection to the same file, for SQL that must bypass EF.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(AtrDatabase.ConnectionStringFor(FilePath));
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
