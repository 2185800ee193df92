using System.Text;
using Atr.Domain.Access;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Storage;

public sealed class StorageSweeperTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Sweep_RemovesOnlyOldUnreferencedContent()
    {
        await using var database = await template.CopyAsync();
        var store = database.Get<ArtifactStore>();
        var carl = await database.Get<UserDirectory>().ResolveAsync("carl", Cancel);
        var kept = await store.StoreAsync(new MemoryStream("in a revision"u8.ToArray()), 1024, null, Cancel);
        await database.Get<RevisionService>().UploadAsync(carl, "widget", "2.0.0-M1", [new UploadedFile("kept.txt", kept)], "the API", Cancel);
        var abandoned = await store.StoreAsync(new MemoryStream("never committed"u8.ToArray()), 1024, null, Cancel);
        database.Time.Advance(StorageSweeper.GracePeriod + TimeSpan.FromMinutes(1));
        var fresh = await store.StoreAsync(new MemoryStream("upload in progress"u8.ToArray()), 1024, null, Cancel);

        var result = await database.Get<StorageSweeper>().SweepAsync(Cancel);

        Assert.Equal(1, result.BlobsDeleted);
        Assert.Equal("never committed".Length, result.BytesFreed);
        Assert.False(store.Exists(abandoned.Sha256));
        Assert.True(store.Exists(kept.Sha256));
        Assert.True(store.Exists(fresh.Sha256));
    }

    [Fact]
    public async Task Sweep_AfterADraftIsDeleted_CollectsItsContentOnceOld()
    {
        await using var database = await template.CopyAsync();
        var store = database.Get<ArtifactStore>();
        var rita = await database.Get<UserDirectory>().ResolveAsync("rita", Cancel);
        var only = await store.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes("only in the draft")), 1024, null, Cancel);
        await database.Get<RevisionService>().UploadAsync(rita, "widget", "2.0.0-M1", [new UploadedFile("only.txt", only)], "the API", Cancel);
        await database.Get<ReleaseService>().DeleteDraftAsync(rita, "widget", "2.0.0-M1", Cancel);

        var tooSoon = await database.Get<StorageSweeper>().SweepAsync(Cancel);
        database.Time.Advance(StorageSweeper.GracePeriod + TimeSpan.FromMinutes(1));
        var later = await database.Get<StorageSweeper>().SweepAsync(Cancel);

        Assert.Equal(0, tooSoon.BlobsDeleted);
        Assert.True(later.BlobsDeleted >= 1, "the draft's own content is collected");
        Assert.False(store.Exists(only.Sha256));
        var published = await database.Get<RevisionService>().FilesAsync(rita, "widget", "1.1.0", "latest", Cancel);
        Assert.All(published.Files, f => Assert.True(store.Exists(f.Sha256)));
    }
}
