using Atr.Domain.Committees;
using Atr.Domain.Demo;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Committees;

public sealed class CommitteeServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task List_GivesEveryCommitteeWithCounts()
    {
        var committees = await _database.Get<CommitteeService>().ListAsync(TestDatabase.CancellationToken);

        Assert.Equal(["Gizmo (PPMC)", "Incubator", "Other", "Widget"], committees.Select(c => c.DisplayName));
        var widget = committees.Single(c => c.Name == "widget");
        Assert.Equal(2, widget.ProjectCount);
        Assert.Equal(4, widget.MemberCount);
        Assert.Equal(5, widget.CommitterCount);
    }

    [Fact]
    public async Task Get_GivesPeopleProjectsAndRelations()
    {
        var gizmo = await _database.Get<CommitteeService>().GetAsync("gizmo", TestDatabase.CancellationToken);
        var incubator = await _database.Get<CommitteeService>().GetAsync("incubator", TestDatabase.CancellationToken);

        Assert.NotNull(gizmo);
        Assert.Equal(new CommitteeRef("incubator", "Incubator"), gizmo.Parent);
        var project = Assert.Single(gizmo.Projects);
        Assert.Equal("Apache Gizmo (Incubating)", project.DisplayName);
        Assert.Equal(2, project.ReleasesPublished);
        Assert.Equal(1, project.ReleasesInProgress);
        Assert.Equal([new CommitteeRef("gizmo", "Gizmo (PPMC)")], incubator!.Children);
        Assert.Null(await _database.Get<CommitteeService>().GetAsync("nope", TestDatabase.CancellationToken));
    }

    [Fact]
    public async Task Projects_ListAndDetailShowPolicyWithDefaultsMarked()
    {
        var projects = await _database.Get<ProjectService>().ListAsync(TestDatabase.CancellationToken);
        var widget = await _database.Get<ProjectService>().GetAsync("widget", TestDatabase.CancellationToken);
        var connectors = await _database.Get<ProjectService>().GetAsync("widget-connectors", TestDatabase.CancellationToken);

        Assert.Equal(["gizmo", "widget", "widget-connectors"], projects.Select(p => p.Name));
        Assert.NotNull(widget);
        Assert.Equal(5, widget.Summary.ReleasesPublished);
        Assert.Equal([ReleasePhase.ReleaseCandidateDraft, ReleasePhase.ReleaseCandidate, ReleasePhase.Release], widget.ReleasesByPhase.Keys);
        var lists = widget.Policy.Single(p => p.Field == nameof(EffectiveReleasePolicy.MailtoAddresses));
        Assert.Equal("dev@widget.apache.org", lists.Value);
        Assert.False(lists.IsDefault);
        Assert.True(widget.Policy.Single(p => p.Field == nameof(EffectiveReleasePolicy.MinHours)).IsDefault);
        Assert.NotNull(connectors);
        Assert.Equal("widget", connectors.SuperProjectName);
        Assert.All(connectors.Policy, p => Assert.True(p.IsDefault));
        Assert.Null(await _database.Get<ProjectService>().GetAsync("nope", TestDatabase.CancellationToken));
    }
}
