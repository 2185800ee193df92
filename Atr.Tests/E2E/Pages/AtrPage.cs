using Microsoft.Playwright;

namespace Atr.Tests.E2E.Pages;

/// <summary>What every page of the shell has: navigation, the theme toggle, and a way to wait for interactivity.</summary>
public class AtrPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    public ILocator ThemeToggle => Page.GetByTestId("theme-toggle");

    /// <summary>Opens <paramref name="path"/> and waits until the SignalR circuit has taken over the prerendered page.</summary>
    public async Task<IResponse?> OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        await WaitForInteractivityAsync();
        return response;
    }

    public Task WaitForInteractivityAsync() =>
        Page.Locator(".mud-layout[data-interactive='true']").WaitForAsync();
}
