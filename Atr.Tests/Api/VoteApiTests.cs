using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atr.Domain.Data;
using Atr.Domain.Projects;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Api;

/// <summary>
/// A vote over the API, from start to result, with the app's mail job delivering to a real SMTP server. The project
/// (widget-connectors, committee widget) allows votes of any length, so that a vote can pass within the test.
/// </summary>
public sealed class VoteApiTests : IAsyncDisposable
{
    private const string Release = "/api/v1/projects/widget-connectors/releases/9.9.9";

    private readonly SmtpSink _smtp = SmtpSink.Start();
    private readonly AtrAppFactory _factory;

    public VoteApiTests()
    {
        _factory = new AtrAppFactory(settings: new Dictionary<string, string?>
        {
            ["Atr:Smtp:Host"] = "127.0.0.1",
            ["Atr:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Atr:Smtp:Security"] = "None",
            ["Atr:Smtp:Sender"] = "atr@atr.test",
        });
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ThreeMembersVote_TheManagerResolves_AndAnnounces_AndTheFilesAreServed()
    {
        var revision = await DraftWithCheckedFileAsync();
        using var rita = await _factory.ClientAsAsync("rita");

        var started = await rita.PostAsJsonAsync($"{Release}/vote",
            new { revision, mailingList = "dev@widget.apache.org", durationHours = 0 }, Cancel);

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var vote = await started.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(("open", "[VOTE] Release Apache Widget Connectors 9.9.9"), (vote.GetProperty("state").GetString(), vote.GetProperty("subject").GetString()));
        foreach (var member in new[] { "mike", "maria", "matt" })
        {
            using var client = await _factory.ClientAsAsync(member);
            var cast = await client.PostAsJsonAsync($"{Release}/votes", new { value = "+1", comment = $"{member} checked it" }, Cancel);
            Assert.Equal(HttpStatusCode.OK, cast.StatusCode);
            Assert.True((await cast.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("binding").GetBoolean());
        }

        var state = await rita.GetFromJsonAsync<JsonElement>(Release, Cancel);
        Assert.Equal("release_candidate", state.GetProperty("phase").GetString());
        Assert.Equal((3, true), (state.GetProperty("vote").GetProperty("tally").GetProperty("bindingPlusOne").GetInt32(),
            state.GetProperty("vote").GetProperty("tally").GetProperty("passes").GetBoolean()));

        var resolved = await rita.PostAsJsonAsync($"{Release}/resolve", new { outcome = "passed" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("passed", (await resolved.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("state").GetString());
        Assert.Equal("release_preview", (await rita.GetFromJsonAsync<JsonElement>(Release, Cancel)).GetProperty("phase").GetString());
        using var carl = await _factory.ClientAsAsync("carl");
        await AssertProblemAsync(await carl.PostAsJsonAsync($"{Release}/announce", new { mailingList = "announce@apache.org" }, Cancel),
            HttpStatusCode.Forbidden, "permission", "To announce widget-connectors 9.9.9 you must be");
        var announced = await rita.PostAsJsonAsync($"{Release}/announce", new { mailingList = "announce@apache.org", downloadPath = "/connectors/9.9.9/" }, Cancel);

        Assert.Equal(HttpStatusCode.OK, announced.StatusCode);
        var url = (await announced.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("downloadUrl").GetString()!;
        Assert.EndsWith("/downloads/widget/connectors/9.9.9/", url, StringComparison.Ordinal);
        Assert.Equal("release", (await rita.GetFromJsonAsync<JsonElement>(Release, Cancel)).GetProperty("phase").GetString());
        using var anonymous = _factory.CreateClient();
        using var file = await anonymous.GetAsync("/downloads/widget/connectors/9.9.9/README.txt", Cancel);
        Assert.Equal(("text/plain; charset=utf-8", "Read me first.\n"), (file.Content.Headers.ContentType?.ToString(), await file.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/downloads/widget/connectors/9.9.9/other.txt", Cancel)).StatusCode);
        await AssertProblemAsync(await rita.PostAsJsonAsync($"{Release}/announce", new { mailingList = "announce@apache.org" }, Cancel),
            HttpStatusCode.BadRequest, "phase", "is in the Released phase");

        var subjects = await ReceivedSubjectsAsync(6);
        Assert.Equal("[VOTE] Release Apache Widget Connectors 9.9.9", subjects[0]);
        Assert.Equal(3, subjects.Count(s => s == "Re: [VOTE] Release Apache Widget Connectors 9.9.9"));
        Assert.Equal("[RESULT][VOTE] Release Apache Widget Connectors 9.9.9", subjects[4]);
        Assert.Equal("[ANNOUNCE] Apache Widget Connectors 9.9.9 released", subjects[5]);
    }

    [Fact]
    public async Task EachBrokenRule_AnswersAProblemNamingIt()
    {
        var revision = await DraftWithCheckedFileAsync();
        using var rita = await _factory.ClientAsAsync("rita");
        using var carl = await _factory.ClientAsAsync("carl");

        await AssertProblemAsync(await carl.PostAsJsonAsync($"{Release}/vote", new { revision, mailingList = "dev@widget.apache.org", durationHours = 72 }, Cancel),
            HttpStatusCode.Forbidden, "permission", "To start a vote on widget-connectors 9.9.9 you must be");
        await AssertProblemAsync(await rita.PostAsJsonAsync($"{Release}/vote", new { revision = "00001", mailingList = "dev@widget.apache.org", durationHours = 72 }, Cancel),
            HttpStatusCode.BadRequest, "precondition", $"Revision {revision} of widget-connectors 9.9.9 appeared after revision 00001");
        await AssertProblemAsync(await rita.PostAsJsonAsync($"{Release}/votes", new { value = "+1" }, Cancel),
            HttpStatusCode.BadRequest, "phase", "is in the Compose phase");
        await AssertProblemAsync(await rita.PostAsJsonAsync($"{Release}/vote", new { revision, mailingList = "dev@widget.apache.org", durationHours = 800 }, Cancel),
            HttpStatusCode.BadRequest, "validation", "A vote runs at most 720 hours");

        Assert.Equal(HttpStatusCode.Created,
            (await rita.PostAsJsonAsync($"{Release}/vote", new { revision, mailingList = "dev@widget.apache.org", durationHours = 72 }, Cancel)).StatusCode);
        await AssertProblemAsync(await carl.PostAsJsonAsync($"{Release}/votes", new { value = "+2" }, Cancel),
            HttpStatusCode.BadRequest, "validation", "A vote is \"+1\", \"0\" or \"-1\"; \"+2\" is none of them");
        await AssertProblemAsync(await carl.PostAsJsonAsync($"{Release}/resolve", new { outcome = "failed" }, Cancel),
            HttpStatusCode.Forbidden, "permission", "To resolve the vote on widget-connectors 9.9.9 you must be");
        await AssertProblemAsync(await rita.PostAsJsonAsync($"{Release}/resolve", new { outcome = "passed" }, Cancel),
            HttpStatusCode.BadRequest, "precondition", "it cannot pass for another");

        var failed = await rita.PostAsJsonAsync($"{Release}/resolve", new { outcome = "failed" }, Cancel);
        Assert.Equal("failed", (await failed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("state").GetString());
        Assert.Equal("release_candidate_draft", (await rita.GetFromJsonAsync<JsonElement>(Release, Cancel)).GetProperty("phase").GetString());
    }

    /// <summary>Starts widget-connectors 9.9.9 as rita, with one file whose checks have finished; returns the revision.</summary>
    private async Task<string> DraftWithCheckedFileAsync()
    {
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<AtrDbContext>>().CreateDbContextAsync(Cancel))
        {
            var project = await db.Projects.Include(p => p.ReleasePolicy).SingleAsync(p => p.Name == "widget-connectors", Cancel);
            project.ReleasePolicy = new ReleasePolicy { MinHours = 0 };
            await db.SaveChangesAsync(Cancel);
        }

        using var rita = await _factory.ClientAsAsync("rita");
        Assert.Equal(HttpStatusCode.Created,
            (await rita.PostAsJsonAsync("/api/v1/projects/widget-connectors/releases", new { version = "9.9.9" }, Cancel)).StatusCode);
        using var file = new ByteArrayContent("Read me first.\n"u8.ToArray());
        var upload = await rita.PutAsync($"{Release}/files/README.txt", file, Cancel);
        var revision = (await upload.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revision").GetString()!;
        var checks = await rita.GetFromJsonAsync<JsonElement>($"{Release}/revisions/{revision}/checks?wait=30", Cancel);
        Assert.True(checks.GetProperty("complete").GetBoolean());
        return revision;
    }

    private async Task<List<string>> ReceivedSubjectsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_smtp.Messages.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Cancel);
        }

        return _smtp.Messages.Select(m => m.Message.Subject ?? "").ToList();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string rule, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
