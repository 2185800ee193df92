using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Data;

public sealed class LatestRevisionNumberTests
{
    [Fact]
    public async Task LatestRevisionNumber_WithoutRevisions_IsNull()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        await Seed.ReleaseAsync(database, "widget", "1.2.0");

        await using var db = await database.ContextAsync();
        var release = await db.Releases.SingleAsync(TestDatabase.CancellationToken);
        Assert.Null(release.LatestRevisionNumber);
    }

    [Fact]
    public async Task LatestRevisionNumber_IsComputedAtQueryTime_ForEntitiesFiltersAndProjections()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var older = await Seed.ReleaseAsync(database, "widget", "1.1.0");
        var newer = await Seed.ReleaseAsync(database, "widget", "1.2.0");
        await Seed.ReleaseAsync(database, "widget", "1.3.0");
        await Seed.RevisionAsync(database, older);
        await Seed.RevisionAsync(database, newer);
        await Seed.RevisionAsync(database, newer);

        await using var db = await database.ContextAsync();
        var tracked = await db.Releases.SingleAsync(r => r.Name == newer, TestDatabase.CancellationToken);
        Assert.Equal("00002", tracked.LatestRevisionNumber);

        var filtered = await db.Releases.Where(r => r.LatestRevisionNumber == "00002").Select(r => r.Name).ToListAsync(TestDatabase.CancellationToken);
        Assert.Equal([newer], filtered);

        var projected = await db.Releases.OrderBy(r => r.Version)
            .Select(r => new { r.Version, r.LatestRevisionNumber })
            .ToListAsync(TestDatabase.CancellationToken);
        Assert.Equal(["00001", "00002", null], projected.Select(p => p.LatestRevisionNumber));

        var withoutRevision = await db.Releases.CountAsync(r => r.LatestRevisionNumber == null, TestDatabase.CancellationToken);
        Assert.Equal(1, withoutRevision);
    }

    [Fact]
    public async Task LatestRevisionNumber_ReflectsARevisionAddedAfterTheReleaseWasFirstRead()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var release = await Seed.ReleaseAsync(database, "widget", "1.2.0");
        await Seed.RevisionAsync(database, release);
        await using var db = await database.ContextAsync();
        Assert.Equal("00001", await db.Releases.Select(r => r.LatestRevisionNumber).SingleAsync(TestDatabase.CancellationToken));

        await Seed.RevisionAsync(database, release);

        Assert.Equal("00002", await db.Releases.Select(r => r.LatestRevisionNumber).SingleAsync(TestDatabase.CancellationToken));
    }

    [Fact]
    public async Task LatestRevisionNumber_IsACorrelatedSubqueryOfTheView()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.ContextAsync();

        var sql = db.Releases.Where(r => r.LatestRevisionNumber == "00002").ToQueryString();

        Assert.Contains("FROM \"ReleaseWithLatestRevision\"", sql, StringComparison.Ordinal);
        await using var connection = database.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'ReleaseWithLatestRevision'";
        var view = (string)command.ExecuteScalar()!;
        Assert.Contains("WHERE \"v\".\"ReleaseName\" = \"r\".\"Name\"", view, StringComparison.Ordinal);
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('Release') WHERE name = 'LatestRevisionNumber'";
        Assert.Equal(0L, command.ExecuteScalar());
    }
}
