using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed class CheckProgressTests(BrowserFixture browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWrongChecksumUploadedByScript_TurnsTheHashingChipRed_WithoutAReload()
    {
        const string Artifact = "apache-widget-3.9.0-src.tar.gz";
        using var api = await ApiAsync("carl");
        using (var started = await api.PostAsJsonAsync("api/v1/projects/widget/releases", new { version = "3.9.0" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "carl");
        var release = new AtrPage(page);
        await release.OpenAsync("/releases/widget/3.9.0");
        await release.WaitForInteractivityAsync();
        await Expect(page.GetByTestId("check-progress-text")).ToContainTextAsync("No checks for revision 00001");
        await page.EvaluateAsync("window.atrSamePage = true");

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("archive"u8.ToArray()), "file", Artifact },
            { new StringContent(new string('0', 128) + "  " + Artifact), "file", Artifact + ".sha512" },
        };
        using (var upload = await api.PostAsync("api/v1/projects/widget/releases/3.9.0/files", form, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var chip = page.Locator($"tr[data-file='{Artifact}.sha512'] [data-checker='hashing']");
        await Expect(chip).ToHaveAttributeAsync("data-state", "failed");
        await Expect(page.GetByTestId("check-progress")).ToHaveAttributeAsync("data-complete", "true");
        // hashing, paths, and the archive check of the (unreadable) archive.
        await Expect(page.GetByTestId("check-progress-text")).ToContainTextAsync("Revision 00002: 3 of 3 checks done");
        Assert.True(await page.EvaluateAsync<bool>("window.atrSamePage === true"), "the page was reloaded");
    }

    private async Task<HttpClient> ApiAsync(string userId)
    {
        var created = await AppCommand.RunAsync(browser.App.StateDirectory, "token", "create", "--user", userId, "--label", "e2e checks");
        Assert.True(created.ExitCode == 0, created.Errors);
        var http = new HttpClient { BaseAddress = browser.App.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Output.Trim());
        return http;
    }
}
