using Atr.Domain.Access;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Domain.Data;

public sealed class RevisionNumberingTests
{
    [Fact]
    public async Task AddRevision_First_GetsSeqOneNumberAndNameWithoutParent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var release = await Seed.ReleaseAsync(database, "widget", "1.2.0");

        var number = await Seed.RevisionAsync(database, release);

        await using var db = await database.ContextAsync();
        var revision = await db.Revisions.SingleAsync(TestDatabase.CancellationToken);
        Assert.Equal("00001", number);
        Assert.Equal(1, revision.Seq);
        Assert.Equal("00001", revision.Number);
        Assert.Equal("widget-1.2.0 00001", revision.Name);
        Assert.Null(revision.ParentName);
        Assert.Equal(ReleasePhase.ReleaseCandidateDraft, revision.Phase);
    }

    [Fact]
    public async Task AddRevision_Later_FollowsTheNewestAndPointsToItAsParent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var release = await Seed.ReleaseAsync(database, "widget", "1.2.0");
        await Seed.RevisionAsync(database, release);
        await Seed.RevisionAsync(database, release, Seed.File("a.tar.gz"));

        await Seed.RevisionAsync(database, release, Seed.File("a.tar.gz"), Seed.File("a.tar.gz.asc"));

        await using var db = await database.ContextAsync();
        var revisions = await db.Revisions.Include(r => r.Files).OrderBy(r => r.Seq).ToListAsync(TestDatabase.CancellationToken);
        Assert.Equal(["00001", "00002", "00003"], revisions.Select(r => r.Number));
        Assert.Equal([null, "widget-1.2.0 00001", "widget-1.2.0 00002"], revisions.Select(r => r.ParentName));
        Assert.Equal([0, 1, 2], revisions.Select(r => r.Files.Count));
    }

    [Fact]
    public async Task AddRevision_SeveralInOneSave_AreNumberedInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var name = await Seed.ReleaseAsync(database, "widget", "1.2.0");

        await using (var db = await database.ContextAsync())
        {
            var release = await db.Releases.SingleAsync(TestDatabase.CancellationToken);
            db.Revisions.Add(new Revision(release, "rita", Seed.Now, "one"));
            db.Revisions.Add(new Revision(release, "rita", Seed.Now, "two"));
            await db.SaveChangesAsync(TestDatabase.CancellationToken);
        }

        await using (var db = await database.ContextAsync())
        {
            var revisions = await db.Revisions.OrderBy(r => r.Seq).ToListAsync(TestDatabase.CancellationToken);
            Assert.Equal(["one", "two"], revisions.Select(r => r.Description));
            Assert.Equal([$"{name} 00001", $"{name} 00002"], revisions.Select(r => r.Name));
            Assert.Equal($"{name} 00001", revisions[1].ParentName);
        }
    }

    [Fact]
    public async Task AddRevision_WithoutRelease_IsRejected()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Throws<ArgumentNullException>(() => new Revision(null!, "rita", Seed.Now, null));

        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO Revision (Name, ReleaseName, Seq, Number, AsfUid, Created, Phase)
            VALUES ('orphan 00001', NULL, 1, '00001', 'rita', '2026-03-14 12:00:00', 'ReleaseCandidateDraft')
            """;
        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("NOT NULL constraint failed: Revision.ReleaseName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRevision_ManyConcurrentWriters_AllLandNumberedConsecutively()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var release = await Seed.ReleaseAsync(database, "widget", "1.2.0");
        const int writers = 6;
        const int revisionsEach = 5;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < revisionsEach; i++)
            {
                var file = Seed.File($"w{writer}-{i}.txt");
                await database.Get<RevisionWriter>().AddAsync(release, new Actor { UserId = "rita" }, Seed.Now, (_, manifest) =>
                {
                    manifest.Put(file);
                    return $"writer {writer} #{i}";
                }, TestDatabase.CancellationToken);
            }
        })));

        await using var db = await database.ContextAsync();
        var revisions = await db.Revisions.OrderBy(r => r.Seq).ToListAsync(TestDatabase.CancellationToken);
        Assert.Equal(Enumerable.Range(1, writers * revisionsEach), revisions.Select(r => r.Seq));
        Assert.Equal(revisions.Select(r => Revision.FormatNumber(r.Seq)), revisions.Select(r => r.Number));
        Assert.Equal(revisions.Take(revisions.Count - 1).Select(r => (string?)r.Name), revisions.Skip(1).Select(r => r.ParentName));
        Assert.Equal(writers * revisionsEach, revisions.Select(r => r.Description).Distinct().Count());

        // Each writer saw the newest revision: nothing any writer added was lost.
        var newest = revisions[^1].Name;
        Assert.Equal(writers * revisionsEach, await db.RevisionFiles.CountAsync(f => f.RevisionName == newest, TestDatabase.CancellationToken));
    }

    [Fact]
    public async Task AddRevision_NumberTakenByAnotherWriterMeanwhile_IsRetriedWithTheNextNumber()
    {
        var competitor = new StaleNumber();
        await using var database = await TestDatabase.CreateAsync(services => services.AddSingleton<IInterceptor>(competitor));
        await Seed.ProjectAsync(database);
        var release = await Seed.ReleaseAsync(database, "widget", "1.2.0");
        await Seed.RevisionAsync(database, release);
        competitor.Arm();

        var number = await Seed.RevisionAsync(database, release, Seed.File("mine.tar.gz"));

        Assert.Equal("00002", number);
        Assert.Equal(1, competitor.Fired);
        await using var db = await database.ContextAsync();
        Assert.Equal(["00001", "00002"], await db.Revisions.OrderBy(r => r.Seq).Select(r => r.Number).ToListAsync(TestDatabase.CancellationToken));
        Assert.Contains(database.Logs.GetSnapshot(), r => r.Message.Contains("was taken meanwhile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UniqueConstraints_SameNumberTwiceInARelease_IsRefusedByTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var release = await Seed.ReleaseAsync(database, "widget", "1.2.0");
        await Seed.RevisionAsync(database, release);

        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO Revision (Name, ReleaseName, Seq, Number, AsfUid, Created, Phase)
            VALUES ('{release} other', '{release}', 7, '00001', 'rita', '2026-03-14 12:00:00', 'ReleaseCandidateDraft')
            """;
        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("UNIQUE constraint failed: Revision.ReleaseName, Revision.Number", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs after the numbering interceptor and, once, gives the new revision the number of an existing one: what a
    /// writer on a database without SQLite's write lock would see when another writer took the number first.
    /// </summary>
    private sealed class StaleNumber : SaveChangesInterceptor
    {
        private int _armed;

        public int Fired { get; private set; }

        public void Arm() => _armed = 1;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var entry = eventData.Context!.ChangeTracker.Entries<Revision>().FirstOrDefault(e => e.State == EntityState.Added);
            if (entry is not null && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Fired++;
                entry.Property(r => r.Seq).CurrentValue = 1;
                entry.Property(r => r.Number).CurrentValue = "00001";
                entry.Property(r => r.Name).CurrentValue = $"{entry.Entity.ReleaseName} 00001";
                entry.Property(r => r.ParentName).CurrentValue = null;
            }

            return ValueTask.FromResult(result);
        }
    }
}
