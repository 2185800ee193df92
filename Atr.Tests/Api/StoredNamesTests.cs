using System.Net;
using Atr.Domain.Data;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Api;

/// <summary>
/// Files whose names a later rule refuses (look-alikes of '/' and '.', encoded separators) were stored by earlier
/// versions: they keep working, in the viewer and as downloads, while new ones are refused.
/// </summary>
public sealed class StoredNamesTests : IAsyncLifetime
{
    private const string Revision = "/releases/widget/2.0.0-M1/revisions/00003";

    private readonly AtrAppFactory _factory = new();
    private HttpClient _browser = null!;

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using (var connection = new SqliteConnection(AtrDatabase.ConnectionStringFor(Path.Combine(_factory.StateDirectory, AtrDatabase.FileName))))
        {
            await connection.OpenAsync(Cancel);
            await using var rename = connection.CreateCommand();
            rename.CommandText = """
                UPDATE RevisionFile SET Path = 'dist/notes%2Fold.txt'
                WHERE Id = (SELECT MIN(Id) FROM RevisionFile WHERE RevisionName = 'widget-2.0.0-M1 00003');
                UPDATE RevisionFile SET Path = 'dist/notes∕old.txt'
                WHERE Id = (SELECT MAX(Id) FROM RevisionFile WHERE RevisionName = 'widget-2.0.0-M1 00003');
                """;
            Assert.Equal(2, await rename.ExecuteNonQueryAsync(Cancel));
        }

        SqliteConnection.ClearAllPools();
        _browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await WebSession.SignInAsync(_browser, "carl");
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        await _factory.DisposeAsync();
    }

    [Theory]
    [InlineData("dist/notes%252Fold.txt", "dist/notes%2Fold.txt")]
    [InlineData("dist/notes%E2%88%95old.txt", "dist/notes∕old.txt")]
    public async Task StoredLookAlikeName_IsViewedAndDownloaded(string url, string name)
    {
        using var view = await _browser.GetAsync(new Uri($"{Revision}/view/{url}", UriKind.Relative), Cancel);
        using var raw = await _browser.GetAsync(new Uri($"{Revision}/raw/{url}", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Contains(name, WebUtility.HtmlDecode(await view.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.NotEmpty(await raw.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("dist/new%252Fname.txt", "an encoded '/'")]
    [InlineData("dist/new%E2%88%95name.txt", "which looks like '/'")]
    public async Task NewLookAlikeName_IsRefusedNamingTheRule(string url, string rule)
    {
        using var api = await _factory.ClientAsAsync("carl");

        using var response = await api.PutAsync($"/api/v1/projects/widget/releases/2.0.0-M1/files/{url}", new StringContent("x"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(rule, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
