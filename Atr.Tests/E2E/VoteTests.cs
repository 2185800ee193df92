using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atr.Domain.Projects;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed class VoteTests(BrowserFixture browser)
{
    private const string Project = "widget-connectors";
    private const string Version = "5.0.0";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManagerStartsAVote_ThreeMembersVoteInTheirOwnBrowsers_TheTallyUpdatesLive_TheManagerResolvesIt_MovesAFile_AndAnnounces()
    {
        using var _ = await DraftAsync();
        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "rita");
        await new AtrPage(page).OpenAsync($"/releases/{Project}/{Version}/vote");

        await Expect(page.GetByTestId("vote-preview")).ToContainTextAsync("Apache Widget Connectors 5.0.0", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Duration (hours)" }).FillAsync("0");
        var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Body" });
        await body.FillAsync("Please vote on [PROJECT] [VERSION] for at least [DURATION] hours: [REVIEW_URL]");
        await Expect(page.GetByTestId("vote-preview")).ToContainTextAsync(
            $"Please vote on Widget Connectors 5.0.0 for at least 0 hours: {browser.App.BaseAddress}releases/{Project}/{Version}/vote".Replace("//releases", "/releases", StringComparison.Ordinal));
        await page.GetByTestId("start-vote").ClickAsync();
        await Expect(page.GetByTestId("vote-round")).ToContainTextAsync("dev@widget.apache.org", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("binding-for")).ToHaveTextAsync("binding +1: 0");

        foreach (var member in new[] { "mike", "maria", "matt" })
        {
            var voter = await browser.NewPageAsync();
            await AccessTests.SignInAsync(voter, member);
            await new AtrPage(voter).OpenAsync($"/releases/{Project}/{Version}/vote");
            await voter.GetByRole(AriaRole.Textbox, new() { Name = "Comment (optional)" }).FillAsync($"{member} built it from source");

            // Nothing is chosen for a member who has not voted: the button waits for a choice.
            await Expect(voter.GetByTestId("cast")).ToBeDisabledAsync();
            await Expect(voter.GetByTestId("choose-vote")).ToBeVisibleAsync();
            await voter.GetByRole(AriaRole.Radio, new() { Name = "+1 release it" }).CheckAsync();
            await voter.GetByTestId("cast").ClickAsync();
            await Expect(voter.GetByTestId("ballots").Locator($"[data-voter='{member}']")).ToContainTextAsync("binding", new() { Timeout = 30_000 });
            await Expect(voter.GetByTestId("my-vote")).ToContainTextAsync("You voted +1");
            await voter.Context.CloseAsync();
        }

        // rita's page was not reloaded: the tally followed the votes as they came.
        await Expect(page.GetByTestId("binding-for")).ToHaveTextAsync("binding +1: 3", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("vote-outcome")).ToContainTextAsync("Enough to pass");
        await page.GetByTestId("resolve-passed").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "It passed" }).ClickAsync();

        await Expect(page.GetByTestId("past-round")).ToContainTextAsync("passed", new() { Timeout = 30_000 });
        await new AtrPage(page).OpenAsync($"/releases/{Project}/{Version}");
        await Expect(page.GetByTestId("revisions").Locator("tbody tr").First).ToContainTextAsync("The vote passed (3 binding +1)");

        await page.GetByTestId("finish-link").ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Choose README.txt" }).CheckAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Target folder" }).FillAsync("docs");
        await page.GetByTestId("move").ClickAsync();
        await Expect(page.GetByTestId("finish-files").Locator("[data-path='docs/README.txt']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("finish-files").Locator("[data-path='README.txt']")).ToHaveCountAsync(0);

        await new AtrPage(page).OpenAsync($"/releases/{Project}/{Version}/announce");
        await Expect(page.GetByTestId("announce-url")).ToContainTextAsync($"/downloads/widget/{Project}-{Version}/");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "I checked the files and the text: publish and announce" }).CheckAsync();
        await page.GetByTestId("announce").ClickAsync();

        var published = page.GetByTestId("download-files").Locator("[data-path='docs/README.txt']");
        await Expect(published).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var link = await published.GetByRole(AriaRole.Link).GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(link!);
        Assert.Equal((200, "Read me first.\n"), (download.Status, await download.TextAsync()));
        Assert.StartsWith("text/plain", download.Headers["content-type"], StringComparison.Ordinal);

        // The announced address is a listing a user can walk, down to the file and up to the committee's KEYS.
        await page.GetByTestId("published-files").GetByRole(AriaRole.Link, new() { Name = $"/downloads/widget/{Project}-{Version}/" }).ClickAsync();
        await Expect(page.GetByTestId("release-summary")).ToContainTextAsync($"{Version}, published");
        await page.GetByTestId("download-listing").GetByRole(AriaRole.Link, new() { Name = "docs/" }).ClickAsync();
        await Expect(page.GetByTestId("download-listing").GetByRole(AriaRole.Link, new() { Name = "README.txt" })).ToBeVisibleAsync();
        await page.GetByTestId("breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "widget", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("download-listing").GetByRole(AriaRole.Link, new() { Name = "KEYS" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BeforeItsHoursAreOver_AVoteWithEnoughVotes_CannotBeRecordedAsPassed_AndThePageSaysWhen()
    {
        const string Early = "5.1.0";
        using var rita = await DraftAsync(Early);
        var release = $"api/v1/projects/{Project}/releases/{Early}";
        var started = await rita.PostAsJsonAsync($"{release}/vote", new { revision = "00002", mailingList = "dev@widget.apache.org", durationHours = 24 }, Cancel);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        foreach (var member in new[] { "mike", "maria", "matt" })
        {
            using var voter = await browser.App.ApiClientAsync(member);
            Assert.Equal(HttpStatusCode.OK, (await voter.PostAsJsonAsync($"{release}/votes", new { value = "+1" }, Cancel)).StatusCode);
        }

        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "rita");
        await new AtrPage(page).OpenAsync($"/releases/{Project}/{Early}/vote");

        await Expect(page.GetByTestId("vote-outcome")).ToContainTextAsync("Enough votes to pass, once the vote has run its 24 hours: it can pass from");
        await Expect(page.GetByTestId("resolve-not-yet")).ToContainTextAsync("It can be recorded as passed from");
        await Expect(page.GetByTestId("resolve-passed")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("resolve-failed")).ToBeEnabledAsync();

        // Extended, then cancelled: back in Compose, and gone, so that other tests see the demo's releases alone.
        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "More hours" }).FillAsync("12");
        await page.GetByTestId("extend-vote").ClickAsync();
        await Expect(page.GetByTestId("vote-time")).ToContainTextAsync("Open for at least another 35 hours");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Why cancel (told to the thread)" }).FillAsync("a file is missing");
        await page.GetByTestId("cancel-vote").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel it" }).ClickAsync();
        await Expect(page.GetByTestId("past-round")).ToContainTextAsync("cancelled", new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await rita.DeleteAsync(release, Cancel)).StatusCode);
    }

    /// <summary>widget-connectors 5.0.0 (or another version) with one checked file, in a project whose votes may be of any length.</summary>
    private async Task<HttpClient> DraftAsync(string version = Version)
    {
        await using (var db = browser.App.OpenDatabase())
        {
            var project = await db.Projects.Include(p => p.ReleasePolicy).SingleAsync(p => p.Name == Project, Cancel);
            project.ReleasePolicy = new ReleasePolicy { MinHours = 0 };
            await db.SaveChangesAsync(Cancel);
        }

        var api = await browser.App.ApiClientAsync("rita");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"api/v1/projects/{Project}/releases", new { version }, Cancel)).StatusCode);
        using var file = new ByteArrayContent("Read me first.\n"u8.ToArray());
        using var upload = await api.PutAsync($"api/v1/projects/{Project}/releases/{version}/files/README.txt", file, Cancel);
        var revision = (await upload.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revision").GetString();
        var checks = await api.GetFromJsonAsync<JsonElement>($"api/v1/projects/{Project}/releases/{version}/revisions/{revision}/checks?wait=30", Cancel);
        Assert.True(checks.GetProperty("complete").GetBoolean());
        return api;
    }
}
