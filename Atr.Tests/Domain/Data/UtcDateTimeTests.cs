using Atr.Domain.Common;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Data;

/// <summary>Changes the process's local time zone, so it runs alone.</summary>
[CollectionDefinition(nameof(LocalTimeZoneSerial), DisableParallelization = true)]
public sealed class LocalTimeZoneSerial;

[Collection(nameof(LocalTimeZoneSerial))]
public sealed class UtcDateTimeTests
{
    [Fact]
    public async Task SaveChanges_LocalTime_IsStoredAsUtcAndReadBackAsUtc()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var previous = Environment.GetEnvironmentVariable("TZ");
        DateTime local;
        try
        {
            Environment.SetEnvironmentVariable("TZ", "Europe/Berlin");
            TimeZoneInfo.ClearCachedData();
            local = new DateTime(2026, 3, 14, 14, 30, 0, DateTimeKind.Local);
            Assert.Equal(TimeSpan.FromHours(1), TimeZoneInfo.Local.GetUtcOffset(local));
            await Seed.ReleaseAsync(database, "widget", "1.2.0", local);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", previous);
            TimeZoneInfo.ClearCachedData();
        }

        await using (var connection = database.OpenConnection())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Created FROM Release";
            Assert.Equal("2026-03-14 13:30:00", command.ExecuteScalar());
        }

        await using var db = await database.ContextAsync();
        var created = await db.Releases.Select(r => r.Created).SingleAsync(TestDatabase.CancellationToken);
        Assert.Equal(DateTimeKind.Utc, created.Kind);
        Assert.Equal(new DateTime(2026, 3, 14, 13, 30, 0, DateTimeKind.Utc), created);
    }

    [Fact]
    public async Task SaveChanges_UtcTime_ReadsBackUnchangedAndMarkedUtc()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var utc = new DateTime(2026, 3, 14, 13, 30, 15, 250, DateTimeKind.Utc);
        await Seed.ReleaseAsync(database, "widget", "1.2.0", utc);

        await using var db = await database.ContextAsync();
        var created = await db.Releases.Select(r => r.Created).SingleAsync(TestDatabase.CancellationToken);
        Assert.Equal(utc, created);
        Assert.Equal(DateTimeKind.Utc, created.Kind);
    }

    [Fact]
    public async Task SaveChanges_NaiveTime_IsRefusedNamingThePropertyAndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        var naive = new DateTime(2026, 3, 14, 13, 30, 0, DateTimeKind.Unspecified);

        var error = await Assert.ThrowsAsync<NaiveDateTimeException>(() => Seed.ReleaseAsync(database, "widget", "1.2.0", naive));

        Assert.Contains("Release.Created", error.Message, StringComparison.Ordinal);
        Assert.Contains("without a time zone", error.Message, StringComparison.Ordinal);
        await using var db = await database.ContextAsync();
        Assert.Equal(0, await db.Releases.CountAsync(TestDatabase.CancellationToken));
    }

    [Fact]
    public async Task Query_NaiveTimeParameter_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.ContextAsync();
        var naive = new DateTime(2026, 3, 14, 13, 30, 0, DateTimeKind.Unspecified);

        var error = await Record.ExceptionAsync(() => db.Releases.Where(r => r.Created > naive).ToListAsync(TestDatabase.CancellationToken));

        Assert.IsType<NaiveDateTimeException>(error is NaiveDateTimeException ? error : error?.InnerException);
    }
}
