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
public sealed class ArtifactStore(AtrDomainSettings settings, TimeProvider time, ILogger<ArtifactStore> logger)
{
    private const int BufferSize = 4 << 20;

    public string BlobDirectory { get; } = Path.Combine(settings.StateDirectory, "blobs", "sha256");

    public string TemporaryDirectory { get; } = Path.Combine(settings.StateDirectory, "tmp");

    /// <summary>Stores <paramref name="content"/>; refuses it with <see cref="PayloadTooLargeException"/> beyond <paramref name="maxBytes"/>.</summary>
    /// <param name="progress">Told the number of bytes received so far, after each buffer.</param>
    /// <remarks>
    /// A pipeline of two buffers: while one buffer is hashed (SHA-512 on a worker thread, SHA-256 and the disk write
    /// here) the next one is read from <paramref name="content"/>. SHA-512 has no hardware support on common CPUs and
    /// would otherwise halve the throughput.
    /// </remarks>
    public async Task<StoredBlob> StoreAsync(Stream content, long maxBytes, IProgress<long>? progress, CancellationToken cancellationToken)
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
            Place(temporary, blob.Sha256);
            return blob;
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

    private void Place(string temporary, string sha256)
    {
        var target = PathOf(sha256);
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
                // The same content arrived at the same moment through another upload: one copy is enough.
            }
        }

        // Stored (or known content arriving again) counts as young: the sweep keeps it until its revision is written.
        File.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime);
    }
}
