using System.Text;
using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Revisions;
using Revision = Atr.Domain.Revisions.Revision;
using Atr.Domain.Storage;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Revisions;

public sealed class RevisionServiceTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Upload_MakesOneRevisionWithTheNewFilesAndKeepsTheOthers()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<RevisionService>();
        var before = await service.FilesAsync(carl, "widget", "2.0.0-M1", "latest", Cancel);

        var created = await service.UploadAsync(carl, "widget", "2.0.0-M1",
            [await StoreAsync(database, "extra/notes.txt", "notes"), await StoreAsync(database, "CHANGES", "changes")], "the API", Cancel);

        Assert.Equal("00004", created.Number);
        Assert.Equal("Upload of 2 files through the API", created.Description);
        Assert.Equal(["CHANGES", "extra/notes.txt"], created.Changes.Added.Order(StringComparer.Ordinal));
        var after = await service.FilesAsync(carl, "widget", "2.0.0-M1", "latest", Cancel);
        Assert.Equal(before.Files.Count + 2, after.Files.Count);
        Assert.Equal(before.Files, (await service.FilesAsync(carl, "widget", "2.0.0-M1", before.Number, Cancel)).Files);
    }

    [Fact]
    public async Task Upload_SamePathAgain_ReplacesTheFileAndLeavesTheEarlierRevisionAlone()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<RevisionService>();
        var first = await service.UploadAsync(carl, "widget", "2.0.0-M1", [await StoreAsync(database, "x.txt", "one")], "the API", Cancel);

        var second = await service.UploadAsync(carl, "widget", "2.0.0-M1", [await StoreAsync(database, "x.txt", "two")], "the API", Cancel);

        Assert.EndsWith("(1 replaced)", second.Description, StringComparison.Ordinal);
        Assert.Equal(["x.txt"], second.Changes.Changed);
        var old = await service.FileAsync(carl, "widget", "2.0.0-M1", first.Number, "x.txt", Cancel);
        var current = await service.FileAsync(carl, "widget", "2.0.0-M1", second.Number, "x.txt", Cancel);
        Assert.Equal("one", await ReadAsync(database, old));
        Assert.Equal("two", await ReadAsync(database, current));
    }

    [Fact]
    public async Task Upload_DuplicatePathsOrBadPath_IsRefusedAndMakesNoRevision()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<RevisionService>();
        var twice = await StoreAsync(database, "a.txt", "a");

        var duplicate = await Assert.ThrowsAsync<DomainException>(() => service.UploadAsync(carl, "widget", "2.0.0-M1", [twice, twice], "the API", Cancel));
        var hostile = await Assert.ThrowsAsync<InvalidPathException>(() =>
            service.UploadAsync(carl, "widget", "2.0.0-M1", [twice with { Path = "../../etc/passwd" }], "the API", Cancel));

        Assert.Equal("Two files of the upload have the same path 'a.txt'", duplicate.Message);
        Assert.Contains("it contains '..'", hostile.Message, StringComparison.Ordinal);
        Assert.Equal("00003", (await service.FilesAsync(carl, "widget", "2.0.0-M1", "latest", Cancel)).Number);
    }

    [Fact]
    public async Task Changes_OutsideCompose_AreRefusedNamingThePhase()
    {
        await using var database = await template.CopyAsync();
        var rita = await ActorAsync(database, "rita");
        var before = await database.ContentHashAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            database.Get<RevisionService>().DeleteAsync(rita, "widget", "1.2.0", ["apache-widget-1.2.0-src.tar.gz"], Cancel));

        Assert.Equal("widget 1.2.0 is in the Vote phase; only a release in Compose accepts changes", error.Message);
        Assert.Equal(before, await database.ContentHashAsync());
    }

    [Fact]
    public async Task Changes_ByAnotherCommitteesCommitter_AreRefused()
    {
        await using var database = await template.CopyAsync();
        var oscar = await ActorAsync(database, "oscar");
        var before = await database.ContentHashAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            database.Get<RevisionService>().MoveAsync(oscar, "widget", "2.0.0-M1", "apache-widget-2.0.0-M1-src.tar.gz", "x.tar.gz", Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => database.Get<RevisionService>().FilesAsync(oscar, "widget", "2.0.0-M1", "latest", Cancel));

        Assert.Equal(before, await database.ContentHashAsync());
    }

    [Fact]
    public async Task Files_OfAPublishedRelease_AreForEveryone()
    {
        await using var database = await template.CopyAsync();

        var files = await database.Get<RevisionService>().FilesAsync(Actor.Anonymous, "widget", "1.1.0", "latest", Cancel);

        Assert.Equal(6, files.Files.Count);
    }

    [Fact]
    public async Task DeleteMoveRestore_EachMakeOneRevision()
    {
        await using var database = await template.CopyAsync();
        var rita = await ActorAsync(database, "rita");
        var service = database.Get<RevisionService>();

        var deleted = await service.DeleteAsync(rita, "widget", "2.0.0-M1", ["apache-widget-2.0.0-M1-bin.tar.gz.sha512"], Cancel);
        var moved = await service.MoveAsync(rita, "widget", "2.0.0-M1", "apache-widget-2.0.0-M1-bin.tar.gz", "bin/apache-widget-2.0.0-M1-bin.tar.gz", Cancel);
        var restored = await service.RestoreAsync(rita, "widget", "2.0.0-M1", "00003", Cancel);

        Assert.Equal(("00004", "Deleted apache-widget-2.0.0-M1-bin.tar.gz.sha512"), (deleted.Number, deleted.Description));
        Assert.Equal(("00005", "Moved apache-widget-2.0.0-M1-bin.tar.gz to bin/apache-widget-2.0.0-M1-bin.tar.gz"), (moved.Number, moved.Description));
        Assert.Equal(("00006", "Restored revision 00003"), (restored.Number, restored.Description));
        Assert.Equal(
            (await service.FilesAsync(rita, "widget", "2.0.0-M1", "00003", Cancel)).Files,
            (await service.FilesAsync(rita, "widget", "2.0.0-M1", "00006", Cancel)).Files);
        await using var db = await database.ContextAsync();
        string[] made = ["widget-2.0.0-M1 00004", "widget-2.0.0-M1 00005", "widget-2.0.0-M1 00006"];
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "revision.create" && made.Contains(e.EntityKey), Cancel));
    }

    [Fact]
    public async Task History_GivesEachRevisionsChangesAgainstItsParent()
    {
        await using var database = await template.CopyAsync();
        var rita = await ActorAsync(database, "rita");
        await database.Get<RevisionService>().DeleteAsync(rita, "widget", "2.0.0-M1", ["apache-widget-2.0.0-M1-src.tar.gz.asc"], Cancel);

        var history = await database.Get<RevisionService>().HistoryAsync(rita, "widget", "2.0.0-M1", Cancel);

        Assert.Equal(["00004", "00003", "00002", "00001"], history.Select(h => h.Number));
        Assert.Equal((0, 1, 0, 5), (history[0].Added, history[0].Removed, history[0].Changed, history[0].FileCount));
        Assert.Equal((0, 0, 6), (history[1].Added, history[1].Removed, history[1].Changed));
        Assert.Equal((6, 0, 0), (history[2].Added, history[2].Removed, history[2].Changed));
        Assert.Equal(0, history[3].FileCount);
    }

    [Fact]
    public async Task Compare_ListsEveryFileThatDiffers()
    {
        await using var database = await template.CopyAsync();
        var rita = await ActorAsync(database, "rita");

        var comparison = await database.Get<RevisionService>().CompareAsync(rita, "widget", "2.0.0-M1", "00002", "00003", Cancel);

        Assert.Equal(6, comparison.Changes.Count);
        Assert.All(comparison.Changes, c => Assert.NotEqual(c.Before!.Sha256, c.After!.Sha256));
        Assert.Equal(("00002", "00003"), (comparison.From, comparison.To));
    }

    [Fact]
    public async Task ConcurrentUploads_MakeConsecutiveRevisionsAndLoseNothing()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var files = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => StoreAsync(database, $"parallel/{i}.txt", $"content {i}")));

        var created = await Task.WhenAll(files.Select(file => Task.Run(() =>
            database.Get<RevisionService>().UploadAsync(carl, "widget", "2.0.0-M1", [file], "the API", Cancel))));

        Assert.Equal(Enumerable.Range(4, 8).Select(Revision.FormatNumber), created.Select(c => c.Number).Order(StringComparer.Ordinal));
        var latest = await database.Get<RevisionService>().FilesAsync(carl, "widget", "2.0.0-M1", "latest", Cancel);
        Assert.Equal(8, latest.Files.Count(f => f.Path.StartsWith("parallel/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task BeginUpload_ByAnotherCommitteesCommitterOrOutsideCompose_IsRefusedBeforeAnyContent()
    {
        await using var database = await template.CopyAsync();
        var service = database.Get<RevisionService>();
        var oscar = await ActorAsync(database, "oscar");
        var carl = await ActorAsync(database, "carl");

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.BeginUploadAsync(oscar, "widget", "2.0.0-M1", "the API", Cancel));
        var late = await Assert.ThrowsAsync<DomainException>(() => service.BeginUploadAsync(carl, "widget", "1.2.0", "the API", Cancel));
        await Assert.ThrowsAsync<NotFoundException>(() => service.BeginUploadAsync(carl, "widget", "9.9.9", "the API", Cancel));

        Assert.Equal("widget 1.2.0 is in the Vote phase; only a release in Compose accepts changes", late.Message);
    }

    [Fact]
    public async Task PendingUpload_NotCommitted_RemovesTheContentItBroughtAndNothingElse()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<RevisionService>();
        var store = database.Get<ArtifactStore>();
        var existing = (await service.FilesAsync(carl, "widget", "2.0.0-M1", "latest", Cancel)).Files[0];
        await using var stored = store.OpenRead(existing.Sha256);
        var known = new MemoryStream();
        await stored.CopyToAsync(known, Cancel);
        StoredBlob fresh;
        StoredBlob again;

        await using (var upload = await service.BeginUploadAsync(carl, "widget", "2.0.0-M1", "the API", Cancel))
        {
            fresh = await upload.StoreAsync(new MemoryStream("new content"u8.ToArray()), null, Cancel);
            known.Position = 0;
            again = await upload.StoreAsync(known, null, Cancel);
        }

        Assert.False(store.Exists(fresh.Sha256));
        Assert.Equal(existing.Sha256, again.Sha256);
        Assert.True(store.Exists(existing.Sha256));
        Assert.Empty(Directory.EnumerateFiles(store.TemporaryDirectory));
    }

    [Fact]
    public async Task PendingUpload_Refused_KeepsContentThatAConcurrentUploadCommitted()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<RevisionService>();
        var store = database.Get<ArtifactStore>();
        var content = "the same bytes twice"u8.ToArray();
        StoredBlob first;

        await using (var refused = await service.BeginUploadAsync(carl, "widget", "2.0.0-M1", "the API", Cancel))
        {
            first = await refused.StoreAsync(new MemoryStream(content), null, Cancel);
            await using var committed = await service.BeginUploadAsync(carl, "widget", "2.0.0-M1", "the API", Cancel);
            var second = await committed.StoreAsync(new MemoryStream(content), null, Cancel);
            await committed.CommitAsync([new UploadedFile("same.txt", second)], Cancel);
            await Assert.ThrowsAsync<InvalidPathException>(() => refused.CommitAsync([new UploadedFile("../same.txt", first)], Cancel));
        }

        Assert.True(store.Exists(first.Sha256));
        var file = await service.FileAsync(carl, "widget", "2.0.0-M1", "latest", "same.txt", Cancel);
        Assert.Equal("the same bytes twice", await ReadAsync(database, file));
    }

    [Fact]
    public async Task PendingUpload_Committed_KeepsItsContent()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<RevisionService>();
        StoredBlob blob;

        await using (var upload = await service.BeginUploadAsync(carl, "widget", "2.0.0-M1", "the API", Cancel))
        {
            blob = await upload.StoreAsync(new MemoryStream("kept"u8.ToArray()), null, Cancel);
            Assert.Equal("00004", (await upload.CommitAsync([new UploadedFile("kept.txt", blob)], Cancel)).Number);
        }

        Assert.True(database.Get<ArtifactStore>().Exists(blob.Sha256));
    }

    private static Task<Actor> ActorAsync(TestDatabase database, string userId) => database.Get<UserDirectory>().ResolveAsync(userId, Cancel);

    private static async Task<UploadedFile> StoreAsync(TestDatabase database, string path, string content) =>
        new(path, await database.Get<ArtifactStore>().StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), 1 << 20, null, Cancel));

    private static async Task<string> ReadAsync(TestDatabase database, ManifestEntry file)
    {
        using var reader = new StreamReader(database.Get<ArtifactStore>().OpenRead(file.Sha256));
        return await reader.ReadToEndAsync(Cancel);
    }
}
