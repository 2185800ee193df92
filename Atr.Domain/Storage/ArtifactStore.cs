using System.Buffers;
using System.Security.Cryptography;
using Atr.Domain.Common;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Storage;

/// <summary>What the store holds for one upload: its address (SHA-256), its SHA-512 and its size.</summary>
public sealed record StoredBlob(string Sha256, string Sha512, long Size);

/// <summary>
/// Content-addressed storage of release files under <c>state/blobs/sha256/ab/&lt;hash&gt;</c>. Content streams to a
/// temporary file in the state folder while both hashes are computed in the same pass, then moves into place and
/// becomes read-only; identical content is stored once. Nothing is held in memory beyond one buffer.
/// </summary>
/// <remarks>
/// Content stored for an upload that is not yet committed is held (<see cref="StoreHeldAsync"/>): when the upload is
/// refused, <see cref="Release"/> removes what it brought, unless another upload stored the same content meanwhile.
/// </remarks>
public sealed class ArtifactStore(AtrDomainSettings settings, TimeProvider time, ILogger<ArtifactStore> logger)
{
    private const int BufferSize = 4 << 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Holding> _held = new(StringComparer.Ordinal);

    public string BlobDirectory { get; } = Path.Combine(settings.StateDirectory, "blobs", "sha256");

    public string TemporaryDirectory { get; } = Path.Combine(settings.StateDirectory, "tmp");

    /// <summary>Stores <paramref name="content"/>; refuses it with <see cref="PayloadTooLargeException"/> beyond <paramref name="maxBytes"/>.</summary>
    /// <param name="progress">Told the number of bytes received so far, after each buffer.</param>
    /// <remarks>
    /// A pipeline of two buffers: while one buffer is hashed (SHA-512 on a worker thread, SHA-256 and the disk write
    /// here) the next one is read from <paramref name="content"/>. SHA-512 has no hardware support on common CPUs and
    /// would otherwise halve the throughput.
    /// </remarks>
    public async Task<StoredBlob> StoreAsync(Stream content, long maxBytes, IProgress<long>? progress, CancellationToken cancellationToken) =>
        (await StoreAsync(content, maxBytes, progress, hold: false, cancellationToken)).Blob;

    /// <summary>
    /// Stores content for an upload that is not committed yet, and holds it until <see cref="Release"/>. Returns
    /// whether this call brought the content (it was not stored before).
    /// </summary>
    internal Task<(StoredBlob Blob, bool Brought)> StoreHeldAsync(Stream content, long maxBytes, IProgress<long>? progress, CancellationToken cancellationToken) =>
        StoreAsync(content, maxBytes, progress, hold: true, cancellationToken);

    /// <summary>
    /// Ends a hold of <see cref="StoreHeldAsync"/>. With <paramref name="discard"/>, content that the hold brought
    /// is removed when no other upload stored it meanwhile and <paramref name="referenced"/> is false.
    /// </summary>
    /// <returns>Whether the content was removed.</returns>
    internal bool Release(string sha256, bool brought, bool discard, bool referenced)
    {
        lock (_gate)
        {
            var holding = _held[sha256];
            holding.Count--;
            if (holding.Count == 0)
            {
                _held.Remove(sha256);
            }

            if (!discard || !brought || referenced || holding.Shared || holding.Count > 0)
            {
                return false;
            }

            var path = PathOf(sha256);
            if (!File.Exists(path))
            {
                return false;
            }

            Delete(sha256);
            return true;
        }
    }

