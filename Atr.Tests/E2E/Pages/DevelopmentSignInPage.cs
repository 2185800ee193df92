using Microsoft.Playwright;

namespace Atr.Tests.E2E.Pages;

public sealed class DevelopmentSignInPage(IPage page) : AtrPage(page)
{
    public Task SignInAsAsync(string userId) =>
        Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {userId}", Exact = true }).ClickAsync();
}
