using Atr.App.Components.Shared;
using Atr.Domain.Releases;
using Bunit;
using MudBlazor;

namespace Atr.Tests.Components;

public sealed class ReleaseGridTests : AtrComponentContext
{
    protected override bool SeedDemoData => true;

    [Fact]
    public void Render_ShowsTheFirstPageNewestFirstWithLinks()
    {
        var grid = RenderGrid(null);

        grid.WaitForAssertion(() => Assert.Equal(10, Rows(grid).Count));
        Assert.Contains("1-10 of 13", grid.Find(".mud-table-pagination-caption:last-of-type").TextContent, StringComparison.Ordinal);
        var first = Rows(grid)[0];
        Assert.Contains("Apache Gizmo (Incubating)", first.TextContent, StringComparison.Ordinal);
        Assert.Equal("releases/gizmo/0.3.0-incubating", first.QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.Equal("ReleaseCandidateDraft", first.QuerySelector("[data-phase]")!.GetAttribute("data-phase"));
    }

    [Fact]
    public void Render_WithPhase_ShowsOnlyThatPhase()
    {
        var grid = RenderGrid(ReleasePhase.ReleasePreview);

        grid.WaitForAssertion(() => Assert.Single(Rows(grid)));
        Assert.Contains("0.9.0", Rows(grid)[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Widget Connectors", Rows(grid)[0].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NextPage_ShowsTheRest()
    {
        var grid = RenderGrid(null);
        grid.WaitForAssertion(() => Assert.Equal(10, Rows(grid).Count));

        grid.Find("button[aria-label='Next page']").Click();

        grid.WaitForAssertion(() => Assert.Equal(3, Rows(grid).Count));
        Assert.Contains("0.9.0", grid.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void PhaseParameterChange_ReloadsFromTheFirstPage()
    {
        var grid = RenderGrid(null);
        grid.WaitForAssertion(() => Assert.Equal(10, Rows(grid).Count));

        grid.Render(p => p.Add(g => g.Phase, ReleasePhase.ReleaseCandidateDraft));

        grid.WaitForAssertion(() => Assert.Equal(2, Rows(grid).Count));
    }

    [Fact]
    public void ChoosingAPhase_RaisesPhaseChanged()
    {
        var chosen = new List<ReleasePhase?>();
        var popovers = Render<MudPopoverProvider>();
        var grid = Render<ReleaseGrid>(p => p.Add(g => g.PhaseChanged, phase => chosen.Add(phase)));
        grid.WaitForAssertion(() => Assert.Equal(10, Rows(grid).Count));

        grid.Find("[data-testid='phase-filter']").MouseDown();
        popovers.WaitForAssertion(() => Assert.Equal(5, popovers.FindAll(".mud-list-item").Count));
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Finish").Click();

        Assert.Equal([ReleasePhase.ReleasePreview], chosen);
    }

    private IRenderedComponent<ReleaseGrid> RenderGrid(ReleasePhase? phase) =>
        Render<ReleaseGrid>(p => p.Add(g => g.Phase, phase));

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<ReleaseGrid> grid) =>
        grid.FindAll("tbody tr.mud-table-row");
}
