using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Atr.Tests.Api;

public sealed class ReleaseApiTests : IAsyncLifetime
{
    private static readonly string[] StoreFolders = ["blobs", "tmp"];

    private readonly AtrAppFactory _factory = new(settings: new Dictionary<string, string?> { ["Atr:Limits:MaxUploadBytes"] = "1048576" });
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
    public async Task StartRelease_CreatesADraftWithRevision00001()
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/projects/widget/releases", new { version = "3.0.0" }, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/projects/widget/releases/3.0.0", response.Headers.Location?.OriginalString);
        var release = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("release_candidate_draft", release.GetProperty("phase").GetString());
        Assert.Equal("00001", release.GetProperty("latestRevision").GetString());
    }

    [Theory]
    [InlineData("1.2.0", HttpStatusCode.Conflict, "widget 1.2.0 already exists")]
    [InlineData("1..0", HttpStatusCode.BadRequest, "two separators")]
    [InlineData(null, HttpStatusCode.BadRequest, "A version is required")]
    public async Task StartRelease_BadVersion_AnswersAProblemNamingIt(string? version, HttpStatusCode status, string detail)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/projects/widget/releases", new { version }, Cancel);

        await AssertProblemAsync(response, status, detail);
    }

    [Fact]
    public async Task PutFile_StreamsItAndAnswersTheRevisionAndHashes()
    {
        var content = RandomNumberGenerator.GetBytes(300_000);

        using var response = await _client.PutAsync("/api/v1/projects/widget/releases/2.0.0-M1/files/dist/apache-widget-2.0.0-M1-extra.zip",
            new ByteArrayContent(content), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var upload = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("00004", upload.GetProperty("revision").GetString());
        var file = upload.GetProperty("files")[0];
        Assert.Equal("dist/apache-widget-2.0.0-M1-extra.zip", file.GetProperty("path").GetString());
        Assert.Equal(content.Length, file.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(content)), file.GetProperty("sha512").GetString());
        var files = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/widget/releases/2.0.0-M1/revisions/latest/files", Cancel);
        Assert.Equal(7, files.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task PostMultipart_ManyFilesMakeOneRevision()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("dist"), "folder" },
            { new ByteArrayContent("one"u8.ToArray()), "file", "one.txt" },
            { new ByteArrayContent("two"u8.ToArray()), "file", "sub/two.txt" },
            { new ByteArrayContent("three"u8.ToArray()), "file", "three.txt" },
        };

        using var response = await _client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", form, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var upload = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("00004", upload.GetProperty("revision").GetString());
        Assert.Equal("Upload of 3 files through the API", upload.GetProperty("description").GetString());
        Assert.Equal(["dist/one.txt", "dist/sub/two.txt", "dist/three.txt"],
            upload.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData("../../etc/passwd", "it contains '..'")]
    [InlineData(".htaccess", "starts with '.'")]
    [InlineData("evil\u202Egpj.exe", "invisible formatting character")]
    [InlineData("C:/windows/x", "drive letter")]
    public async Task PostMultipart_HostileFileName_IsRefusedAndNothingChanges(string name, string rule)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent("x"u8.ToArray());
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = name };
        form.Add(part);

        using var response = await _client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", form, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, rule);
        Assert.Equal("00003", await LatestAsync("2.0.0-M1"));
    }

    [Fact]
    public async Task PutFile_LargerThanTheLimit_Answers413WithTheLimit()
    {
        using var response = await _client.PutAsync("/api/v1/projects/widget/releases/2.0.0-M1/files/big.bin",
            new ByteArrayContent(new byte[(1 << 20) + 1]), Cancel);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than the limit of 1 MiB");
        Assert.Equal("00003", await LatestAsync("2.0.0-M1"));
    }

    [Fact]
    public async Task PutFile_ChunkedBodyBeyondTheLimit_Answers413()
    {
        var content = new StreamContent(new MemoryStream(new byte[(1 << 20) + 10]));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/projects/widget/releases/2.0.0-M1/files/big.bin") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("00003", await LatestAsync("2.0.0-M1"));
    }

    [Fact]
    public async Task PutFile_OutsideCompose_IsRefusedNamingThePhase()
    {
        using var response = await _client.PutAsync("/api/v1/projects/widget/releases/1.2.0/files/late.txt", new StringContent("late"), Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "widget 1.2.0 is in the Vote phase; only a release in Compose accepts changes");
    }

    [Fact]
    public async Task PutFile_ByAnotherCommitteesCommitter_Answers403AndStoresNothing()
    {
        using var client = await _factory.ClientAsAsync("oscar");
        var content = RandomNumberGenerator.GetBytes(900_000);
        var before = StoredFiles();

        using var response = await client.PutAsync("/api/v1/projects/widget/releases/2.0.0-M1/files/x.bin", new ByteArrayContent(content), Cancel);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "you must be a committer of widget");
        Assert.Equal(before, StoredFiles());
    }

    [Fact]
    public async Task PutFile_OutsideCompose_StoresNothing()
    {
        var before = StoredFiles();

        using var response = await _client.PutAsync("/api/v1/projects/widget/releases/1.2.0/files/late.bin",
            new ByteArrayContent(RandomNumberGenerator.GetBytes(500_000)), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, StoredFiles());
    }

    [Fact]
    public async Task PostMultipart_ByAnotherCommitteesCommitter_Answers403AndStoresNothing()
    {
        using var client = await _factory.ClientAsAsync("oscar");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(RandomNumberGenerator.GetBytes(500_000)), "file", "x.bin" } };
        var before = StoredFiles();

        using var response = await client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", form, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "you must be a committer of widget");
        Assert.Equal(before, StoredFiles());
    }

    [Fact]
    public async Task PostMultipart_LaterPartBeyondTheLimit_KeepsNothingOfTheUpload()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(RandomNumberGenerator.GetBytes(400_000)), "file", "first.bin" },
            { new ByteArrayContent(RandomNumberGenerator.GetBytes(300_000)), "file", "second.bin" },
            { new ByteArrayContent(new byte[(1 << 20) + 1]), "file", "big.bin" },
        };
        var before = StoredFiles();

        using var response = await _client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", form, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "larger than the limit of 1 MiB");
        Assert.Equal(before, StoredFiles());
        Assert.Equal("00003", await LatestAsync("2.0.0-M1"));
    }

    [Fact]
    public async Task PostMultipart_LaterPartWithAHostileName_KeepsNothingOfTheUpload()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(RandomNumberGenerator.GetBytes(200_000)), "file", "first.bin" },
            { new ByteArrayContent("x"u8.ToArray()), "file", "../second.bin" },
        };
        var before = StoredFiles();

        using var response = await _client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", form, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "it contains '..'");
        Assert.Equal(before, StoredFiles());
    }

    [Fact]
    public async Task PostMultipart_TruncatedBody_Answers400NamingItAndKeepsNothing()
    {
        var body = new MemoryStream();
        body.Write("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nwhole\r\n"u8);
        body.Write("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.txt\"\r\n\r\n"u8);
        body.Write(RandomNumberGenerator.GetBytes(100_000));
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        var before = StoredFiles();

        using var response = await _client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", content, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "The multipart body ends before its closing boundary (1 file read whole)");
        Assert.Equal(before, StoredFiles());
        Assert.Equal("00003", await LatestAsync("2.0.0-M1"));
    }

    [Fact]
    public async Task PostMultipart_UnreadablePartHeaders_Answers400()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes($"--cut\r\n{new string('h', 20_000)}\r\n\r\nx\r\n--cut--\r\n"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        using var response = await _client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", content, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "The multipart body cannot be read");
    }

    [Fact]
    public async Task ParallelUploads_MakeConsecutiveRevisionsTheLastHoldingEveryFile()
    {
        var uploads = Enumerable.Range(0, 6).Select(i =>
            _client.PutAsync($"/api/v1/projects/widget/releases/2.0.0-M1/files/parallel/{i}.txt", new StringContent($"file {i}"), Cancel));

        var responses = await Task.WhenAll(uploads);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("revision").GetString()!);
            response.Dispose();
        }

        Assert.Equal(["00004", "00005", "00006", "00007", "00008", "00009"], numbers.Order(StringComparer.Ordinal));
        var files = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/widget/releases/2.0.0-M1/revisions/latest/files", Cancel);
        Assert.Equal(6, files.GetProperty("files").EnumerateArray().Count(f => f.GetProperty("path").GetString()!.StartsWith("parallel/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetRelease_GivesPhaseAndRevisionsWithChanges()
    {
        var release = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/widget/releases/2.0.0-M1", Cancel);

        Assert.Equal("release_candidate_draft", release.GetProperty("phase").GetString());
        Assert.Equal("00003", release.GetProperty("latestRevision").GetString());
        var revisions = release.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal(["00003", "00002", "00001"], revisions.Select(r => r.GetProperty("number").GetString()));
        Assert.Equal(6, revisions[1].GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task Downloads_FileIsAnAttachmentAndTheRevisionAZip()
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await WebSession.SignInAsync(browser, "carl");

        using var file = await browser.GetAsync("/releases/widget/2.0.0-M1/revisions/00003/raw/apache-widget-2.0.0-M1-src.tar.gz.sha512", Cancel);
        using var zip = await browser.GetAsync("/releases/widget/2.0.0-M1/revisions/00003/zip", Cancel);

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/octet-stream", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.EndsWith("  apache-widget-2.0.0-M1-src.tar.gz\n", await file.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        await using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync(Cancel));
        Assert.Equal(6, archive.Entries.Count);
        Assert.All(archive.Entries, e => Assert.StartsWith("widget-2.0.0-M1-00003/", e.FullName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Downloads_OfADraft_AreNotFoundForOutsiders()
    {
        using var anonymous = _factory.CreateClient();

        using var response = await anonymous.GetAsync("/releases/widget/2.0.0-M1/revisions/00003/raw/apache-widget-2.0.0-M1-src.tar.gz", Cancel);
        using var published = await anonymous.GetAsync("/releases/widget/1.1.0/revisions/latest/raw/apache-widget-1.1.0-src.tar.gz", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    [Fact]
    public async Task Checks_WithWait_AnswerOnceTheNewRevisionsChecksAreDone()
    {
        var archive = "not really an archive"u8.ToArray();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(archive), "file", "apache-widget-2.0.0-M1-bin.tar.gz" },
            { new StringContent($"{new string('0', 128)}  apache-widget-2.0.0-M1-bin.tar.gz"), "file", "apache-widget-2.0.0-M1-bin.tar.gz.sha512" },
            { new StringContent($"{Convert.ToHexStringLower(SHA256.HashData(archive))} *apache-widget-2.0.0-M1-bin.tar.gz"), "file",
                "apache-widget-2.0.0-M1-bin.tar.gz.sha256" },
        };
        using var upload = await _client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", form, Cancel);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var checks = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/widget/releases/2.0.0-M1/revisions/latest/checks?wait=30", Cancel);

        Assert.Equal("00004", checks.GetProperty("revision").GetString());
        Assert.True(checks.GetProperty("complete").GetBoolean(), checks.ToString());
        var counts = checks.GetProperty("counts");
        Assert.Equal((0, 0, 0), (counts.GetProperty("queued").GetInt32(), counts.GetProperty("active").GetInt32(), counts.GetProperty("failed").GetInt32()));
        var hashing = checks.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("checker").GetString() == "hashing" && r.GetProperty("primaryRelPath").GetString()!.StartsWith("apache-widget-2.0.0-M1-bin", StringComparison.Ordinal))
            .ToDictionary(r => r.GetProperty("primaryRelPath").GetString()!);
        var wrong = hashing["apache-widget-2.0.0-M1-bin.tar.gz.sha512"];
        Assert.Equal("failure", wrong.GetProperty("status").GetString());
        Assert.Equal(new string('0', 128), wrong.GetProperty("data").GetProperty("expected").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(archive)), wrong.GetProperty("data").GetProperty("computed").GetString());
        Assert.Equal("success", hashing["apache-widget-2.0.0-M1-bin.tar.gz.sha256"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Checks_OfAnUnknownRevision_Answer404()
    {
        using var response = await _client.GetAsync("/api/v1/projects/widget/releases/2.0.0-M1/revisions/00099/checks", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "Revision 00099 of widget 2.0.0-M1");
    }

    /// <summary>Every file in the state folder's blob store and temporary folder.</summary>
    private string[] StoredFiles() =>
        StoreFolders
            .Select(folder => Path.Combine(_factory.StateDirectory, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private async Task<string> LatestAsync(string version) =>
        (await _client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/widget/releases/{version}", Cancel)).GetProperty("latestRevision").GetString()!;


    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.True(status == response.StatusCode, $"{response.StatusCode} allow={string.Join(",", response.Content.Headers.Allow)} {await response.Content.ReadAsStringAsync(Cancel)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);
    }
}
