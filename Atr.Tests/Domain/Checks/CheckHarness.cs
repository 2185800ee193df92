using System.Text;
using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Atr.Tests.Domain.Checks;

/// <summary>
/// A fresh database with the real checks plus a <see cref="ProbeCheck"/>, an event recorder, and the draft
/// widget 1.0.0 that carl (a committer of widget) composes.
/// </summary>
public sealed class CheckHarness : IAsyncDisposable
{
    public const int Worker = 4242;

    private CheckHarness(TestDatabase database, ProbeCheck probe, RecordingPublisher events, Actor carl)
    {
        Database = database;
        Probe = probe;
        Events = events;
        Carl = carl;
    }

    public TestDatabase Database { get; }

    public ProbeCheck Probe { get; }

    public RecordingPublisher Events { get; }

    public Actor Carl { get; }

    public CheckRunner Runner => Database.Get<CheckRunner>();

    public static CancellationToken Cancel => TestDatabase.CancellationToken;

    public static async Task<CheckHarness> CreateAsync()
    {
        var probe = new ProbeCheck();
        var events = new RecordingPublisher();
        var database = await TestDatabase.CreateAsync(services =>
        {
            services.AddSingleton<ICheck>(probe);
            services.Replace(ServiceDescriptor.Singleton<IDomainEventPublisher>(events));
        });
        await Seed.ProjectAsync(database);
        await Seed.ReleaseAsync(database, "widget", "1.0.0");
        var carl = await database.Get<UserDirectory>().ResolveAsync("carl", Cancel);
        return new CheckHarness(database, probe, events, carl);
    }

    /// <summary>Uploads text files (path, content) as carl: one new revision, whose checks are planned.</summary>
    public async Task<string> UploadAsync(params (string Path, string Content)[] files)
    {
        var store = Database.Get<ArtifactStore>();
        var uploaded = new List<UploadedFile>();
        foreach (var (path, content) in files)
        {
            uploaded.Add(new UploadedFile(path, await store.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), 1 << 20, null, Cancel)));
        }

        return (await Database.Get<RevisionService>().UploadAsync(Carl, "widget", "1.0.0", uploaded, "the API", Cancel)).Number;
    }

    /// <summary>Runs every queued task, one after another, as <see cref="Worker"/>.</summary>
    public async Task RunQueuedAsync(TimeSpan? timeLimit = null)
    {
        foreach (var id in await QueuedAsync())
        {
            await Runner.RunAsync(id, Worker, timeLimit ?? TimeSpan.FromMinutes(1), Cancel);
        }
    }

    public async Task<List<int>> QueuedAsync()
    {
        await using var db = await Database.ContextAsync();
        return await db.Tasks.Where(t => t.Status == BackgroundTaskStatus.Queued).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(Cancel);
    }

    public async Task<List<BackgroundTask>> TasksAsync(string? revision = null)
    {
        await using var db = await Database.ContextAsync();
        return await db.Tasks.AsNoTracking()
            .Where(t => revision == null || t.RevisionNumber == revision)
            .OrderBy(t => t.Id)
            .ToListAsync(Cancel);
    }

    public async Task<BackgroundTask> TaskAsync(int id)
    {
        await using var db = await Database.ContextAsync();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id, Cancel);
    }

    public async Task<List<CheckResult>> ResultsAsync()
    {
        await using var db = await Database.ContextAsync();
        return await db.CheckResults.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Cancel);
    }

    public Task<RevisionChecks> ChecksAsync(string revision = "latest") =>
        Database.Get<CheckService>().RevisionChecksAsync(Carl, "widget", "1.0.0", revision, Cancel);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
