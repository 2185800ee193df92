using System.Diagnostics;
using System.Globalization;
using Atr.App.Hosting;
using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Bench;

/// <summary>
/// The check engine as the app runs it (Quartz, the runner, SQLite, the notifier), with a check that does nothing:
/// one revision of N files plans N tasks, and the clock runs from the revision's commit until every task is
/// COMPLETED. Measures the engine's own cost per task: claim, load, record, announce.
/// </summary>
public static class EngineThroughput
{
    public static async Task<int> RunAsync(int tasks, int concurrency)
    {
        var folder = Directory.CreateTempSubdirectory("atr-bench-engine-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = folder });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Atr:StateDirectory"] = folder,
                ["Atr:DemoData"] = "false",
                ["Atr:Checks:Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.AddAtr();
            builder.Services.AddSingleton<ICheck, NoopCheck>();
            await using var app = builder.Build();
            await app.InitializeAtrAsync(CancellationToken.None);
            await app.StartAsync();

            var services = app.Services;
            var factory = services.GetRequiredService<IDbContextFactory<AtrDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                var committee = new Committee("widget");
                var project = new Project("widget", "Apache Widget", committee, DateTime.UtcNow, "rita");
                db.Committees.Add(committee);
                db.Projects.Add(project);
                db.Releases.Add(new Release(project, "1.0.0", DateTime.UtcNow));
                await db.SaveChangesAsync();
            }

            var blob = await services.GetRequiredService<ArtifactStore>().StoreAsync(new MemoryStream("noop"u8.ToArray()), 1024, null, CancellationToken.None);
            var files = Enumerable.Range(0, tasks).Select(i => new UploadedFile($"noop/{i:D6}.noop", blob)).ToList();
            var rita = new Actor { UserId = "rita", IsAdmin = true };

            var clock = Stopwatch.StartNew();
            await services.GetRequiredService<RevisionService>().UploadAsync(rita, "widget", "1.0.0", files, "the benchmark", CancellationToken.None);
            var planned = clock.Elapsed;
            int done;
            do
            {
                await Task.Delay(20);
                await using var db = await factory.CreateDbContextAsync();
                done = await db.Tasks.CountAsync(t => t.TaskType == TaskType.SbomQsScore
                    && (t.Status == BackgroundTaskStatus.Completed || t.Status == BackgroundTaskStatus.Failed));
            }
            while (done < tasks);

            var ran = clock.Elapsed - planned;
            await using (var db = await factory.CreateDbContextAsync())
            {
                var failed = await db.Tasks.CountAsync(t => t.Status == BackgroundTaskStatus.Failed);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{tasks} no-op tasks, concurrency {concurrency}: revision + planning {planned.TotalMilliseconds:0} ms; "
                    + $"QUEUED -> COMPLETED in {ran.TotalSeconds:0.00} s = {tasks / ran.TotalSeconds:0} tasks/s ({failed} failed)"));
            }

            await app.StopAsync();
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Applies to <c>.noop</c> files and reports nothing (as an otherwise unused task type).</summary>
    private sealed class NoopCheck : ICheck
    {
        public string Key => "noop";

        public string Version => "1";

        public TaskType TaskType => TaskType.SbomQsScore;

        public bool RevisionWide => false;

        public bool ReadsCommitteeKeys => false;

        public bool AppliesTo(string path) => path.EndsWith(".noop", StringComparison.Ordinal);

        public string DescribeInputs(CheckSubject subject) => subject.PrimaryPath!;

        public Task RunAsync(CheckRun run, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
