using System.Text.RegularExpressions;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed partial class ReleasesGridTests(BrowserFixture browser)
{
    [Fact]
    public async Task Grid_PagesThroughTheDemoReleases()
    {
        var releases = new ReleasesPage(await browser.NewPageAsync());
        await releases.OpenAsync("/releases");
        await Expect(releases.PagerInfo).ToHaveTextAsync(FirstPage());
        var total = int.Parse(FirstPage().Match(await releases.PagerInfo.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(total, 13, 20);
        await Expect(releases.Rows).ToHaveCountAsync(10);
        var firstPage = await releases.ReleasesAsync();

        await releases.NextPage.ClickAsync();

        await Expect(releases.PagerInfo).ToHaveTextAsync($"11-{total} of {total}");
        await Expect(releases.Rows).ToHaveCountAsync(total - 10);
        var secondPage = await releases.ReleasesAsync();
        Assert.Equal(10, firstPage.Count);
        Assert.Empty(firstPage.Intersect(secondPage));
    }

    [Fact]
    public async Task Grid_FiltersByPhaseAndKeepsTheFilterInTheAddress()
    {
        var releases = new ReleasesPage(await browser.NewPageAsync());
        await releases.OpenAsync("/releases");

        await releases.ChoosePhaseAsync("Compose");

        await Expect(releases.Page).ToHaveURLAsync(PhaseCompose());
        await Expect(releases.Grid.Locator("[data-phase='ReleaseCandidateDraft']")).Not.ToHaveCountAsync(0);
        await Expect(releases.Grid.Locator("[data-phase]:not([data-phase='ReleaseCandidateDraft'])")).ToHaveCountAsync(0);
        Assert.Contains("0.3.0-incubating", await releases.VersionsAsync());
        Assert.Contains("2.0.0-M1", await releases.VersionsAsync());
    }

    [Fact]
    public async Task Grid_OpenedWithAPhaseInTheAddress_ShowsOnlyThatPhase()
    {
        var releases = new ReleasesPage(await browser.NewPageAsync());

        await releases.OpenAsync("/releases?phase=released");

        // The demo's 9 published releases, and the one the vote journey may have published meanwhile.
        await Expect(releases.PagerInfo).ToHaveTextAsync(PublishedPage());
        await Expect(releases.Grid.Locator("[data-phase]:not([data-phase='Release'])")).ToHaveCountAsync(0);
        await Expect(releases.Grid.Locator("[data-phase='Release']")).Not.ToHaveCountAsync(0);
    }

    [GeneratedRegex("^1-10 of (\\d+)$")]
    private static partial Regex FirstPage();

    [GeneratedRegex("^1-(9 of 9|10 of 10)$")]
    private static partial Regex PublishedPage();

    [GeneratedRegex("/releases\\?phase=compose$")]
    private static partial Regex PhaseCompose();
}
