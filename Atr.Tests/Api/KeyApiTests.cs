using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atr.Tests.Domain.Keys;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Api;

/// <summary>Keys through the API with a token, and the public KEYS file.</summary>
public sealed class KeyApiTests : IAsyncLifetime
{
    private static readonly string[] Widget = ["widget"];
    private static readonly string[] Gizmo = ["gizmo"];

    private readonly AtrAppFactory _factory = new();
    private HttpClient _client = null!;

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = await _factory.ClientAsAsync("carl");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task PostKeysFile_AnswersAnOutcomePerKey_AndTheKeysFileServesThem()
    {
        var demoKeys = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/committees/widget/keys", Cancel)).GetArrayLength();

        var response = await _client.PostAsJsonAsync("/api/v1/keys", new { armor = KeyFixtures.Text("KEYS"), committees = Widget }, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).EnumerateArray().ToList();
        Assert.Equal(["inserted", "inserted", "error", "inserted", "inserted"], outcomes.Select(o => o.GetProperty("status").GetString()));

        var key = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/keys/{KeyFixtures.Ed25519}", Cancel);
        Assert.Equal("carl", key.GetProperty("owner").GetString());
        var committeeKeys = await _client.GetFromJsonAsync<JsonElement>("/api/v1/committees/widget/keys", Cancel);
        Assert.Equal(demoKeys + 4, committeeKeys.GetArrayLength());

        using var anonymous = _factory.CreateClient();
        var keysFile = await anonymous.GetAsync("/downloads/widget/KEYS", Cancel);
        Assert.Equal(HttpStatusCode.OK, keysFile.StatusCode);
        Assert.Equal("text/plain", keysFile.Content.Headers.ContentType!.MediaType);
        Assert.Equal(demoKeys + 4, (await keysFile.Content.ReadAsStringAsync(Cancel)).Split("-----BEGIN PGP PUBLIC KEY BLOCK-----").Length - 1);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/downloads/incubator/widget/KEYS", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/downloads/incubator/gizmo/KEYS", Cancel)).StatusCode);
    }

    [Fact]
    public async Task PutKeysFileBytes_TakesEveryKeyGnuPGTakes_AndNamesTheUnusableOnes()
    {
        var bytes = await File.ReadAllBytesAsync(FixtureFiles.PathOf("Wild/KEYS-wild"), Cancel);

        var response = await _client.PutAsync("/api/v1/keys?committee=widget", new ByteArrayContent(bytes), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).EnumerateArray().ToList();
        Assert.Equal(19, outcomes.Count(o => o.GetProperty("status").GetString() == "inserted"));
        Assert.Equal(
            ["unusable: a version 3 key (PGP 2.x), which GnuPG 2.2 no longer accepts either", "unusable: no user id with a valid self-signature"],
            outcomes.Where(o => o.GetProperty("status").GetString() == "unusable").Select(o => o.GetProperty("error").GetString()).Order());
        Assert.All(outcomes.Where(o => o.GetProperty("status").GetString() == "inserted"), o => Assert.Equal("widget", o.GetProperty("linked")[0].GetString()));
    }

    [Fact]
    public async Task PutKeysFile_LargerThanAKeysFileMayBe_Is413()
    {
        var response = await _client.PutAsync("/api/v1/keys", new ByteArrayContent(new byte[Atr.Domain.Keys.KeysFile.MaxBytes + 1]), Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task BadInput_AnswersAProblemNamingIt_AndOthersKeysCannotBeDeleted()
    {
        var garbage = await _client.PostAsJsonAsync("/api/v1/keys", new { armor = "hello" }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("No ASCII-armoured public key", await garbage.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        var foreign = await _client.PostAsJsonAsync("/api/v1/keys", new { armor = KeyFixtures.Text("rsa4096.asc"), committees = Gizmo }, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/v1/keys", new { armor = KeyFixtures.Text("rsa4096.asc") }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.DeleteAsync($"/api/v1/keys/{KeyFixtures.Rsa}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/keys/0000000000000000000000000000000000000000", Cancel)).StatusCode);
    }

}
