using Atr.Domain.Keys;
using Atr.Tests.Domain.Keys;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed class KeysTests(BrowserFixture browser)
{
    [Fact]
    public async Task ReleaseManager_UploadsAKeysFile_SeesEachKeysOutcome_AndManagesTheirKeys()
    {
        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "rita");
        var add = new AtrPage(page);
        await add.OpenAsync("/keys/add");

        await page.Locator("input[type=file]").SetInputFilesAsync(FixtureFiles.PathOf("Keys/KEYS"));
        await Expect(page.GetByTestId("key-file-name")).ToContainTextAsync("KEYS", new() { Timeout = 30_000 });
        await page.GetByTestId("key-committees").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "widget", Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId("submit-keys").ClickAsync();

        var outcomes = page.GetByTestId("key-outcomes").Locator("tbody tr");
        // Generous: in the full suite the check engine may be writing a 1,000-file revision's results meanwhile.
        await Expect(outcomes).ToHaveCountAsync(5, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("key-summary")).ToHaveTextAsync("4 added, 1 error");
        await Expect(outcomes.Nth(2)).ToContainTextAsync("not a readable OpenPGP public key");
        await Expect(outcomes.Nth(0)).ToContainTextAsync(KeyParser.Display(KeyFixtures.Rsa));
        await Expect(outcomes.Nth(1)).ToContainTextAsync("carl");
        await Expect(outcomes.Nth(0)).ToContainTextAsync("widget");

        var mine = new AtrPage(page);
        await mine.OpenAsync("/keys");
        // Her demo key, and the three of the file that are hers (carl's is his).
        await Expect(page.GetByTestId("keys").Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("keys")).ToContainTextAsync("Rita Reyes <rita@apache.org>");
        await Expect(page.GetByTestId("key-warning").Filter(new() { HasText = "Old Key" })).ToContainTextAsync("expired on 2020-12-31");

        await page.GetByRole(AriaRole.Link, new() { Name = KeyParser.Display(KeyFixtures.Rsa) }).ClickAsync();
        await Expect(page.GetByTestId("key-fingerprint")).ToHaveTextAsync(KeyParser.Display(KeyFixtures.Rsa));
        var widget = page.GetByTestId("key-committees").Locator("[data-committee='widget']");
        await Expect(widget).ToBeVisibleAsync();
        await widget.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(widget).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("key-committees")).ToContainTextAsync("Not linked to any committee");
    }

    [Fact]
    public async Task AKeysFileAsTheWorldWritesThem_IsTakenAsGnuPGTakesIt_ThroughTheForm()
    {
        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "paula");
        var add = new AtrPage(page);
        await add.OpenAsync("/keys/add");

        await page.Locator("input[type=file]").SetInputFilesAsync(FixtureFiles.PathOf("Wild/KEYS-wild"));
        await Expect(page.GetByTestId("key-file-name")).ToContainTextAsync("KEYS-wild", new() { Timeout = 30_000 });
        await page.GetByTestId("submit-keys").ClickAsync();

        await Expect(page.GetByTestId("key-summary")).ToHaveTextAsync("19 added, 2 unusable", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("key-outcomes")).ToContainTextAsync("a version 3 key (PGP 2.x)");
    }
}