    private async Task<(StoredBlob Blob, bool Brought)> StoreAsync(
        Stream content, long maxBytes, IProgress<long>? progress, bool hold, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(TemporaryDirectory);
        var temporary = Path.Combine(TemporaryDirectory, $"upload-{Guid.NewGuid():N}");
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BufferSize), ArrayPool<byte>.Shared.Rent(BufferSize)];
        Task pending = Task.CompletedTask;
        try
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            long size = 0;
            await using (var file = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            }))
            {
                for (var index = 0; ; index++)
                {
                    var buffer = buffers[index % 2];
                    var read = await FillAsync(content, buffer, cancellationToken);
                    await pending;
                    if (read == 0)
                    {
                        break;
                    }

                    size += read;
                    if (size > maxBytes)
                    {
                        throw new PayloadTooLargeException(maxBytes);
                    }

                    var chunk = buffer.AsMemory(0, read);
                    pending = Task.WhenAll(
                        Task.Run(() => sha512.AppendData(chunk.Span), cancellationToken),
                        HashAndWriteAsync(sha256, file, chunk, cancellationToken));
                    progress?.Report(size);
                }
            }

            var blob = new StoredBlob(Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(sha512.GetHashAndReset()), size);
            return (blob, Place(temporary, blob.Sha256, hold));
        }
        finally
        {
            // A failure half-way must not return a buffer that a hashing task still reads.
            await pending.ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var buffer in buffers)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The file that holds the content with this SHA-256.</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 digest", nameof(sha256));
        }

        return Path.Combine(BlobDirectory, sha256[..2], sha256);
    }

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Opens stored content for reading; throws <see cref="NotFoundException"/> when the blob is missing.</summary>
    public Stream OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogError("Stored content {Sha256} is missing from {Path}", sha256, path);
            throw new NotFoundException($"The stored content {sha256[..12]}…");
        }
    }

    /// <summary>Every blob with its last write time, for the sweep.</summary>
    public IEnumerable<(string Sha256, DateTime Written)> List() =>
        Directory.Exists(BlobDirectory)
            ? Directory.EnumerateFiles(BlobDirectory, "*", SearchOption.AllDirectories)
                .Select(path => (Path.GetFileName(path), File.GetLastWriteTimeUtc(path)))
                .Where(blob => blob.Item1.Length == 64)
            : [];

    /// <summary>Removes a blob (the sweep's decision: nothing refers to it).</summary>
    public void Delete(string sha256)
    {
        var path = PathOf(sha256);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Delete(path);
    }

    /// <summary>Temporary uploads older than <paramref name="before"/> (left by a crash or a cut connection).</summary>
    public IEnumerable<string> StaleTemporaryFiles(DateTime before) =>
        Directory.Exists(TemporaryDirectory)
            ? Directory.EnumerateFiles(TemporaryDirectory).Where(path => File.GetLastWriteTimeUtc(path) < before)
            : [];

    /// <summary>
    /// Temporary uploads that no upload in progress holds (each holds its file exclusively while it writes): left by a
    /// crash or a cut connection, in this process or another one sharing the state folder.
    /// </summary>
    public IReadOnlyList<FileInfo> LeftoverTemporaryFiles() =>
        Directory.Exists(TemporaryDirectory)
            ? new DirectoryInfo(TemporaryDirectory).EnumerateFiles().Where(file => !IsHeld(file.FullName)).ToList()
            : [];

    /// <summary>Removes the temporary files that no upload holds; returns how many files and bytes were removed.</summary>
    public (int Files, long Bytes) RemoveLeftoverTemporaryFiles()
    {
        var files = 0;
        long bytes = 0;
        foreach (var file in LeftoverTemporaryFiles())
        {
            try
            {
                var length = file.Length;
                file.Delete();
                files++;
                bytes += length;
            }
            catch (IOException e)
            {
                logger.LogWarning("The temporary file {Path} could not be removed: {Error}", file.FullName, e.Message);
            }
        }

        return (files, bytes);
    }

    /// <summary>Whether an upload holds the file (or it is gone meanwhile, stored or removed by its upload).</summary>
    private static bool IsHeld(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Reads until the buffer is full or the content ends; returns how many bytes were read.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < BufferSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, BufferSize - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    private static async Task HashAndWriteAsync(IncrementalHash sha256, FileStream file, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        sha256.AppendData(chunk.Span);
        await file.WriteAsync(chunk, cancellationToken);
    }

    /// <summary>Moves the temporary file into place unless the content is stored already; returns whether it was moved.</summary>
    private bool Place(string temporary, string sha256, bool hold)
    {
        var target = PathOf(sha256);
        lock (_gate)
        {
            var brought = Move(temporary, target);

            // Stored (or known content arriving again) counts as young: the sweep keeps it until its revision is written.
            File.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime);
            if (_held.TryGetValue(sha256, out var holding))
            {
                holding.Shared = true;
                holding.Count += hold ? 1 : 0;
            }
            else if (hold)
            {
                _held[sha256] = new Holding { Count = 1, Shared = !brought };
            }

            return brought;
        }
    }

    private static bool Move(string temporary, string target)
    {
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // The same content arrived at the same moment through another process: one copy is enough.
                return false;
            }

            return true;
        }

        return false;
    }

    /// <summary>How many uncommitted uploads hold a blob, and whether anything but the upload that brought it stored it.</summary>
    private sealed class Holding
    {
        public int Count { get; set; }

        public bool Shared { get; set; }
    }
}
