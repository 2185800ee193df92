using Atr.App.Components.Pages.Projects;
using Bunit;

namespace Atr.Tests.Components;

public sealed class ProjectPageTests : AtrComponentContext
{
    protected override bool SeedDemoData => true;

    [Theory]
    [InlineData(null, false)]
    [InlineData("oscar", false)]
    [InlineData("carl", true)]
    [InlineData("mike", true)]
    [InlineData("alice", true)]
    public void StartRelease_IsShownOnlyToThoseWhoMayStartOne(string? userId, bool shown)
    {
        if (userId is not null)
        {
            SignIn(userId);
        }

        var page = Render<ProjectPage>(p => p.Add(x => x.Name, "widget"));

        page.WaitForAssertion(() => Assert.Contains("Release policy", page.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(shown, page.FindAll("[data-testid='start-release']").Count == 1));
    }

    [Fact]
    public void Render_ShowsReleasesByPhaseAndThePolicyWithDefaultsMarked()
    {
        var page = Render<ProjectPage>(p => p.Add(x => x.Name, "widget-connectors"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='policy'] tr")));
        Assert.Equal(15, page.FindAll("[data-testid='policy'] tr").Count);
        Assert.All(page.FindAll("[data-testid='policy'] tr"), row => Assert.Contains("default", row.TextContent, StringComparison.Ordinal));
        Assert.Contains("0.9.0", page.Find("[data-testid='project-phase-finish']").TextContent, StringComparison.Ordinal);
    }
}
