using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atr.App.Auth;
using Atr.Domain.Access;
using Atr.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Api;

public sealed class TokenApiTests : IAsyncLifetime
{
    private readonly AtrAppFactory _factory = new();
    private HttpClient _client = null!;

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Me_WithAValidToken_GivesThePrincipalAndRolesPerCommittee()
    {
        var secret = await _factory.TokenAsync("rita");

        using var response = await GetMeAsync($"Bearer {secret}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("rita", me.GetProperty("userId").GetString());
        Assert.Equal("Rita Reyes", me.GetProperty("fullName").GetString());
        Assert.False(me.GetProperty("admin").GetBoolean());
        var widget = Assert.Single(me.GetProperty("committees").EnumerateArray());
        Assert.Equal("widget", widget.GetProperty("committee").GetString());
        Assert.Equal(["member", "committer", "release-manager"], widget.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Basic cml0YTpzZWNyZXQ=")]
    [InlineData("Bearer atr_notarealtokenatallnotarealtokenatall0000")]
    [InlineData("Bearer not-even-the-format")]
    public async Task Me_WithoutAUsableToken_Answers401ProblemJson(string? authorization)
    {
        using var response = await GetMeAsync(authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Me_WithARevokedToken_Answers401()
    {
        var secret = await _factory.TokenAsync("carl");
        using (var before = await GetMeAsync($"Bearer {secret}"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var carl = await _factory.Services.GetRequiredService<UserDirectory>().ResolveAsync("carl", Cancel);
        var tokens = _factory.Services.GetRequiredService<TokenService>();
        await tokens.RevokeAsync(carl, (await tokens.ListAsync(carl, Cancel)).Single().Id, Cancel);

        using var after = await GetMeAsync($"Bearer {secret}");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Me_WithASessionCookieButNoToken_IsRefused()
    {
        using var response = await GetMeAsync(null, cookie: "atr-session=forged");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FailedAuthentications_AreRateLimitedPerClient_ButAValidTokenStillWorks()
    {
        var secret = await _factory.TokenAsync("mike");
        for (var i = 0; i < FailedAuthenticationLimiter.MaxFailures; i++)
        {
            using var failed = await GetMeAsync("Bearer atr_wrongwrongwrongwrongwrongwrongwrong");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await GetMeAsync("Bearer atr_wrongwrongwrongwrongwrongwrongwrong");
        using var valid = await GetMeAsync($"Bearer {secret}");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task UnknownApiAddress_Answers404ProblemJsonNotAPage()
    {
        var secret = await _factory.TokenAsync("mike");

        using var response = await GetAsync("/api/v1/no-such-thing", $"Bearer {secret}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }


    private Task<HttpResponseMessage> GetMeAsync(string? authorization, string? cookie = null) => GetAsync("/api/v1/me", authorization, cookie);

    private Task<HttpResponseMessage> GetAsync(string path, string? authorization, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return _client.SendAsync(request, Cancel);
    }
}
