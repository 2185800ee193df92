using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed partial class AccessTests(BrowserFixture browser)
{
    [Fact]
    public async Task ReleaseManager_SignsInAsADemoUserFromTheSignInPage_AndSeesTheirProjectsAndRoles()
    {
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        var home = new HomePage(page);
        await home.OpenAsync("/");

        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await new DevelopmentSignInPage(page).SignInAsAsync("rita");
        await home.WaitForInteractivityAsync();

        await Expect(page).ToHaveURLAsync(HomeAddress());
        await Expect(page.GetByTestId("your-projects")).ToContainTextAsync("Apache Widget");
        await Expect(page.GetByTestId("your-projects")).ToContainTextAsync("Apache Widget Connectors");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rita Reyes" }).ClickAsync();
        await Expect(page.Locator("[data-committee='widget']")).ToContainTextAsync("member, committer, release manager");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Committer_CreatesATokenAndUsesItAgainstTheApi()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "carl");
        var tokens = new AtrPage(page);
        await tokens.OpenAsync("/tokens");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Label" }).FillAsync("e2e script");
        await page.GetByTestId("create-token").ClickAsync();

        var secret = (await page.GetByTestId("token-secret").InnerTextAsync()).Trim();
        await Expect(page.GetByTestId("tokens")).ToContainTextAsync("e2e script");
        using var http = new HttpClient { BaseAddress = browser.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await http.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("carl", me.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Committer_OfAnotherCommittee_SeesNoStartReleaseButton()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, "oscar");
        var project = new AtrPage(page);

        await project.OpenAsync("/projects/widget");

        await Expect(project.Heading).ToHaveTextAsync("Apache Widget");
        await Expect(page.GetByTestId("start-release")).ToHaveCountAsync(0);
    }

    internal static async Task SignInAsync(IPage page, string userId)
    {
        await page.GotoAsync("/dev/signin");
        await new DevelopmentSignInPage(page).SignInAsAsync(userId);
        await page.WaitForURLAsync(HomeAddress(), new() { Timeout = 60_000 });
    }

    [GeneratedRegex("/$")]
    private static partial Regex HomeAddress();
}
