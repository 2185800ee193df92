using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task Home_ShowsDemoReleasesByPhaseAndRecentlyPublished()
    {
        var home = new HomePage(await browser.NewPageAsync());

        await home.OpenAsync("/");

        await Expect(home.Heading).ToHaveTextAsync("Trusted releases");
        await Expect(home.PhaseCard("compose")).ToContainTextAsync("Apache Widget 2.0.0-M1");
        await Expect(home.PhaseCard("compose")).ToContainTextAsync("Apache Gizmo (Incubating) 0.3.0-incubating");
        await Expect(home.PhaseCard("vote")).ToContainTextAsync("Apache Widget 1.2.0");
        await Expect(home.PhaseCard("finish")).ToContainTextAsync("Apache Widget Connectors 0.9.0");
        await Expect(home.RecentlyPublished).ToContainTextAsync("0.2.0-incubating");
        await Expect(home.Navigation.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Home", "Committees", "Projects", "Releases", "Tasks"]);
    }

    [Fact]
    public async Task Home_ReleaseLink_OpensTheReleaseWithItsPhaseRevisionsAndChecks()
    {
        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "mike");
        var home = new HomePage(page);
        await home.OpenAsync("/");
        await Expect(home.Heading).ToBeFocusedAsync();
        Assert.Equal("none", await home.Heading.EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle"));

        await home.PhaseCard("vote").GetByRole(AriaRole.Link).First.ClickAsync();

        await Expect(home.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/releases/widget/1\\.2\\.0$"));
        await Expect(home.Heading).ToHaveTextAsync("Apache Widget 1.2.0");
        // Focus moves to the heading for screen readers; after a click, no focus ring is drawn around it.
        await Expect(home.Heading).ToBeFocusedAsync();
        Assert.Equal("none", await home.Heading.EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle"));
        await Expect(home.Page.Locator("[aria-current='step']")).ToContainTextAsync("Vote");
        await Expect(home.Page.GetByTestId("revisions").Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(home.Page.GetByTestId("check-summary")).ToContainTextAsync("1 warning");
    }

    [Fact]
    public async Task Release_InProgress_KeepsItsFilesFromAnonymousVisitors()
    {
        var release = new AtrPage(await browser.NewPageAsync());

        await release.OpenAsync("/releases/widget/1.2.0");

        await Expect(release.Heading).ToHaveTextAsync("Apache Widget 1.2.0");
        await Expect(release.Page.GetByTestId("review-restricted")).ToContainTextAsync("for the committers of widget");
        await Expect(release.Page.GetByTestId("revisions")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ThemeToggle_IsRememberedByTheBrowser()
    {
        var shell = new AtrPage(await browser.NewPageAsync());
        await shell.OpenAsync("/committees");
        var startedDark = await shell.ThemeToggle.GetAttributeAsync("aria-label") == "Switch to light mode";

        await shell.ThemeToggle.ClickAsync();
        await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", startedDark ? "Switch to dark mode" : "Switch to light mode");
        await shell.OpenAsync("/projects");

        await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-label", startedDark ? "Switch to dark mode" : "Switch to light mode");
        var cookies = await shell.Page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "atr-theme" && c.Value == (startedDark ? "light" : "dark"));
    }

    [Fact]
    public async Task UnknownRelease_ShowsTheNotFoundPageWithStatus404()
    {
        var shell = new AtrPage(await browser.NewPageAsync());

        var response = await shell.Page.GotoAsync("/releases/widget/9.9.9");

        Assert.Equal(404, response!.Status);
        await Expect(shell.Heading).ToHaveTextAsync("Not found");
        await Expect(shell.Navigation).ToBeVisibleAsync();
    }
}
