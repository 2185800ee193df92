using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Mail;
using Atr.Domain.Publishing;
using Atr.Domain.Releases;
using Atr.Tests.Domain.Voting;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Publishing;

public sealed class AnnounceServiceTests
{
    internal const string Archive = "apache-widget-1.0.0-src.tar.gz";

    /// <summary>An archive with its signature and checksum, a file in a folder, and a control file (never published).</summary>
    internal static readonly string[] Files = [Archive, $"{Archive}.asc", $"{Archive}.sha512", "docs/README.txt", ".atr/license-headers-ignore"];

    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task Announcing_PublishesTheFilesInTheirOwnFolder_MarksTheReleasePublished_AndQueuesTheAnnouncement()
    {
        await using var fixture = await FinishedAsync();
        var announcements = fixture.Database.Get<AnnounceService>();

        var published = await announcements.AnnounceAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0",
            new AnnounceRequest("00003", "announce@apache.org", Body: "Get [PROJECT] [VERSION] from [DOWNLOAD_URL]"), Cancel);

        Assert.Equal(("http://localhost:5080/downloads/widget/widget-1.0.0/", 4), (published.DownloadUrl, published.FileCount));
        var release = await fixture.ReleaseAsync();
        Assert.Equal((ReleasePhase.Release, "widget/widget-1.0.0", (DateTime?)Seed.Now.AddHours(72)), (release.Phase, release.DownloadFolder, release.Released));
        var folder = Path.Combine(fixture.Database.Folder, "downloads", "widget", "widget-1.0.0");
        Assert.Equal($"content of {Archive}", await File.ReadAllTextAsync(Path.Combine(folder, Archive), Cancel));
        Assert.Equal("content of docs/README.txt", await File.ReadAllTextAsync(Path.Combine(folder, "docs", "README.txt"), Cancel));
        Assert.False(Directory.Exists(Path.Combine(folder, ".atr")), "Atr's control files are not published");
        var downloads = fixture.Database.Get<PublishedDownloads>();
        Assert.Equal(Path.Combine(folder, Archive), (await downloads.FileAsync($"widget/widget-1.0.0/{Archive}", Cancel))?.FullPath);
        Assert.Null(await downloads.FileAsync("widget/widget-1.0.0/missing.txt", Cancel));
        var mail = (await fixture.OutboxAsync()).Last();
        Assert.Equal((MailKind.Announcement, "[ANNOUNCE] Apache Widget 1.0.0 released"), (mail.Kind, mail.Subject));
        Assert.Equal("Get Widget 1.0.0 from http://localhost:5080/downloads/widget/widget-1.0.0/", mail.Body);
        Assert.Equal(["announce@apache.org"], mail.Recipients);
    }

    [Theory]
    [InlineData(PublishStep.Materialise)]
    [InlineData(PublishStep.Rename)]
    [InlineData(PublishStep.MarkPublished)]
    public async Task ACrashBetweenSteps_LeavesTheReleaseUnpublishedAndUnserved_AndTheNextStartCompletesIt(PublishStep step)
    {
        await using var fixture = await FinishedAsync();
        var announcements = fixture.Database.Get<AnnounceService>();
        announcements.BeforeStep = s => s == step ? throw new IOException($"crash before {s}") : Task.CompletedTask;

        var stopped = await Assert.ThrowsAsync<DomainException>(() => AnnounceAsync(fixture));

        Assert.Equal($"The files of widget 1.0.0 could not be placed (crash before {step}); the announcement is recorded and completes when you announce again or when Atr next starts",
            stopped.Message);

        Assert.Equal(ReleasePhase.ReleasePreview, (await fixture.ReleaseAsync()).Phase);
        var downloads = fixture.Database.Get<PublishedDownloads>();
        Assert.Null(await downloads.FileAsync($"widget/widget-1.0.0/{Archive}", Cancel));
        Assert.Null(await downloads.ListAsync("widget/widget-1.0.0", Cancel));
        Assert.DoesNotContain(await fixture.OutboxAsync(), m => m.Kind == MailKind.Announcement);
        var form = await announcements.FormAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0", Cancel);
        Assert.StartsWith("The announcement rita made", form.Pending, StringComparison.Ordinal);
        var moved = await Assert.ThrowsAsync<DomainException>(async () => await fixture.Database.Get<FinishService>().MoveAsync(
            await fixture.ActorAsync("rita"), "widget", "1.0.0", ["docs/README.txt"], "other", Cancel));
        Assert.Equal("widget 1.0.0 is being published; its files stay as they are until the announcement completes", moved.Message);

        announcements.BeforeStep = _ => Task.CompletedTask;
        Assert.Equal(1, await announcements.ResumePendingAsync(Cancel));

        Assert.Equal(ReleasePhase.Release, (await fixture.ReleaseAsync()).Phase);
        Assert.NotNull(await downloads.FileAsync($"widget/widget-1.0.0/{Archive}", Cancel));
        Assert.Single(await fixture.OutboxAsync(), m => m.Kind == MailKind.Announcement);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(fixture.Database.Folder, "downloads", ".staging")));
        Assert.Equal(0, await announcements.ResumePendingAsync(Cancel));
    }

    [Theory]
    [InlineData("/../escape/", "not allowed")]
    [InlineData("/a//b/", "has an empty folder name (//)")]
    [InlineData("/", "in a folder of its own")]
    [InlineData("/taken/", "/downloads/widget/taken/ is taken: published files are never replaced")]
    [InlineData("/.atr/x/", "has a folder starting with '.'")]
    public async Task ABadOrTakenDownloadPath_IsRefused_AndNothingIsWritten(string path, string expected)
    {
        await using var fixture = await FinishedAsync();
        Directory.CreateDirectory(Path.Combine(fixture.Database.Folder, "downloads", "widget", "taken"));
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAnyAsync<DomainException>(() => AnnounceAsync(fixture, path));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
        Assert.Equal(["taken"], Directory.EnumerateDirectories(Path.Combine(fixture.Database.Folder, "downloads", "widget")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task OnlyMembersAnnounce_OnlyFromFinish_AndOnlyToTheProjectsLists()
    {
        await using var fixture = await FinishedAsync();
        var announcements = fixture.Database.Get<AnnounceService>();

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await announcements.AnnounceAsync(await fixture.ActorAsync("carl"), "widget", "1.0.0",
            new AnnounceRequest(null, "announce@apache.org"), Cancel));
        var list = await Assert.ThrowsAsync<DomainException>(async () => await announcements.AnnounceAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0",
            new AnnounceRequest(null, "private@widget.apache.org"), Cancel));
        Assert.Equal("An announcement of widget goes to one of dev@widget.apache.org, announce@apache.org; 'private@widget.apache.org' is not one of them", list.Message);

        await using var draft = await VoteFixture.CreateAsync(files: Files);
        var phase = await Assert.ThrowsAsync<DomainException>(async () => await draft.Database.Get<AnnounceService>().AnnounceAsync(
            await draft.ActorAsync("rita"), "widget", "1.0.0", new AnnounceRequest(null, "announce@apache.org"), Cancel));
        Assert.Equal("widget 1.0.0 is in the Compose phase; a release is announced from Finish", phase.Message);
    }

    private static async Task<VoteFixture> FinishedAsync()
    {
        var fixture = await VoteFixture.CreateAsync(files: Files);
        await fixture.PassAsync();
        return fixture;
    }

    private static async Task<Published> AnnounceAsync(VoteFixture fixture, string? path = null) =>
        await fixture.Database.Get<AnnounceService>().AnnounceAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0",
            new AnnounceRequest(null, "announce@apache.org", DownloadPath: path), Cancel);
}
