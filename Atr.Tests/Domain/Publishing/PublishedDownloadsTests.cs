using System.Security.Cryptography;
using System.Text;
using Atr.Domain.Publishing;
using Atr.Tests.Domain.Voting;

namespace Atr.Tests.Domain.Publishing;

public sealed class PublishedDownloadsTests
{
    private const string Archive = AnnounceServiceTests.Archive;

    private static readonly string[] Files = AnnounceServiceTests.Files;

    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task TheArea_ListsCommitteesReleasesAndFiles_EachFileWithItsHashSignatureAndChecksum()
    {
        await using var fixture = await AnnouncedAsync();
        var downloads = fixture.Database.Get<PublishedDownloads>();

        var top = await downloads.ListAsync("", Cancel);
        var widget = await downloads.ListAsync("widget", Cancel);
        var release = await downloads.ListAsync("widget/widget-1.0.0/", Cancel);
        var docs = await downloads.ListAsync("widget/widget-1.0.0/docs", Cancel);

        Assert.Equal([("incubator", "No release published yet"), ("widget", "1 published release")],
            top!.Entries.Select(e => (e.Name, e.Description)));
        Assert.Equal([("KEYS", DownloadEntryKind.Keys, "The committee's signing keys, to verify its releases with"), ("widget-1.0.0", DownloadEntryKind.Folder, "4 files: Apache Widget 1.0.0")],
            widget!.Entries.Select(e => (e.Name, e.Kind, e.Description)));
        var file = Assert.Single(release!.Entries, e => e.Kind == DownloadEntryKind.File);
        var sha512 = Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes($"content of {Archive}")));
        Assert.Equal((Archive, $"widget/widget-1.0.0/{Archive}", sha512, $"widget/widget-1.0.0/{Archive}.asc", $"widget/widget-1.0.0/{Archive}.sha512"),
            (file.Name, file.Path, file.Sha512, file.Signature, file.Checksum));
        Assert.Equal([("docs", DownloadEntryKind.Folder), (Archive, DownloadEntryKind.File)], release.Entries.Select(e => (e.Name, e.Kind)));
        Assert.Equal(("widget", "1.0.0", "Apache Widget 1.0.0", "widget/KEYS"), (release.Release!.Project, release.Release.Version, release.Release.Title, release.Release.Keys));
        Assert.Equal([("README.txt", "widget/widget-1.0.0/docs/README.txt")], docs!.Entries.Select(e => (e.Name, e.Path)));
        Assert.Null(await downloads.ListAsync("widget/widget-1.0.0/.atr", Cancel));
        Assert.Null(await downloads.FileAsync("widget/widget-1.0.0/.atr/license-headers-ignore", Cancel));
    }

    [Fact]
    public async Task AReleaseNotYetAnnounced_IsNeitherListedNorServed()
    {
        await using var fixture = await VoteFixture.CreateAsync(files: Files);
        await fixture.PassAsync();
        var downloads = fixture.Database.Get<PublishedDownloads>();

        Assert.Equal(["KEYS"], (await downloads.ListAsync("widget", Cancel))!.Entries.Select(e => e.Name));
        Assert.Null(await downloads.ListAsync("widget/widget-1.0.0", Cancel));
        Assert.Null(await downloads.FileAsync($"widget/widget-1.0.0/{Archive}", Cancel));
        Assert.Null(await downloads.ListAsync("nobody", Cancel));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("widget/../../etc")]
    [InlineData("widget/widget-1.0.0/../../../etc/passwd")]
    [InlineData("widget\\widget-1.0.0")]
    [InlineData("widget/\u0000")]
    [InlineData("/etc/passwd")]
    public async Task AHostilePath_IsNotFound(string path)
    {
        await using var fixture = await AnnouncedAsync();
        var downloads = fixture.Database.Get<PublishedDownloads>();

        Assert.Null(await downloads.FileAsync(path, Cancel));
        Assert.Null(await downloads.ListAsync(path, Cancel));
    }

    private static async Task<VoteFixture> AnnouncedAsync()
    {
        var fixture = await VoteFixture.CreateAsync(files: Files);
        await fixture.PassAsync();
        await fixture.Database.Get<AnnounceService>().AnnounceAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0",
            new AnnounceRequest(null, "announce@apache.org"), Cancel);
        return fixture;
    }
}
