using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Tests.Domain.Voting;

namespace Atr.Tests.Domain.Releases;

public sealed class FinishServiceTests
{
    private const string Archive = "apache-widget-1.0.0-rc1-src.tar.gz";

    private static readonly string[] Files =
        [Archive, $"{Archive}.asc", $"{Archive}.sha512", "apache-widget-1.0.0-rc1-bin.zip", "RC1/README.txt", "docs/README.txt"];

    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task MovingAnArtifact_TakesItsSignatureAndChecksums_AndChoosingASignatureTakesTheArtifact()
    {
        await using var fixture = await FinishingAsync();
        var rita = await fixture.ActorAsync("rita");
        var finish = fixture.Database.Get<FinishService>();

        var moved = await finish.MoveAsync(rita, "widget", "1.0.0", [$"{Archive}.asc"], "source", Cancel);

        Assert.Equal(("00004", "Moved 3 files to source"), (moved.Number, moved.Description));
        var files = await PathsAsync(fixture, rita);
        Assert.Contains($"source/{Archive}", files);
        Assert.Contains($"source/{Archive}.asc", files);
        Assert.Contains($"source/{Archive}.sha512", files);
        Assert.DoesNotContain(Archive, files);
        var revision = (await fixture.Database.Get<RevisionService>().HistoryAsync(rita, "widget", "1.0.0", Cancel))[0];
        Assert.Equal(ReleasePhase.ReleasePreview, revision.Phase);
    }

    [Fact]
    public async Task AMoveThatWouldReplaceAFile_IsRefused_AndChangesNothing()
    {
        await using var fixture = await FinishingAsync();
        var rita = await fixture.ActorAsync("rita");
        var before = await fixture.Database.ContentHashAsync();

        var finish = fixture.Database.Get<FinishService>();

        var collision = await Assert.ThrowsAsync<DomainException>(() => finish.MoveAsync(rita, "widget", "1.0.0", ["RC1/README.txt", "docs/README.txt"], "all", Cancel));
        var itself = await Assert.ThrowsAsync<DomainException>(() => finish.MoveAsync(rita, "widget", "1.0.0", ["docs"], "docs/old", Cancel));
        var there = await Assert.ThrowsAsync<DomainException>(() => finish.MoveAsync(rita, "widget", "1.0.0", [Archive], "", Cancel));

        Assert.Equal("'all/README.txt' already exists", collision.Message);
        Assert.Equal("'docs' cannot be moved into itself", itself.Message);
        Assert.Equal("Everything chosen is already in the top folder", there.Message);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task RemovingCandidateMarkers_PreviewsThenRenamesEveryPath()
    {
        await using var fixture = await FinishingAsync();
        var rita = await fixture.ActorAsync("rita");
        var finish = fixture.Database.Get<FinishService>();

        var renames = await finish.CandidateMarkerRenamesAsync(rita, "widget", "1.0.0", Cancel);

        Assert.Equal(
        [
            new Rename("RC1/README.txt", "README.txt"),
            new Rename("apache-widget-1.0.0-rc1-bin.zip", "apache-widget-1.0.0-bin.zip"),
            new Rename(Archive, "apache-widget-1.0.0-src.tar.gz"),
            new Rename($"{Archive}.asc", "apache-widget-1.0.0-src.tar.gz.asc"),
            new Rename($"{Archive}.sha512", "apache-widget-1.0.0-src.tar.gz.sha512"),
        ], renames);
        await finish.RemoveCandidateMarkersAsync(rita, "widget", "1.0.0", Cancel);
        Assert.Equal(
            ["README.txt", "apache-widget-1.0.0-bin.zip", "apache-widget-1.0.0-src.tar.gz", "apache-widget-1.0.0-src.tar.gz.asc",
                "apache-widget-1.0.0-src.tar.gz.sha512", "docs/README.txt"],
            await PathsAsync(fixture, rita));
        Assert.Empty(await finish.CandidateMarkerRenamesAsync(rita, "widget", "1.0.0", Cancel));
    }

    [Theory]
    [InlineData("apache-widget-1.2.0-RC3.tar.gz", "apache-widget-1.2.0.tar.gz")]
    [InlineData("1.2.0-rc.2/widget.zip", "1.2.0/widget.zip")]
    [InlineData("candidate-4/widget.zip", "widget.zip")]
    [InlineData("widget-src1.zip", "widget-src1.zip")]
    [InlineData("widget_candidate1_bin.zip", "widget_bin.zip")]
    public void CandidateMarkers_AreRemovedFromNamesOnly(string path, string expected) =>
        Assert.Equal(expected, FinishService.WithoutCandidateMarkers(path));

    [Fact]
    public async Task OnlyFinishRevisions_AreRestored_AndOnlyMembersFinish()
    {
        await using var fixture = await FinishingAsync();
        var rita = await fixture.ActorAsync("rita");
        var finish = fixture.Database.Get<FinishService>();
        await finish.RemoveCandidateMarkersAsync(rita, "widget", "1.0.0", Cancel);

        var compose = await Assert.ThrowsAsync<DomainException>(() => finish.RestoreAsync(rita, "widget", "1.0.0", "00002", Cancel));
        Assert.Equal("Revision 00002 was made in Compose; only revisions made in Finish can be restored here", compose.Message);
        var restored = await finish.RestoreAsync(rita, "widget", "1.0.0", "00003", Cancel);
        Assert.Contains(Archive, await PathsAsync(fixture, rita));
        Assert.Equal("Restored revision 00003", restored.Description);
        var carl = await fixture.ActorAsync("carl");
        await Assert.ThrowsAsync<AccessDeniedException>(() => finish.MoveAsync(carl, "widget", "1.0.0", ["docs"], "other", Cancel));
    }

    [Fact]
    public async Task BeforeTheVotePassed_NothingIsFinished()
    {
        await using var fixture = await VoteFixture.CreateAsync(files: Files);

        var rita = await fixture.ActorAsync("rita");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Database.Get<FinishService>().RemoveCandidateMarkersAsync(rita, "widget", "1.0.0", Cancel));

        Assert.Equal("widget 1.0.0 is in the Compose phase; files are arranged for publication in Finish", refused.Message);
    }

    private static async Task<VoteFixture> FinishingAsync()
    {
        var fixture = await VoteFixture.CreateAsync(files: Files);
        await fixture.PassAsync();
        return fixture;
    }

    private static async Task<List<string>> PathsAsync(VoteFixture fixture, Actor actor) =>
        (await fixture.Database.Get<RevisionService>().FilesAsync(actor, "widget", "1.0.0", "latest", Cancel)).Files
            .Select(f => f.Path).Order(StringComparer.Ordinal).ToList();
}
