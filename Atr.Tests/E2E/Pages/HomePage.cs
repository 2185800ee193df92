using Microsoft.Playwright;

namespace Atr.Tests.E2E.Pages;

public sealed class HomePage(IPage page) : AtrPage(page)
{
    /// <summary>The card listing releases of one phase ("compose", "vote", "finish").</summary>
    public ILocator PhaseCard(string slug) => Page.GetByTestId($"phase-{slug}");

    public ILocator RecentlyPublished => Page.GetByTestId("recently-published");
}
