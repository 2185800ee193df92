using System.Security.Cryptography;
using System.Text;
using Atr.Domain;
using Atr.Domain.Access;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atr.Bench;

/// <summary>
/// A release whose newest revision holds 1,000 files: making the next revision (one more file), and reading what
/// the revision page and the history show. Revisions are manifests, so file sizes do not matter: no bytes are copied.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class RevisionBenchmarks
{
    private const int Files = 1000;
    private static readonly Actor Rita = new() { UserId = "rita", IsAdmin = true };
    private ServiceProvider _services = null!;
    private string _folder = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("atr-bench-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddAtrDomain(new AtrDomainSettings(AtrDatabase.ConnectionStringFor(Path.Combine(_folder, AtrDatabase.FileName)), _folder));
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DatabaseInitializer>().MigrateAsync(CancellationToken.None);

        await using (var db = await _services.GetRequiredService<IDbContextFactory<AtrDbContext>>().CreateDbContextAsync())
        {
            var committee = new Committee("widget");
            var project = new Project("widget", "Apache Widget", committee, DateTime.UtcNow, "rita");
            db.Committees.Add(committee);
            db.Projects.Add(project);
            db.Releases.Add(new Release(project, "1.0.0", DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var entries = Enumerable.Range(0, Files).Select(i => Entry($"dist/part-{i:D4}/apache-widget-1.0.0-{i:D4}.tar.gz")).ToList();
        await _services.GetRequiredService<RevisionWriter>().AddAsync("widget-1.0.0", Rita, DateTime.UtcNow, (_, manifest) =>
        {
            manifest.ReplaceWith(entries);
            return "1,000 files";
        }, CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "Make a revision of a release with 1,000 files (one file added)")]
    public Task<RevisionCreated> AddRevision()
    {
        var file = Entry($"extra/file-{Interlocked.Increment(ref _next)}.txt");
        return _services.GetRequiredService<RevisionWriter>().AddAsync("widget-1.0.0", Rita, DateTime.UtcNow, (_, manifest) =>
        {
            manifest.Put(file);
            return "one more file";
        }, CancellationToken.None);
    }

    [Benchmark(Description = "Read the 1,000+ files of the latest revision (revision page)")]
    public Task<RevisionFiles> ReadFiles() =>
        _services.GetRequiredService<RevisionService>().FilesAsync(Rita, "widget", "1.0.0", "latest", CancellationToken.None);

    private static ManifestEntry Entry(string path)
    {
        var content = Encoding.UTF8.GetBytes(path);
        return new ManifestEntry(path, 1L << 30, Convert.ToHexStringLower(SHA256.HashData(content)), Convert.ToHexStringLower(SHA512.HashData(content)));
    }
}
