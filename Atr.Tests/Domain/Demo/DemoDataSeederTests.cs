using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Demo;
using Atr.Domain.Keys;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Demo;

public sealed class DemoDataSeederTests
{
    [Fact]
    public async Task Seed_EmptyDatabase_CreatesTheDocumentedFoundation()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.True(await database.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken));

        await using var db = await database.ContextAsync();
        var committees = await db.Committees.OrderBy(c => c.Name).ToListAsync(TestDatabase.CancellationToken);
        Assert.Equal(["gizmo", "incubator", "other", "widget"], committees.Select(c => c.Name));
        var widget = committees.Single(c => c.Name == "widget");
        Assert.Equal(["maria", "matt", "mike", "rita"], widget.CommitteeMembers);
        Assert.Contains("carl", widget.Committers);
        Assert.DoesNotContain("carl", widget.CommitteeMembers);
        Assert.Equal(["rita"], widget.ReleaseManagers);
        var gizmo = committees.Single(c => c.Name == "gizmo");
        Assert.True(gizmo.IsPodling);
        Assert.Equal("incubator", gizmo.ParentCommitteeName);
        Assert.Equal(["paula"], gizmo.CommitteeMembers);
        Assert.Equal(["alice", "ian"], committees.Single(c => c.Name == "incubator").CommitteeMembers);
        Assert.Equal(["oscar"], committees.Single(c => c.Name == "other").CommitteeMembers);

        Assert.Equal(["gizmo", "widget", "widget-connectors"], await db.Projects.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(TestDatabase.CancellationToken));
    }

    [Fact]
    public async Task Seed_HasReleasesInEveryPhaseWithRevisionsTasksAndResults()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken);

        await using var db = await database.ContextAsync();
        var phases = await db.Releases.Select(r => r.Phase).Distinct().ToListAsync(TestDatabase.CancellationToken);
        Assert.Equal(Enum.GetValues<ReleasePhase>().Order(), phases.Order());
        Assert.All(await db.Releases.ToListAsync(TestDatabase.CancellationToken), r => Assert.NotNull(r.LatestRevisionNumber));
        Assert.True(await db.Revisions.CountAsync(TestDatabase.CancellationToken) > 2 * await db.Releases.CountAsync(TestDatabase.CancellationToken));
        Assert.True(await db.RevisionFiles.AnyAsync(TestDatabase.CancellationToken));
        Assert.True(await db.Tasks.AnyAsync(t => t.Status == BackgroundTaskStatus.Completed, TestDatabase.CancellationToken));
        Assert.True(await db.CheckResults.AnyAsync(c => c.Status == Atr.Domain.Checks.CheckResultStatus.Failure, TestDatabase.CancellationToken));

        var candidate = await db.Releases.SingleAsync(r => r.Phase == ReleasePhase.ReleaseCandidate, TestDatabase.CancellationToken);
        Assert.NotNull(candidate.VoteStarted);
        Assert.All(await db.Releases.Where(r => r.Phase == ReleasePhase.Release).ToListAsync(TestDatabase.CancellationToken),
            r => Assert.NotNull(r.Released));
    }

    [Fact]
    public async Task Seed_SignsWithRealKeys_ThatTheSignatureCheckAccepts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken);
        var rita = await database.Get<UserDirectory>().ResolveAsync("rita", TestDatabase.CancellationToken);
        var readme = await database.Get<ArtifactStore>().StoreAsync(new MemoryStream("read me"u8.ToArray()), 1024, null, TestDatabase.CancellationToken);

        var revision = await database.Get<RevisionService>().UploadAsync(rita, "widget", "2.0.0-M1", [new UploadedFile("README.txt", readme)], "the API",
            TestDatabase.CancellationToken);
        await using (var db = await database.ContextAsync())
        {
            foreach (var task in await db.Tasks.Where(t => t.Status == BackgroundTaskStatus.Queued).Select(t => t.Id).ToListAsync(TestDatabase.CancellationToken))
            {
                await database.Get<CheckRunner>().RunAsync(task, 1, TimeSpan.FromMinutes(1), TestDatabase.CancellationToken);
            }
        }

        var checks = await database.Get<CheckService>().RevisionChecksAsync(rita, "widget", "2.0.0-M1", revision.Number, TestDatabase.CancellationToken);
        var signatures = checks.Results.Where(r => r.Checker == "signature").ToList();
        Assert.Equal(2, signatures.Count);
        Assert.All(signatures, r => Assert.StartsWith("Good signature of apache-widget-2.0.0-M1-", r.Message, StringComparison.Ordinal));
        Assert.All(signatures, r => Assert.Equal(CheckResultStatus.Success, r.Status));
        Assert.Equal(["widget"], (await database.Get<KeyService>().MineAsync(rita, TestDatabase.CancellationToken)).Single().Committees);
    }

    [Fact]
    public async Task Seed_Twice_SeedsOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken);
        await using var before = await database.ContextAsync();
        var releases = await before.Releases.CountAsync(TestDatabase.CancellationToken);

        Assert.False(await database.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken));

        await using var after = await database.ContextAsync();
        Assert.Equal(releases, await after.Releases.CountAsync(TestDatabase.CancellationToken));
        Assert.Equal(1, await after.Set<AuditEvent>().CountAsync(a => a.Action == "demo.seed", TestDatabase.CancellationToken));
    }
}
