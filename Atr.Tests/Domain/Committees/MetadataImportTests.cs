using System.Net;
using System.Text.Json.Nodes;
using Atr.Domain.Access;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Tests.Domain.Voting;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atr.Tests.Domain.Committees;

/// <summary>
/// Imports the documents of Fixtures/Metadata into the vote fixture's database (incubator, widget, the podling gizmo):
/// incubator and widget are updated, sprocket, yoyo (a graduated podling) and the podling amoro added; gizmo is not in
/// the sources. legal is not a PMC; Gadgets, Widget_Extras, docs-sprocket, oldpmc (Attic, no committee) and the user
/// "Bad User" cannot be taken.
/// </summary>
public sealed class MetadataImportTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    /// <summary>The four fixture documents, as local files.</summary>
    public static MetadataSources Sources => new(Fixture("public_ldap_projects.json"), Fixture("committee-info.json"), Fixture("projects.json"),
        Fixture("podlings.json"));

    [Fact]
    public async Task ImportAsync_IntoTheFixture_AddsAndUpdatesCommitteesAndProjects()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        var result = await ImportAsync(fixture);

        Assert.Equal((3, 2, 0), (result.CommitteesAdded, result.CommitteesUpdated, result.CommitteesUnchanged));
        Assert.Equal((6, 1, 0), (result.ProjectsAdded, result.ProjectsUpdated, result.ProjectsUnchanged));
        await using var db = await fixture.Database.ContextAsync();
        Assert.Equal(["amoro", "gizmo", "incubator", "sprocket", "widget", "yoyo"],
            await db.Committees.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(Cancel));
        var sprocket = await db.Committees.SingleAsync(c => c.Name == "sprocket", Cancel);
        Assert.Equal("Sprocket", sprocket.FullName);
        Assert.False(sprocket.IsPodling);
        Assert.Equal(["sam", "sue"], sprocket.CommitteeMembers);
        Assert.Equal(["sam", "sid", "sue"], sprocket.Committers);
        Assert.Empty(sprocket.ReleaseManagers);
        var yoyo = await db.Committees.SingleAsync(c => c.Name == "yoyo", Cancel);
        Assert.Equal(("YoYo", false), (yoyo.FullName, yoyo.IsPodling));
        Assert.Equal(["amoro", "gizmo", "incubator", "sprocket", "sprocket-maven-plugin", "widget", "widget-classic", "yoyo"],
            await db.Projects.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(Cancel));
        var plugin = await db.Projects.SingleAsync(p => p.Name == "sprocket-maven-plugin", Cancel);
        Assert.Equal(("Apache Sprocket Maven Plugin", "sprocket", ProjectStatus.Active, "system"),
            (plugin.FullName, plugin.CommitteeName, plugin.Status, plugin.CreatedBy));
        Assert.Equal(Seed.Now, plugin.Created);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "metadata.import", Cancel);
        Assert.Equal(("Metadata", "asf", "system"), (audit.EntityType, audit.EntityKey, audit.Actor));
        Assert.Contains("\"committeesAdded\":3", audit.After, StringComparison.Ordinal);
        Assert.Contains("\"projectsAdded\":6", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_AnExistingCommittee_TakesTheSourcesRosterAndName_AndKeepsItsReleaseManagers()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        await ImportAsync(fixture);

        await using var db = await fixture.Database.ContextAsync();
        var widget = await db.Committees.SingleAsync(c => c.Name == "widget", Cancel);
        Assert.Equal("Widget", widget.FullName);
        Assert.Equal(["mike", "nina", "rita"], widget.CommitteeMembers);
        Assert.Equal(["carl", "dave", "mike", "nina", "rita"], widget.Committers);
        Assert.Equal(["rachel"], widget.ReleaseManagers);
        Assert.Equal(AccessLevel.Member, (await fixture.ActorAsync("nina")).LevelIn(widget));
        Assert.Equal(AccessLevel.Committer, (await fixture.ActorAsync("maria")).LevelIn(widget));
        var project = await db.Projects.SingleAsync(p => p.Name == "widget", Cancel);
        Assert.Equal("A toolkit of reusable, accessible user-interface widgets.", project.Description);
        Assert.Equal(1, await db.Releases.CountAsync(r => r.ProjectName == "widget", Cancel));
    }

    [Fact]
    public async Task ImportAsync_ASecondTime_ChangesNothing()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await ImportAsync(fixture);
        var before = await RowsAsync(fixture);

        var again = await ImportAsync(fixture);

        Assert.Equal((0, 0, 5, 0, 0, 7), (again.CommitteesAdded, again.CommitteesUpdated, again.CommitteesUnchanged,
            again.ProjectsAdded, again.ProjectsUpdated, again.ProjectsUnchanged));
        Assert.Equal(before, await RowsAsync(fixture));
        await using var db = await fixture.Database.ContextAsync();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Action == "metadata.import", Cancel));
    }

    [Fact]
    public async Task ImportAsync_WhatTheSourcesLack_IsReportedForConfirmation_AndNotDeleted()
    {
        await using var fixture = await VoteFixture.CreateAsync("gizmo");

        var result = await ImportAsync(fixture);

        Assert.Equal(["committee gizmo", "project gizmo"], result.Removals);
        await using var db = await fixture.Database.ContextAsync();
        var gizmo = await db.Committees.Include(c => c.Projects).SingleAsync(c => c.Name == "gizmo", Cancel);
        Assert.Equal(["paula", "pete", "pia"], gizmo.CommitteeMembers);
        Assert.Equal("gizmo", Assert.Single(gizmo.Projects).Name);
        Assert.Equal(1, await db.Releases.CountAsync(r => r.ProjectName == "gizmo", Cancel));
    }

    [Fact]
    public async Task ImportAsync_EntriesItCannotTake_AreSkippedAndReported()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        var result = await ImportAsync(fixture);

        Assert.Collection(result.Skipped,
            s => Assert.StartsWith("committee Gadgets: the name is not a label", s, StringComparison.Ordinal),
            s => Assert.StartsWith("committee widget: 'Bad User' is not a valid user id", s, StringComparison.Ordinal),
            s => Assert.StartsWith("project Widget_Extras: the name is not a label", s, StringComparison.Ordinal),
            s => Assert.Equal("project docs-sprocket: a project of sprocket is named sprocket, or sprocket- and more", s),
            s => Assert.Equal("project oldpmc: retired to the Attic, and no committee's name begins its name", s));
        await using var db = await fixture.Database.ContextAsync();
        Assert.False(await db.Committees.AnyAsync(c => c.Name == "legal" || c.Name == "zany", Cancel));
        Assert.DoesNotContain("Bad User", (await db.Committees.SingleAsync(c => c.Name == "widget", Cancel)).Committers);
    }

    [Theory]
    [InlineData("sprocket", "build-management, library", "java")]
    [InlineData("sprocket-maven-plugin", "build-management, big-data", "java, javascript")]
    [InlineData("widget", "library, web-framework", "java, typescript")]
    public async Task ImportAsync_CategoriesAndLanguages_AsStringsOrArrays_BecomeLabels(string name, string category, string languages)
    {
        await using var fixture = await VoteFixture.CreateAsync();

        await ImportAsync(fixture);

        await using var db = await fixture.Database.ContextAsync();
        var project = await db.Projects.SingleAsync(p => p.Name == name, Cancel);
        Assert.Equal((category, languages), (project.Category, project.ProgrammingLanguages));
    }

    [Fact]
    public async Task ImportAsync_AtticAndRetiredProjects_AreRetired_UnderTheCommitteeTheirNameBeginsWith()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.Database.Get<CommitteeEditor>().CreateAsync(Actor.System,
            new CommitteeInput("oldpmc", "OldPmc", false, null, ["olga"], ["olga", "otto"], []), Cancel);

        var result = await ImportAsync(fixture);

        Assert.Contains("committee oldpmc", result.Removals);
        Assert.DoesNotContain(result.Skipped, s => s.StartsWith("project oldpmc", StringComparison.Ordinal));
        await using var db = await fixture.Database.ContextAsync();
        var oldpmc = await db.Projects.SingleAsync(p => p.Name == "oldpmc", Cancel);
        Assert.Equal(("oldpmc", ProjectStatus.Retired, "retired, library"), (oldpmc.CommitteeName, oldpmc.Status, oldpmc.Category));
        Assert.Equal("A retired library for parsing legacy configuration files.", oldpmc.Description);
        var classic = await db.Projects.SingleAsync(p => p.Name == "widget-classic", Cancel);
        Assert.Equal(("widget", ProjectStatus.Retired), (classic.CommitteeName, classic.Status));
        Assert.Equal(["olga"], (await db.Committees.SingleAsync(c => c.Name == "oldpmc", Cancel)).CommitteeMembers);
    }

    [Fact]
    public async Task ImportAsync_ACurrentPodling_BecomesAPodlingOfTheIncubator_WithItsProject()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        await ImportAsync(fixture);

        await using var db = await fixture.Database.ContextAsync();
        var amoro = await db.Committees.Include(c => c.Projects).SingleAsync(c => c.Name == "amoro", Cancel);
        Assert.Equal((true, "incubator", "Amoro (PPMC)"), (amoro.IsPodling, amoro.ParentCommitteeName, amoro.DisplayName));
        Assert.Equal(["aria", "ben"], amoro.CommitteeMembers);
        Assert.Equal(["aria", "ben", "chen"], amoro.Committers);
        var project = Assert.Single(amoro.Projects);
        Assert.Equal(("amoro", "Apache Amoro", "Apache Amoro (Incubating)"), (project.Name, project.FullName, project.DisplayName));
        Assert.StartsWith("Amoro is a lakehouse", project.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_APodlingWithReleasesThatGraduated_StaysAPodling_AndIsReported()
    {
        await using var fixture = await VoteFixture.CreateAsync("gizmo");
        var documents = await fixture.Database.Get<MetadataImporter>().ReadAsync(Sources, Cancel);
        var ldap = JsonNode.Parse(documents.LdapProjects.Json)!;
        ldap["projects"]!["gizmo"] = new JsonObject { ["owners"] = new JsonArray("paula"), ["members"] = new JsonArray("paula", "pete"), ["pmc"] = true };
        var info = JsonNode.Parse(documents.CommitteeInfo.Json)!;
        info["committees"]!["gizmo"] = new JsonObject { ["display_name"] = "Gizmo", ["pmc"] = true };

        var result = await fixture.Database.Get<MetadataImporter>().ImportAsync(Actor.System, documents with
        {
            LdapProjects = documents.LdapProjects with { Json = ldap.ToJsonString() },
            CommitteeInfo = documents.CommitteeInfo with { Json = info.ToJsonString() },
        }, Cancel);

        Assert.Contains("committee gizmo: the sources make it a PMC, but it has 1 release(s) under its download area incubator/gizmo; an administrator must change it",
            result.Skipped);
        await using var db = await fixture.Database.ContextAsync();
        var gizmo = await db.Committees.SingleAsync(c => c.Name == "gizmo", Cancel);
        Assert.Equal((true, "incubator", "Gizmo"), (gizmo.IsPodling, gizmo.ParentCommitteeName, gizmo.FullName));
        Assert.Equal(["paula"], gizmo.CommitteeMembers);
    }

    [Fact]
    public async Task ImportAsync_ADormantProject_StaysDormant()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await using (var db = await fixture.Database.ContextAsync())
        {
            (await db.Projects.SingleAsync(p => p.Name == "widget", Cancel)).Status = ProjectStatus.Dormant;
            await db.SaveChangesAsync(Cancel);
        }

        await ImportAsync(fixture);

        await using var after = await fixture.Database.ContextAsync();
        Assert.Equal(ProjectStatus.Dormant, (await after.Projects.SingleAsync(p => p.Name == "widget", Cancel)).Status);
    }

    [Theory]
    [InlineData("rita")]
    [InlineData("carl")]
    public async Task ImportAsync_ByANonAdministrator_IsRefused_AndNothingChanges(string user)
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var importer = fixture.Database.Get<MetadataImporter>();
        var documents = await importer.ReadAsync(Sources, Cancel);
        var actor = await fixture.ActorAsync(user);
        var before = await fixture.Database.ContentHashAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => importer.ImportAsync(actor, documents, Cancel));
        var unread = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            importer.ImportAsync(actor, new MetadataSources("/nonexistent/ldap.json", null, null, null), Cancel));

        Assert.StartsWith("To import committee metadata", unread.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    public static TheoryData<string, string, string> MalformedDocuments() => new()
    {
        { "Projects", "{\"widget\": {\"name\": \"Apache Widget\",}", "LineNumber: 0" },
        { "Projects", "{\"widget\": {\"category\": 42}}", "Path: $.widget.category" },
        { "LdapProjects", "{\"projects\": {\"widget\": {\"owners\": \"rita\"}}}", "Path: $.projects.widget.owners" },
        { "LdapProjects", "{\"lastTimestamp\": \"20260310081502Z\"}", "it has no \"projects\" object" },
        { "CommitteeInfo", "[]", "Path: $" },
        { "Podlings", "null", "it is null" },
    };

    [Theory]
    [MemberData(nameof(MalformedDocuments))]
    public async Task ImportAsync_AMalformedDocument_IsNamed_AndNothingChanges(string document, string json, string expected)
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var documents = await fixture.Database.Get<MetadataImporter>().ReadAsync(Sources, Cancel);
        var broken = new MetadataDocument("https://example.org/broken.json", json);
        documents = document switch
        {
            "Projects" => documents with { Projects = broken },
            "LdapProjects" => documents with { LdapProjects = broken },
            "CommitteeInfo" => documents with { CommitteeInfo = broken },
            _ => documents with { Podlings = broken },
        };
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Database.Get<MetadataImporter>().ImportAsync(Actor.System, documents, Cancel));

        Assert.Contains("document from https://example.org/broken.json is not usable", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task ReadAsync_FromLocalFiles_NamesEachDocumentByItsPath()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        var documents = await fixture.Database.Get<MetadataImporter>().ReadAsync(Sources, Cancel);

        Assert.Equal(Fixture("podlings.json"), documents.Podlings.Source);
        Assert.Contains("\"amoro\"", documents.Podlings.Json, StringComparison.Ordinal);
        Assert.Equal(Fixture("public_ldap_projects.json"), documents.LdapProjects.Source);
    }

    [Fact]
    public async Task ReadAsync_AMissingFileOrSource_IsNamed()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var importer = fixture.Database.Get<MetadataImporter>();
        var before = await fixture.Database.ContentHashAsync();

        var missing = await Assert.ThrowsAsync<DomainException>(() =>
            importer.ImportAsync(Actor.System, Sources with { Projects = Fixture("nothing.json") }, Cancel));
        var unset = await Assert.ThrowsAsync<DomainException>(() => importer.ReadAsync(Sources with { Podlings = null }, Cancel));

        Assert.StartsWith($"The projects document could not be read from {Fixture("nothing.json")}", missing.Message, StringComparison.Ordinal);
        Assert.Equal("No source is set for the podlings document (Atr:Metadata:Podlings)", unset.Message);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task ReadAsync_OverHttp_ReadsTheDocuments_AndNamesAnAddressThatFails()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await using var server = await ServeFixturesAsync();
        var origin = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var importer = fixture.Database.Get<MetadataImporter>();
        var sources = new MetadataSources($"{origin}/public_ldap_projects.json", $"{origin}/committee-info.json", $"{origin}/projects.json",
            $"{origin}/podlings.json");

        var result = await importer.ImportAsync(Actor.System, sources, Cancel);
        var missing = await Assert.ThrowsAsync<DomainException>(() => importer.ReadAsync(sources with { Podlings = $"{origin}/gone.json" }, Cancel));

        Assert.Equal(3, result.CommitteesAdded);
        Assert.Equal($"The podlings document could not be fetched: {origin}/gone.json answered 404 Not Found", missing.Message);
    }

    [Fact]
    public async Task RemovalsAwaitAnAdministrator_WhoDeletesTheProjectBeforeItsCommittee()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await ImportAsync(fixture);
        var alice = await fixture.ActorAsync("alice");
        var importer = fixture.Database.Get<MetadataImporter>();
        Assert.Equal(["committee gizmo", "project gizmo"], (await importer.LatestAsync(alice, Cancel))!.PendingRemovals);

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.Database.Get<CommitteeEditor>().DeleteAsync(alice, "gizmo", Cancel));
        await fixture.Database.Get<ProjectEditor>().DeleteAsync(alice, "gizmo", Cancel);
        Assert.Equal(["committee gizmo"], (await importer.LatestAsync(alice, Cancel))!.PendingRemovals);
        await fixture.Database.Get<CommitteeEditor>().DeleteAsync(alice, "gizmo", Cancel);

        Assert.Equal("The committee gizmo has 1 project(s) and 0 podling(s); delete or move them before the committee", refused.Message);
        var latest = (await importer.LatestAsync(alice, Cancel))!;
        Assert.Empty(latest.PendingRemovals);
        Assert.Equal(["committee gizmo", "project gizmo"], latest.Result.Removals);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await importer.LatestAsync(await fixture.ActorAsync("rita"), Cancel));
        Assert.Contains(fixture.Events.Events, e => e is MetadataImported);
    }

    private static string Fixture(string name) => FixtureFiles.PathOf(Path.Combine("Metadata", name));

    private static async Task<MetadataImportResult> ImportAsync(VoteFixture fixture)
    {
        var importer = fixture.Database.Get<MetadataImporter>();
        return await importer.ImportAsync(Actor.System, await importer.ReadAsync(Sources, Cancel), Cancel);
    }

    /// <summary>Every committee and project as text, to compare before and after.</summary>
    private static async Task<string> RowsAsync(VoteFixture fixture)
    {
        await using var db = await fixture.Database.ContextAsync();
        var committees = await db.Committees.AsNoTracking().OrderBy(c => c.Name).ToListAsync(Cancel);
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(Cancel);
        return string.Join('\n', committees.Select(c =>
                $"{c.Name}|{c.FullName}|{c.IsPodling}|{c.ParentCommitteeName}|{string.Join(',', c.CommitteeMembers)}|{string.Join(',', c.Committers)}|{string.Join(',', c.ReleaseManagers)}")
            .Concat(projects.Select(p => $"{p.Name}|{p.FullName}|{p.CommitteeName}|{p.Status}|{p.Description}|{p.Category}|{p.ProgrammingLanguages}")));
    }

    /// <summary>A local HTTP server with the fixture documents at its root; anything else is 404.</summary>
    private static async Task<WebApplication> ServeFixturesAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/{name}", (string name) => File.Exists(Fixture(name))
            ? Results.Text(File.ReadAllText(Fixture(name)), "application/json")
            : Results.NotFound());
        await app.StartAsync(Cancel);
        return app;
    }
}
