using Atr.Domain.Common;
using Atr.Domain.Demo;
using Atr.Domain.Releases;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Releases;

public sealed class ReleaseServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private ReleaseService Service => _database.Get<ReleaseService>();

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<DemoDataSeeder>().SeedAsync(TestDatabase.CancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Search_PagesThroughAllReleasesNewestFirst()
    {
        var first = await Service.SearchAsync(new ReleaseQuery(new PageRequest(0, 5)), TestDatabase.CancellationToken);
        var third = await Service.SearchAsync(new ReleaseQuery(new PageRequest(2, 5)), TestDatabase.CancellationToken);

        Assert.Equal(13, first.TotalCount);
        Assert.Equal(5, first.Items.Count);
        Assert.Equal(3, third.Items.Count);
        Assert.Equal("gizmo-0.3.0-incubating", first.Items[0].Name);
        Assert.True(first.Items.Zip(first.Items.Skip(1)).All(p => p.First.Created >= p.Second.Created));
        Assert.Empty(first.Items.Select(r => r.Name).Intersect(third.Items.Select(r => r.Name)));
    }

    [Fact]
    public async Task Search_FiltersByPhase()
    {
        var drafts = await Service.SearchAsync(new ReleaseQuery(new PageRequest(0, 50), ReleasePhase.ReleaseCandidateDraft), TestDatabase.CancellationToken);

        Assert.Equal(["gizmo-0.3.0-incubating", "widget-2.0.0-M1"], drafts.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, drafts.TotalCount);
    }

    [Fact]
    public async Task Search_FiltersByTextInProjectOrVersion()
    {
        var connectors = await Service.SearchAsync(new ReleaseQuery(new PageRequest(0, 50), Text: "CONNECTORS"), TestDatabase.CancellationToken);
        var incubating = await Service.SearchAsync(new ReleaseQuery(new PageRequest(0, 50), Text: "incubating"), TestDatabase.CancellationToken);
        var wildcard = await Service.SearchAsync(new ReleaseQuery(new PageRequest(0, 50), Text: "%"), TestDatabase.CancellationToken);

        Assert.Equal(3, connectors.TotalCount);
        Assert.All(connectors.Items, r => Assert.Equal("widget-connectors", r.ProjectName));
        Assert.Equal(3, incubating.TotalCount);
        Assert.Equal(0, wildcard.TotalCount);
    }

    [Theory]
    [InlineData(ReleaseSort.Project, false)]
    [InlineData(ReleaseSort.Version, true)]
    [InlineData(ReleaseSort.Phase, false)]
    [InlineData(ReleaseSort.Released, true)]
    public async Task Search_SortsByTheChosenColumn(ReleaseSort sort, bool descending)
    {
        var page = await Service.SearchAsync(new ReleaseQuery(new PageRequest(0, 50), Sort: sort, Descending: descending), TestDatabase.CancellationToken);

        IEnumerable<ReleaseSummary> expected = sort switch
        {
            ReleaseSort.Project => page.Items.OrderBy(r => r.ProjectName, StringComparer.Ordinal).ThenBy(r => r.Version, StringComparer.Ordinal),
            ReleaseSort.Version => page.Items.OrderByDescending(r => r.Version, StringComparer.Ordinal).ThenByDescending(r => r.ProjectName, StringComparer.Ordinal),
            ReleaseSort.Phase => page.Items.OrderBy(r => r.Phase).ThenByDescending(r => r.Created),
            _ => page.Items.OrderByDescending(r => r.Released).ThenBy(r => r.Name, StringComparer.Ordinal),
        };
        Assert.Equal(expected.Select(r => r.Name), page.Items.Select(r => r.Name));
    }

    [Fact]
    public async Task InProgress_GroupsUnpublishedReleasesByPhase()
    {
        var byPhase = await Service.InProgressAsync(TestDatabase.CancellationToken);

        Assert.Equal([ReleasePhase.ReleaseCandidateDraft, ReleasePhase.ReleaseCandidate, ReleasePhase.ReleasePreview], byPhase.Keys);
        Assert.Equal(["widget-1.2.0"], byPhase[ReleasePhase.ReleaseCandidate].Select(r => r.Name));
        Assert.Equal("Apache Widget Connectors", byPhase[ReleasePhase.ReleasePreview][0].ProjectDisplayName);
    }

    [Fact]
    public async Task RecentlyPublished_IsNewestFirst()
    {
        var published = await Service.RecentlyPublishedAsync(3, TestDatabase.CancellationToken);

        Assert.Equal(["gizmo-0.2.0-incubating", "widget-1.1.0", "widget-connectors-0.8.0"], published.Select(r => r.Name));
        Assert.Equal("Apache Gizmo (Incubating)", published[0].ProjectDisplayName);
    }

    [Fact]
    public async Task Get_GivesTheRevisionCountAndTheLatestCheckSummary()
    {
        var detail = await Service.GetAsync("widget", "1.2.0", TestDatabase.CancellationToken);

        Assert.NotNull(detail);
        Assert.Equal(ReleasePhase.ReleaseCandidate, detail.Summary.Phase);
        Assert.Equal(4, detail.RevisionCount);
        Assert.Equal("00004", detail.Summary.LatestRevisionNumber);
        Assert.NotNull(detail.LatestChecks);
        Assert.Equal("00004", detail.LatestChecks.RevisionNumber);
        Assert.True(detail.LatestChecks.Successes > 0);
        Assert.Equal(1, detail.LatestChecks.Warnings);
        Assert.Equal(0, detail.LatestChecks.Failures);
        // Two signatures, two checksum files, two archives (one pass each) and the paths of the whole revision.
        Assert.Equal(7, detail.LatestChecks.Tasks[BackgroundTaskStatus.Completed]);
        Assert.Equal("Widget", detail.CommitteeDisplayName);
        Assert.NotNull(detail.VoteStarted);
    }

    [Fact]
    public async Task Get_UnknownRelease_IsNull()
    {
        Assert.Null(await Service.GetAsync("widget", "9.9.9", TestDatabase.CancellationToken));
    }
}
