using Atr.Domain.Common;
using Atr.Domain.Releases;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Data;

public sealed class ReleaseNamingTests
{
    [Fact]
    public async Task AddRelease_WithoutName_IsNamedProjectDashVersion()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);

        var name = await Seed.ReleaseAsync(database, "widget", "1.2.0-rc1");

        Assert.Equal("widget-1.2.0-rc1", name);
        await using var db = await database.ContextAsync();
        Assert.Equal("widget-1.2.0-rc1", await db.Releases.Select(r => r.Name).SingleAsync(TestDatabase.CancellationToken));
    }

    [Fact]
    public async Task AddRelease_WithName_KeepsIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);

        await using (var db = await database.ContextAsync())
        {
            var project = await db.Projects.SingleAsync(TestDatabase.CancellationToken);
            db.Releases.Add(new Release(project, "1.2.0", Seed.Now, name: "widget-special"));
            db.Releases.Add(new Release(project, "1.3.0", Seed.Now, name: ""));
            await db.SaveChangesAsync(TestDatabase.CancellationToken);
        }

        await using (var db = await database.ContextAsync())
        {
            Assert.Equal(["widget-1.3.0", "widget-special"], await db.Releases.Select(r => r.Name).OrderBy(n => n).ToListAsync(TestDatabase.CancellationToken));
        }
    }

    [Fact]
    public async Task AddRelease_DuplicateVersion_IsADomainErrorNamingTheDuplicateAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        await Seed.ReleaseAsync(database, "widget", "1.2.0", Seed.Now.AddDays(-1));

        var error = await Assert.ThrowsAsync<DuplicateException>(() => Seed.ReleaseAsync(database, "widget", "1.2.0"));

        Assert.Equal("widget 1.2.0 already exists", error.Message);
        Assert.Equal(typeof(Release), error.EntityType);
        await using var db = await database.ContextAsync();
        var created = await db.Releases.Select(r => r.Created).SingleAsync(TestDatabase.CancellationToken);
        Assert.Equal(Seed.Now.AddDays(-1), created);
    }

    [Fact]
    public async Task AddRelease_SameVersionUnderAnotherName_IsRefusedByTheProjectVersionConstraint()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        await Seed.ReleaseAsync(database, "widget", "1.2.0");

        await using var db = await database.ContextAsync();
        var project = await db.Projects.SingleAsync(TestDatabase.CancellationToken);
        db.Releases.Add(new Release(project, "1.2.0", Seed.Now, name: "widget-1.2.0-again"));

        var error = await Assert.ThrowsAsync<DuplicateException>(() => db.SaveChangesAsync(TestDatabase.CancellationToken));
        Assert.Equal("widget 1.2.0 already exists", error.Message);
    }

    [Theory]
    [InlineData("", "A version is required")]
    [InlineData("Version", "\"version\" is not a version")]
    [InlineData("1.2 beta", "only letters, digits")]
    [InlineData("-1.2", "start and end with a letter or digit")]
    [InlineData("1.2.", "start and end with a letter or digit")]
    [InlineData("1..2", "two separators")]
    [InlineData("1.-2", "two separators")]
    public void NewRelease_InvalidVersion_NamesTheRule(string version, string rule)
    {
        var project = new Atr.Domain.Projects.Project("widget", "Apache Widget", null, Seed.Now, "rita");

        var error = Assert.Throws<DomainException>(() => new Release(project, version, Seed.Now));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.0")]
    [InlineData("2.0.0-M1")]
    [InlineData("0.3.0-incubating")]
    [InlineData("1.0+build.5")]
    public void ReleaseVersion_ValidVersion_HasNoProblem(string version) => Assert.Null(ReleaseVersion.Problem(version));
}
