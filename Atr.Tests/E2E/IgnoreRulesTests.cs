using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Atr.Domain.Checks.Licenses;
using Atr.Tests.Domain.Checks.Archives;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed partial class IgnoreRulesTests(BrowserFixture browser)
{
    private const string Archive = "apache-widget-4.2.0-src.tar.gz";

    [Fact]
    public async Task AWrongNotice_TurnsItsChipRed_AndAnIgnoreRulePreviewedAndAdded_SetsItAside()
    {
        var cancel = TestContext.Current.CancellationToken;
        var created = await AppCommand.RunAsync(browser.App.StateDirectory, "token", "create", "--user", "rita", "--label", "e2e ignores");
        using var api = new HttpClient { BaseAddress = browser.App.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Output.Trim());
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("api/v1/projects/widget/releases", new { version = "4.2.0" }, cancel)).StatusCode);
        var archive = HostileArchives.TarGz(
            new Entry("apache-widget-4.2.0-src/LICENSE", LicenseTexts.ApacheLicense),
            new Entry("apache-widget-4.2.0-src/NOTICE", "Widget, by us\n"));
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(archive), "file", Archive } })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("api/v1/projects/widget/releases/4.2.0/files", form, cancel)).StatusCode);
        }

        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "rita");
        var release = new AtrPage(page);
        await release.OpenAsync("/releases/widget/4.2.0");
        var chip = page.Locator($"tr[data-file='{Archive}'] [data-checker='license.files']");
        await Expect(chip).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 30_000 });

        var rules = new AtrPage(page);
        await rules.OpenAsync("/committees/widget/ignores");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Release" }).FillAsync("widget-4.2.0");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Checker" }).FillAsync("license.files");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message" }).FillAsync("NOTICE");
        await Expect(page.GetByTestId("rule-preview-count")).ToHaveTextAsync(OneResult());
        await Expect(page.GetByTestId("rule-preview")).ToContainTextAsync("widget-4.2.0");
        await page.GetByTestId("add-rule").ClickAsync();
        await Expect(page.GetByTestId("ignore-rules").Locator("tbody tr")).ToContainTextAsync("license.files");

        await release.OpenAsync("/releases/widget/4.2.0");
        await Expect(chip).ToHaveAttributeAsync("data-state", "passed");
        await Expect(page.GetByTestId("ignored-count")).ToContainTextAsync("1 result ignored by the committee's rules");

        await page.GetByTestId("file-report").Filter(new() { HasText = Archive }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Archive);
        await Expect(page.Locator("[data-checker='license.files'] [data-testid='verdict']")).ToHaveTextAsync("success");
        await Expect(page.GetByTestId("ignored-results")).ToContainTextAsync("NOTICE lacks");
    }

    [GeneratedRegex("^It would hide 1 result in unpublished releases")]
    private static partial Regex OneResult();
}
