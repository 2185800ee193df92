using Atr.Domain.Access;
using Atr.Domain.Storage;
using Atr.Tests.Domain.Voting;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Storage;

public sealed class StorageConsistencyTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task AnIntactStore_IsHealthy_AndTheReportIsKept()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var consistency = fixture.Database.Get<StorageConsistency>();
        var alice = await fixture.ActorAsync("alice");

        var report = await consistency.CheckAsync(alice, Cancel);

        Assert.True(report.Healthy);
        Assert.True(report.BlobsChecked > 0);
        Assert.Equal(0, report.Orphaned);
        Assert.Equal(report, await consistency.LatestAsync(alice, Cancel), new ReportComparer());
    }

    [Fact]
    public async Task ACorruptedBlob_AMissingOne_AndAnOrphan_AreEachFound()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var store = fixture.Database.Get<ArtifactStore>();
        List<string> referenced;
        await using (var db = await fixture.Database.ContextAsync())
        {
            referenced = await db.RevisionFiles.Select(f => f.Sha256).Distinct().OrderBy(s => s).ToListAsync(Cancel);
        }

        var corrupted = store.PathOf(referenced[0]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(corrupted, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await File.AppendAllTextAsync(corrupted, "tampered", Cancel);
        store.Delete(referenced[1]);
        var orphan = await store.StoreAsync(new MemoryStream("nobody refers to this"u8.ToArray()), 1024, null, Cancel);

        var report = await fixture.Database.Get<StorageConsistency>().CheckAsync(Actor.System, Cancel);

        Assert.False(report.Healthy);
        Assert.Equal((1, 1, 1), (report.Missing, report.Corrupt, report.Orphaned));
        var corrupt = Assert.Single(report.Problems, p => p.Kind == StorageProblemKind.Corrupt);
        Assert.Equal(referenced[0], corrupt.Sha256);
        Assert.StartsWith("The content now hashes to ", corrupt.Detail, StringComparison.Ordinal);
        Assert.NotNull(corrupt.Where);
        Assert.Equal(referenced[1], Assert.Single(report.Problems, p => p.Kind == StorageProblemKind.Missing).Sha256);
        Assert.Equal(orphan.Sha256, Assert.Single(report.Problems, p => p.Kind == StorageProblemKind.Orphaned).Sha256);
        Assert.Contains(fixture.Events.Events, e => e is StorageChecked);
    }

    [Fact]
    public async Task TemporaryFilesNoUploadHolds_AreReportedAsLeftovers_AndAnUploadInProgressIsNot()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var store = fixture.Database.Get<ArtifactStore>();
        Directory.CreateDirectory(store.TemporaryDirectory);
        var left = Path.Combine(store.TemporaryDirectory, "upload-left");
        await File.WriteAllBytesAsync(left, new byte[3000], Cancel);
        await using var inProgress = new FileStream(Path.Combine(store.TemporaryDirectory, "upload-busy"), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await inProgress.WriteAsync(new byte[500], Cancel);

        var report = await fixture.Database.Get<StorageConsistency>().CheckAsync(Actor.System, Cancel);
        var removed = store.RemoveLeftoverTemporaryFiles();

        Assert.Equal((1, 3000L), (report.Leftovers, report.LeftoverBytes));
        var leftover = Assert.Single(report.Problems, p => p.Kind == StorageProblemKind.Leftover);
        Assert.Equal("upload-left", leftover.Sha256);
        Assert.StartsWith("A temporary file of 3,000 bytes that no upload holds", leftover.Detail, StringComparison.Ordinal);
        Assert.True(report.Healthy);
        Assert.Equal((1, 3000L), removed);
        Assert.False(File.Exists(left));
        Assert.True(File.Exists(inProgress.Name));
    }

    [Fact]
    public async Task OnlyAdministrators_CheckTheStore()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await fixture.Database.Get<StorageConsistency>().CheckAsync(await fixture.ActorAsync("rita"), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await fixture.Database.Get<StorageConsistency>().LatestAsync(await fixture.ActorAsync("rita"), Cancel));
    }

    /// <summary>Reports are equal when every figure and problem is (the problem lists are compared item by item).</summary>
    private sealed class ReportComparer : IEqualityComparer<StorageReport?>
    {
        public bool Equals(StorageReport? x, StorageReport? y) =>
            x is not null && y is not null && x with { Problems = [] } == y with { Problems = [] } && x.Problems.SequenceEqual(y.Problems);

        public int GetHashCode(StorageReport? obj) => 0;
    }
}
