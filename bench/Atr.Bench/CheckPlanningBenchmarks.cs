using System.Security.Cryptography;
using System.Text;
using Atr.Domain;
using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atr.Bench;

/// <summary>
/// Planning the checks of a revision of 1,000 files (250 artifacts, each with .asc, .sha256 and .sha512 beside it),
/// with the checks this build has. Every earlier check has run, so a new revision reuses their outcomes.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class CheckPlanningBenchmarks
{
    private const int Artifacts = 250;
    private static readonly Actor Rita = new() { UserId = "rita", IsAdmin = true };
    private ServiceProvider _services = null!;
    private string _folder = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("atr-bench-plan-").FullName;
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

        var store = _services.GetRequiredService<ArtifactStore>();
        var files = new List<UploadedFile>();
        for (var i = 0; i < Artifacts; i++)
        {
            var artifact = $"apache-widget-1.0.0-part{i:D3}.tar.gz";
            var content = Encoding.UTF8.GetBytes(artifact);
            files.Add(new UploadedFile(artifact, await StoreAsync(store, artifact)));
            files.Add(new UploadedFile(artifact + ".asc", await StoreAsync(store, "signature of " + artifact)));
            files.Add(new UploadedFile(artifact + ".sha256", await StoreAsync(store, $"{Convert.ToHexStringLower(SHA256.HashData(content))}  {artifact}")));
            files.Add(new UploadedFile(artifact + ".sha512", await StoreAsync(store, $"{Convert.ToHexStringLower(SHA512.HashData(content))}  {artifact}")));
        }

        await Revisions.UploadAsync(Rita, "widget", "1.0.0", files, "the benchmark", CancellationToken.None);
        var runner = _services.GetRequiredService<CheckRunner>();
        await using var read = await _services.GetRequiredService<IDbContextFactory<AtrDbContext>>().CreateDbContextAsync();
        foreach (var id in await read.Tasks.Where(t => t.Status == BackgroundTaskStatus.Queued).Select(t => t.Id).ToListAsync())
        {
            await runner.RunAsync(id, 1, TimeSpan.FromMinutes(1), CancellationToken.None);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private RevisionService Revisions => _services.GetRequiredService<RevisionService>();

    [Benchmark(Description = "Upload one file to a 1,000-file release: new revision and its plan, unchanged outcomes reused")]
    public async Task<RevisionCreated> UploadAndPlan()
    {
        var path = $"extra/notes-{Interlocked.Increment(ref _next)}.txt";
        var blob = await StoreAsync(_services.GetRequiredService<ArtifactStore>(), path);
        return await Revisions.UploadAsync(Rita, "widget", "1.0.0", [new UploadedFile(path, blob)], "the benchmark", CancellationToken.None);
    }

    [Benchmark(Description = "Plan every check of a 1,000-file revision afresh (restart, nothing reused)")]
    public Task<int> PlanAfresh() =>
        _services.GetRequiredService<CheckService>().RestartAllAsync(Rita, "widget", "1.0.0", CancellationToken.None);

    private static Task<StoredBlob> StoreAsync(ArtifactStore store, string content) =>
        store.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), 1 << 20, null, CancellationToken.None);
}
