using System.Net;
using System.Net.Http.Json;
using Atr.Domain.Projects;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed class CheckProgressTests(BrowserFixture browser)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWrongChecksumUploadedByScript_TurnsTheHashingChipRed_AndTheWholePageFollows_WithoutAReload()
    {
        const string Artifact = "apache-widget-3.9.0-src.tar.gz";
        using var api = await browser.App.ApiClientAsync("carl");
        using (var started = await api.PostAsJsonAsync("api/v1/projects/widget/releases", new { version = "3.9.0" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "carl");
        var release = new AtrPage(page);
        await release.OpenAsync("/releases/widget/3.9.0");
        await release.WaitForInteractivityAsync();
        await Expect(page.GetByTestId("check-progress-text")).ToContainTextAsync("Nothing in revision 00001 needed checking");
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

        // Every other part of the page follows the new revision too.
        await Expect(page.GetByTestId("release-facts")).ToContainTextAsync("2 revisions");
        await Expect(page.GetByTestId("latest-revision")).ToContainTextAsync("Revision 00002 holds 2 files");
        await Expect(page.GetByTestId("check-summary")).ToContainTextAsync("Revision 00002");
        await Expect(page.GetByTestId("revisions").Locator("tbody tr").First).ToHaveAttributeAsync("data-revision", "00002");
        Assert.True(await page.EvaluateAsync<bool>("window.atrSamePage === true"), "the page was reloaded");
    }

    [Fact]
    public async Task UnderStrictChecking_TheReleasePageSaysWhyTheVoteCannotStart_AndTheVotePageListsEachBlockerWithItsReport()
    {
        const string Artifact = "apache-gizmo-0.9.0-incubating-src.tar.gz";
        await StrictAsync("gizmo", strict: true);
        try
        {
            using var api = await browser.App.ApiClientAsync("paula");
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("api/v1/projects/gizmo/releases", new { version = "0.9.0-incubating" }, Cancel)).StatusCode);
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent("archive"u8.ToArray()), "file", Artifact },
                { new StringContent(new string('0', 128) + "  " + Artifact), "file", Artifact + ".sha512" },
            };
            using var upload = await api.PostAsync("api/v1/projects/gizmo/releases/0.9.0-incubating/files", form, Cancel);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            var checks = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("api/v1/projects/gizmo/releases/0.9.0-incubating/revisions/00002/checks?wait=30", Cancel);
            Assert.True(checks.GetProperty("complete").GetBoolean());

            var page = await browser.NewPageAsync();
            await AccessTests.SignInAsync(page, "paula");
            await new AtrPage(page).OpenAsync("/releases/gizmo/0.9.0-incubating");

            await Expect(page.GetByTestId("vote-not-yet")).ToContainTextAsync("The vote cannot start yet: Strict checking is on for gizmo");
            await Expect(page.GetByTestId("start-vote-link")).ToBeDisabledAsync();
            await page.GetByTestId("vote-not-yet").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "What blocks it" }).ClickAsync();
            var checksum = page.GetByTestId("vote-blocking-results").Locator($"[data-path='{Artifact}.sha512']");
            await Expect(checksum).ToContainTextAsync("hashing");
            await checksum.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = Artifact + ".sha512" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/revisions/00002/report/{System.Text.RegularExpressions.Regex.Escape(Artifact)}\\.sha512$"));
            await page.Context.CloseAsync();
        }
        finally
        {
            await StrictAsync("gizmo", strict: false);
            using var api = await browser.App.ApiClientAsync("paula");
            await api.DeleteAsync("api/v1/projects/gizmo/releases/0.9.0-incubating", Cancel);
        }
    }

    private async Task StrictAsync(string project, bool strict)
    {
        await using var db = browser.App.OpenDatabase();
        var found = await db.Projects.Include(p => p.ReleasePolicy).SingleAsync(p => p.Name == project, Cancel);
        found.ReleasePolicy ??= new ReleasePolicy();
        found.ReleasePolicy.StrictChecking = strict;
        await db.SaveChangesAsync(Cancel);
    }
}
