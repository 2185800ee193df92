using System.Net;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Atr.Tests.Api;

/// <summary>The compare page's download: a file's unified diff between two revisions, for those who may review them.</summary>
public sealed class DiffDownloadTests
{
    private const string Diff = "/releases/widget/2.0.0-M1/compare/00004/00005/diff/docs/notes.txt";

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnifiedDiff_IsAnAttachmentInTheFormatOfDiffU()
    {
        await using var factory = new AtrAppFactory();
        await UploadTwiceAsync(factory);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await WebSession.SignInAsync(browser, "carl");

        using var response = await browser.GetAsync(new Uri(Diff, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("notes.txt.00004-00005.diff", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(
            "--- 00004/docs/notes.txt\n+++ 00005/docs/notes.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n",
            await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("oscar")]
    public async Task UnifiedDiff_OfADraft_IsNotFoundForOutsiders(string? userId)
    {
        await using var factory = new AtrAppFactory();
        await UploadTwiceAsync(factory);
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        if (userId is not null)
        {
            await WebSession.SignInAsync(browser, userId);
        }

        using var response = await browser.GetAsync(new Uri(Diff, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("three", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private static async Task UploadTwiceAsync(AtrAppFactory factory)
    {
        using var api = await factory.ClientAsAsync("carl");
        foreach (var text in new[] { "one\ntwo\nthree\n", "one\n2\nthree\n" })
        {
            using var response = await api.PutAsync("/api/v1/projects/widget/releases/2.0.0-M1/files/docs/notes.txt", new StringContent(text), Cancel);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }
}
