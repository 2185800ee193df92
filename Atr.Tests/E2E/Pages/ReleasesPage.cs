using Microsoft.Playwright;

namespace Atr.Tests.E2E.Pages;

public sealed class ReleasesPage(IPage page) : AtrPage(page)
{
    public ILocator Grid => Page.GetByTestId("releases-grid");

    public ILocator Rows => Grid.Locator("tbody tr.mud-table-row");

    /// <summary>The pager's summary, e.g. "1-10 of 13".</summary>
    public ILocator PagerInfo => Grid.Locator(".mud-table-pagination-caption").Last;

    public ILocator NextPage => Grid.GetByRole(AriaRole.Button, new() { Name = "Next page" });

    public async Task<IReadOnlyList<string>> VersionsAsync() =>
        await Rows.Locator("td:nth-child(2)").AllInnerTextsAsync();

    /// <summary>"project version" of each row on the page.</summary>
    public async Task<IReadOnlyList<string>> ReleasesAsync()
    {
        var projects = await Rows.Locator("td:nth-child(1)").AllInnerTextsAsync();
        var versions = await Rows.Locator("td:nth-child(2)").AllInnerTextsAsync();
        return projects.Zip(versions, (project, version) => $"{project} {version}").ToList();
    }

    public async Task ChoosePhaseAsync(string phase)
    {
        await Grid.GetByRole(AriaRole.Combobox, new() { Name = "Phase" }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = phase, Exact = true }).ClickAsync();
    }
}
