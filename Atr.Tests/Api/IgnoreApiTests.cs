using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Api;

/// <summary>Ignore rules over the API: members write, committers read, bad fields answer a problem naming them.</summary>
public sealed class IgnoreApiTests : IAsyncDisposable
{
    private readonly AtrAppFactory _factory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task MemberAddsChangesAndDeletes_CommitterReadsButCannotWrite()
    {
        using var mike = await _factory.ClientAsAsync("mike");
        using var carl = await _factory.ClientAsAsync("carl");

        var created = await mike.PostAsJsonAsync("/api/v1/committees/widget/ignores", new { checkerGlob = "license.headers", status = "Failure" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(("mike", "failure"), (rule.GetProperty("owner").GetString(), rule.GetProperty("status").GetString()));
        var id = rule.GetProperty("id").GetInt32();

        var listed = await carl.GetFromJsonAsync<JsonElement>("/api/v1/committees/widget/ignores", Cancel);
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await carl.PostAsJsonAsync("/api/v1/committees/widget/ignores", new { checkerGlob = "*" }, Cancel)).StatusCode);

        var changed = await mike.PutAsJsonAsync($"/api/v1/committees/widget/ignores/{id}", new { checkerGlob = "license.*", revisionNumber = "00002" }, Cancel);
        Assert.Equal("00002", (await changed.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revisionNumber").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await mike.DeleteAsync($"/api/v1/committees/widget/ignores/{id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mike.DeleteAsync($"/api/v1/committees/widget/ignores/{id}", Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("{\"status\": \"success\"}", "Status: 'success' is not one of failure, warning, exception")]
    [InlineData("{\"messageGlob\": \"^(\"}", "Message: '^(' is not a valid regular expression")]
    [InlineData("{}", "A rule needs at least one condition")]
    public async Task BadRule_AnswersAProblemNamingTheField(string body, string detail)
    {
        using var mike = await _factory.ClientAsAsync("mike");

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await mike.PostAsync("/api/v1/committees/widget/ignores", content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
