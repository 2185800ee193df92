using System.Net;
using Atr.App.Auth;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Api;

/// <summary>
/// Atr behind a reverse proxy: the client address and scheme come from the <c>X-Forwarded-*</c> headers of trusted
/// proxies only. The in-process server has no peer address, so each app here is given one, as Kestrel would.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string WrongToken = "Bearer atr_wrongwrongwrongwrongwrongwrongwrong";

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailedAuthentications_BehindTheLoopbackProxy_CountPerForwardedClient()
    {
        await using var factory = new PeerAppFactory(IPAddress.Loopback);
        using var client = factory.CreateClient();
        var secret = await factory.TokenAsync("mike");

        for (var i = 0; i < FailedAuthenticationLimiter.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, WrongToken, "203.0.113.5"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, WrongToken, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"Bearer {secret}", "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, WrongToken, "203.0.113.6"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"Bearer {secret}", "203.0.113.6"));
    }

    [Fact]
    public async Task ForwardedFor_FromAnUntrustedPeer_IsIgnored()
    {
        await using var factory = new PeerAppFactory(IPAddress.Parse("198.51.100.7"));
        using var client = factory.CreateClient();

        for (var i = 0; i < FailedAuthenticationLimiter.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, WrongToken, $"203.0.113.{i}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, WrongToken, "203.0.113.200"));
    }

    [Theory]
    [InlineData("Atr:ForwardedHeaders:KnownProxies:0", "198.51.100.7")]
    [InlineData("Atr:ForwardedHeaders:KnownNetworks:0", "198.51.100.0/24")]
    public async Task ForwardedFor_FromAConfiguredProxy_IsBelieved(string setting, string value)
    {
        await using var factory = new PeerAppFactory(IPAddress.Parse("198.51.100.7"), settings: new Dictionary<string, string?> { [setting] = value });
        using var client = factory.CreateClient();

        for (var i = 0; i < FailedAuthenticationLimiter.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, WrongToken, "203.0.113.5"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, WrongToken, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, WrongToken, "203.0.113.6"));
    }

    [Theory]
    [InlineData("Atr:ForwardedHeaders:KnownProxies:0", "proxy.example", "'proxy.example' is not an IP address")]
    [InlineData("Atr:ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99", "'10.0.0.0/99' is not a network in CIDR notation")]
    public async Task Start_InvalidTrustedProxy_IsRefusedNamingTheSetting(string setting, string value, string message)
    {
        await using var factory = new PeerAppFactory(IPAddress.Loopback, settings: new Dictionary<string, string?> { [setting] = value });

        var error = Assert.Throws<InvalidOperationException>(() => factory.Server);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(setting[..setting.LastIndexOf(':')], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_InProduction_IsSentWhenTheProxyReceivedHttps()
    {
        await using var factory = new PeerAppFactory(IPAddress.Loopback, environment: "Production");
        using var client = factory.CreateClient();

        using var overTls = await GetAsync(client, "/healthz", forwardedProto: "https");
        using var plain = await GetAsync(client, "/healthz", forwardedProto: null);

        Assert.Contains("max-age=", overTls.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_FromAnUntrustedPeer_IsNotSent()
    {
        await using var factory = new PeerAppFactory(IPAddress.Parse("198.51.100.7"), environment: "Production");
        using var client = factory.CreateClient();

        using var response = await GetAsync(client, "/healthz", forwardedProto: "https");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string authorization, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "atr.example.org";
        request.Headers.Add("X-Forwarded-For", "203.0.113.5");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return await client.SendAsync(request, Cancel);
    }

    /// <summary>The app as reached from <paramref name="peer"/>, the address Kestrel would see (a proxy, or the client itself).</summary>
    private sealed class PeerAppFactory(IPAddress peer, string environment = "Development", IReadOnlyDictionary<string, string?>? settings = null)
        : AtrAppFactory(demoData: true, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new PeerFilter(peer)));
        }
    }

    private sealed class PeerFilter(IPAddress peer) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = peer;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
