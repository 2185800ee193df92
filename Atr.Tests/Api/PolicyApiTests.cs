using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Api;

/// <summary>The release policy over the API: every field read and written, invalid fields named in the problem.</summary>
public sealed class PolicyApiTests : IAsyncDisposable
{
    private static readonly string[] DevList = ["dev@widget.apache.org"];
    private static readonly string[] NoWorkflow = ["build.yml"];

    private readonly AtrAppFactory _factory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task AMember_ReadsAndReplacesThePolicy_AndDefaultsAreNamed()
    {
        using var mike = await _factory.ClientAsAsync("mike");

        var read = await mike.GetFromJsonAsync<JsonElement>("/api/v1/projects/widget/policy", Cancel);
        Assert.True(read.GetProperty("stored").GetProperty("strictChecking").GetBoolean());
        Assert.Contains("MinHours", read.GetProperty("defaults").EnumerateArray().Select(d => d.GetString()));

        var put = await mike.PutAsJsonAsync("/api/v1/projects/widget/policy",
            new { mailtoAddresses = DevList, minHours = 96, strictChecking = true }, Cancel);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var written = await put.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(96, written.GetProperty("effective").GetProperty("minHours").GetInt32());
        Assert.DoesNotContain("MinHours", written.GetProperty("defaults").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("BinaryArtifactPaths", written.GetProperty("defaults").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task InvalidFields_AnswerAProblemNamingEachField_AndACommitterIsRefused()
    {
        using var mike = await _factory.ClientAsAsync("mike");
        using var carl = await _factory.ClientAsAsync("carl");

        var bad = await mike.PutAsJsonAsync("/api/v1/projects/widget/policy",
            new { minHours = 12, githubComposeWorkflowPath = NoWorkflow, manualVote = true, strictChecking = true }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.Equal(["GithubComposeWorkflowPath", "MinHours", "StrictChecking"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await carl.PutAsJsonAsync("/api/v1/projects/widget/policy", new { minHours = 96 }, Cancel)).StatusCode);
    }
}
