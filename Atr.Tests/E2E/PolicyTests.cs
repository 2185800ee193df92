using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed class PolicyTests(BrowserFixture browser)
{
    [Fact]
    public async Task AnAdmin_EditsTheVoteTemplate_SeesThePreviewFollow_AndSaves_WhileAnotherCommitteesCommitterIsKeptOut()
    {
        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "alice");
        await new AtrPage(page).OpenAsync("/projects/gizmo/policy");

        var template = page.GetByTestId("vote-template");
        await template.FillAsync("Please vote on [PROJECT] [VERSION] for [DURATION] hours.");
        await Expect(page.GetByTestId("vote-template-preview")).ToHaveTextAsync("Please vote on Gizmo (Incubating) 0.3.0-incubating for 96 hours.");
        await page.GetByTestId("min-hours").FillAsync("12");
        await page.GetByTestId("save-policy").ClickAsync();
        await Expect(page.GetByTestId("field-error")).ToContainTextAsync("12 is neither 0 (no minimum) nor between 72 and 168 hours");

        await page.GetByTestId("min-hours").FillAsync("120");
        await page.GetByTestId("save-policy").ClickAsync();
        await Expect(page.GetByTestId("policy-history").Locator("tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("policy-history")).ToContainTextAsync("Please vote on [PROJECT]");

        var outsider = await browser.NewPageAsync();
        await AccessTests.SignInAsync(outsider, "oscar");
        await new AtrPage(outsider).OpenAsync("/projects/gizmo/policy");
        await Expect(outsider.GetByTestId("policy-refused")).ToContainTextAsync("edited by the members of gizmo");
        await Expect(outsider.GetByTestId("save-policy")).ToHaveCountAsync(0);
        await outsider.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
