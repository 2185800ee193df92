using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed class LargeRevisionTests(BrowserFixture browser)
{
    [Fact]
    public async Task RevisionPage_With1000Files_RendersOnlyWhatIsVisibleAndScrollsToTheLast()
    {
        var cancel = Xunit.TestContext.Current.CancellationToken;
        var token = (await AppCommand.RunAsync(browser.App.StateDirectory, "token", "create", "--user", "rita", "--label", "e2e")).Output.Trim();
        using var http = new HttpClient { BaseAddress = browser.App.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.PostAsJsonAsync("api/v1/projects/widget/releases", new { version = "9.0.0" }, cancel)).EnsureSuccessStatusCode();
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 1000; i++)
        {
            form.Add(new StringContent($"file {i}"), "file", $"parts/part-{i:D4}.txt");
        }

        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "rita");
        (await http.PostAsync("api/v1/projects/widget/releases/9.0.0/files", form, cancel)).EnsureSuccessStatusCode();
        // The page is measured, not the 1,000 files' checks: they finish first (on 2 cores they would starve it).
        (await http.GetAsync("api/v1/projects/widget/releases/9.0.0/revisions/00002/checks?wait=60", cancel)).EnsureSuccessStatusCode();
        var revision = new AtrPage(page);

        var watch = Stopwatch.StartNew();
        await revision.OpenAsync("/releases/widget/9.0.0/revisions/00002");
        var rows = page.GetByTestId("file-list").Locator("tbody tr[data-path]");
        await Expect(rows.First).ToBeVisibleAsync();
        Xunit.TestContext.Current.SendDiagnosticMessage($"Revision page with 1,000 files interactive after {watch.ElapsedMilliseconds} ms");

        Assert.InRange(await rows.CountAsync(), 10, 100);
        await page.GetByTestId("file-list").EvaluateAsync("list => list.scrollTop = list.scrollHeight");
        await Expect(page.Locator("tr[data-path='parts/part-0999.txt']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Filter by path" }).FillAsync("part-0500");
        await Expect(rows).ToHaveCountAsync(1);
    }
}
