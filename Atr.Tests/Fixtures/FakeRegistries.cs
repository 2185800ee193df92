using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Atr.Tests.Fixtures;

/// <summary>
/// A local HTTP server that answers like the package registries' APIs, in each one's real JSON shape, for version
/// 1.2.0 of any package (npm also knows "v2.0.0"); any other version is missing.
/// </summary>
public sealed class FakeRegistries : IAsyncDisposable
{
    /// <summary>The hosts of the real registries, every one of which this server stands in for.</summary>
    public static readonly IReadOnlyList<string> Hosts =
        ["artifacthub.io", "staging.artifacthub.io", "hub.docker.com", "search.maven.org", "registry.npmjs.org", "pypi.org", "test.pypi.org"];

    private readonly WebApplication _app;

    private FakeRegistries(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    public string Origin { get; }

    /// <summary>The <c>Atr:Distributions:Origins</c> mapping that sends every registry here.</summary>
    public IReadOnlyDictionary<string, string> Origins => Hosts.ToDictionary(h => h, _ => Origin);

    public static async Task<FakeRegistries> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/api/v1/packages/helm/{owner}/{package}/{version}", (string version) => version == "1.2.0"
            ? Results.Json(new { name = "widget", version, available_versions = new[] { new { version, ts = 1767225600 } } })
            : Results.NotFound());
        app.MapGet("/v2/namespaces/{owner}/repositories/{package}/tags/{tag}", (string tag) => tag == "1.2.0"
            ? Results.Json(new { name = tag, tag_last_pushed = "2026-01-02T03:04:05.000000Z", tag_status = "active" })
            : Results.NotFound());
        app.MapGet("/solrsearch/select", (string q) => q.Contains("v:1.2.0", StringComparison.Ordinal)
            ? Results.Json(new { response = new { numFound = 1, docs = new[] { new { id = "org.apache.widget:widget-core:1.2.0", timestamp = 1767312000000L } } } })
            : Results.Json(new { response = new { numFound = 0, docs = Array.Empty<object>() } }));
        app.MapGet("/@{scope}/{package}", (string package) => Results.Json(NpmDocument(package)));
        app.MapGet("/{package}", (string package) => Results.Json(NpmDocument(package)));
        app.MapGet("/pypi/{package}/{version}/json", (string package, string version) => version == "1.2.0"
            ? Results.Json(new
            {
                info = new { name = package, version, release_url = $"https://pypi.org/project/{package}/{version}/" },
                urls = new[] { new { filename = $"{package}-{version}.tar.gz", upload_time_iso_8601 = "2026-01-04T05:06:07.123456Z" } },
            })
            : Results.NotFound());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeRegistries(app, address);
    }

    private static Dictionary<string, object> NpmDocument(string package) => new()
    {
        ["name"] = package,
        ["time"] = new Dictionary<string, string>
        {
            ["created"] = "2025-06-01T00:00:00.000Z",
            ["1.2.0"] = "2026-01-03T00:00:00.000Z",
            ["v2.0.0"] = "2026-02-03T00:00:00.000Z",
        },
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
