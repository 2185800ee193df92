using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Api;

/// <summary>
/// The public download area on the demo data, as anonymous users and mirrors' tools reach it: listings from the top
/// to each release's files, and the files themselves with entity tags, Last-Modified and ranges.
/// </summary>
public sealed class DownloadAreaTests : IAsyncDisposable
{
    private readonly AtrAppFactory _factory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task FromTheTop_EveryListingLeadsToTheReleasesFiles_WithTheirHashSignatureAndChecksum()
    {
        using var client = Client();

        using var root = await client.GetAsync("/downloads", Cancel);
        Assert.Equal((HttpStatusCode.MovedPermanently, "/downloads/"), (root.StatusCode, root.Headers.Location?.OriginalString));
        var top = await PageAsync(client, "/downloads/");
        Assert.Equal(["incubator/", "widget/"], Names(top).Where(n => n is "incubator/" or "widget/"));
        var widget = await PageAsync(client, "/downloads/widget/");
        Assert.Contains("KEYS", Names(widget));
        Assert.Contains("widget-1.1.0/", Names(widget));
        Assert.DoesNotContain(Names(widget), n => n.StartsWith("widget-1.2", StringComparison.Ordinal));
        using var noSlash = await client.GetAsync("/downloads/widget/widget-1.1.0", Cancel);
        Assert.Equal((HttpStatusCode.MovedPermanently, "/downloads/widget/widget-1.1.0/"), (noSlash.StatusCode, noSlash.Headers.Location?.OriginalString));

        var release = await PageAsync(client, "/downloads/widget/widget-1.1.0/");

        Assert.Contains("Apache Widget 1.1.0, published", release.QuerySelector("[data-testid=release-summary]")!.TextContent, StringComparison.Ordinal);
        var rows = release.QuerySelectorAll("tr[data-kind=File]");
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var href = row.QuerySelector("td.name a")!.GetAttribute("href")!;
            var content = await client.GetByteArrayAsync(href, Cancel);
            Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(content)), row.QuerySelector("td.hash")!.GetAttribute("title"));
            var links = row.QuerySelectorAll("td.links a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
            Assert.Equal([("signature (.asc)", href + ".asc"), ("checksum (.sha512)", href + ".sha512")], links);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(href + ".asc", Cancel)).StatusCode);
        }

        var commands = release.QuerySelector("[data-testid=verify-commands]")!.TextContent;
        Assert.StartsWith("curl -O http://localhost/downloads/widget/KEYS -O http://localhost/downloads/widget/widget-1.1.0/", commands, StringComparison.Ordinal);
        Assert.Contains("gpg --verify", commands, StringComparison.Ordinal);
        Assert.Contains("sha512sum -c", commands, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFile_HasAnEntityTagAndLastModified_AndAnswersConditionalAndRangeRequests()
    {
        using var client = Client();
        var release = await PageAsync(client, "/downloads/widget/widget-1.1.0/");
        var href = release.QuerySelector("tr[data-kind=File] td.name a")!.GetAttribute("href")!;

        using var whole = await client.GetAsync(href, Cancel);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var content = await whole.Content.ReadAsByteArrayAsync(Cancel);
        var tag = whole.Headers.ETag;
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA512.HashData(content))[..32]}\"", tag?.Tag);
        Assert.NotNull(whole.Content.Headers.LastModified);
        Assert.Equal("bytes", Assert.Single(whole.Headers.AcceptRanges));

        using var unchanged = new HttpRequestMessage(HttpMethod.Get, href);
        unchanged.Headers.IfNoneMatch.Add(tag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(unchanged, Cancel)).StatusCode);
        using var since = new HttpRequestMessage(HttpMethod.Get, href);
        since.Headers.IfModifiedSince = whole.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(since, Cancel)).StatusCode);

        using var range = new HttpRequestMessage(HttpMethod.Get, href);
        range.Headers.Range = new RangeHeaderValue(10, 19);
        using var partial = await client.SendAsync(range, Cancel);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[10..20], await partial.Content.ReadAsByteArrayAsync(Cancel));
        using var resumed = new HttpRequestMessage(HttpMethod.Get, href);
        resumed.Headers.Range = new RangeHeaderValue(10, 19);
        resumed.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"another\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(resumed, Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("/downloads/nobody/")]
    [InlineData("/downloads/widget/widget-9.9.9/")]
    [InlineData("/downloads/widget/widget-9.9.9/apache-widget-9.9.9-src.tar.gz")]
    [InlineData("/downloads/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/downloads/widget/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/downloads/widget/widget-1.1.0/a%0Ab")]
    [InlineData("/downloads/widget/widget-1.1.0/.atr/")]
    public async Task WhatIsNotPublished_IsNotFound_WithAPageThatSaysSo(string path)
    {
        using var client = Client();

        using var response = await client.GetAsync(path, Cancel);

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{response.StatusCode} {response.Headers} {await response.Content.ReadAsStringAsync(Cancel)}");
        if (response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/downloads/", StringComparison.Ordinal))
        {
            var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Cancel));
            Assert.Contains("Nothing is published at", page.QuerySelector("[data-testid=not-found]")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AReleaseStillInItsVote_IsNotListed()
    {
        using var client = Client();

        var widget = await PageAsync(client, "/downloads/widget/");

        Assert.DoesNotContain(Names(widget), n => n.Contains("1.2.0", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/downloads/widget/widget-1.2.0/", Cancel)).StatusCode);
    }

    private HttpClient Client() => _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<IDocument> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Cancel));
    }

    private static List<string> Names(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=download-listing] td.name a, [data-testid=download-listing] tbody td:first-child a").Select(a => a.TextContent).Distinct()];
}
