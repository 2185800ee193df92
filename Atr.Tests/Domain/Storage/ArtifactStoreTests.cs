using System.Security.Cryptography;
using Atr.Domain.Common;
using Atr.Domain.Storage;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Storage;

public sealed class ArtifactStoreTests
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Store_HashesWhileStreamingAndPlacesTheBlobByItsSha256()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<ArtifactStore>();
        var content = RandomNumberGenerator.GetBytes(3 * (1 << 20) + 17);
        var reported = new List<long>();

        var blob = await store.StoreAsync(new MemoryStream(content), 10 << 20, new Progress<long>(reported.Add), Cancel);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), blob.Sha256);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(content)), blob.Sha512);
        Assert.Equal(content.Length, blob.Size);
        var path = Path.Combine(database.Folder, "blobs", "sha256", blob.Sha256[..2], blob.Sha256);
        Assert.Equal(path, store.PathOf(blob.Sha256));
        Assert.Equal(content, await File.ReadAllBytesAsync(path, Cancel));
        await using (var read = store.OpenRead(blob.Sha256))
        {
            Assert.Equal(content.Length, read.Length);
        }

        Assert.Empty(Directory.GetFiles(store.TemporaryDirectory));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Store_BlobIsReadOnly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var blob = await database.Get<ArtifactStore>().StoreAsync(new MemoryStream("release"u8.ToArray()), 1024, null, Cancel);

        var mode = File.GetUnixFileMode(database.Get<ArtifactStore>().PathOf(blob.Sha256));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, mode);
    }

    [Fact]
    public async Task Store_SameContentTwice_IsStoredOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<ArtifactStore>();

        var first = await store.StoreAsync(new MemoryStream("same bytes"u8.ToArray()), 1024, null, Cancel);
        var second = await store.StoreAsync(new MemoryStream("same bytes"u8.ToArray()), 1024, null, Cancel);
        var third = await store.StoreAsync(new MemoryStream("other bytes"u8.ToArray()), 1024, null, Cancel);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Sha256, third.Sha256);
        Assert.Equal(2, store.List().Count());
    }

    [Fact]
    public async Task Store_ConcurrentIdenticalUploads_EndAsOneBlob()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<ArtifactStore>();
        var content = RandomNumberGenerator.GetBytes(1 << 20);

        var blobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.StoreAsync(new MemoryStream(content), 2 << 20, null, Cancel))));

        Assert.Single(blobs.Distinct());
        Assert.Single(store.List());
        Assert.Empty(Directory.GetFiles(store.TemporaryDirectory));
    }

    [Fact]
    public async Task Store_LargerThanTheLimit_IsRefusedAndLeavesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<ArtifactStore>();

        var error = await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            store.StoreAsync(new MemoryStream(new byte[(2 << 20) + 1]), 2 << 20, null, Cancel));

        Assert.Equal("The upload is larger than the limit of 2 MiB", error.Message);
        Assert.Empty(store.List());
        Assert.Empty(Directory.GetFiles(store.TemporaryDirectory));
    }

    [Fact]
    public async Task Store_Cancelled_LeavesNoTemporaryFile()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = database.Get<ArtifactStore>();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.StoreAsync(new MemoryStream(new byte[3 << 20]), 10 << 20, progress, cancel.Token));

        Assert.Empty(store.List());
        Assert.Empty(Directory.GetFiles(store.TemporaryDirectory));
    }

    [Fact]
    public async Task OpenRead_MissingBlob_IsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Throws<NotFoundException>(() => database.Get<ArtifactStore>().OpenRead(new string('a', 64)));
        Assert.Throws<ArgumentException>(() => database.Get<ArtifactStore>().OpenRead("../../etc/passwd"));
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
