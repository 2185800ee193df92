using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using ZstdStream = SharpCompress.Compressors.ZStandard.DecompressionStream;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// The decompressors of tar archives: .NET's zlib for gzip (every member of a multi-member file), SharpCompress for
/// bzip2 (every stream of a multi-stream file, as pbzip2 writes), xz (its checks verified) and zstd (its end checked).
/// Each reads the compressed data to its end, so that damage after the tar's last block is found too.
/// </summary>
internal static class Decompression
{
    public static async Task<Stream> OpenAsync(Stream compressed, ArchiveCompression compression, CancellationToken cancellationToken) => compression switch
    {
        ArchiveCompression.None => compressed,
        ArchiveCompression.Gzip => new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true),
        ArchiveCompression.Bzip2 => await BZip2Stream.CreateAsync(compressed, SharpCompress.Compressors.CompressionMode.Decompress,
            decompressConcatenated: true, leaveOpen: true, tolerateTruncatedStream: false, cancellationToken),
        ArchiveCompression.Xz => new XZStream(compressed),
        ArchiveCompression.Zstd => new ZstdStream(compressed, 1 << 17, checkEndOfStream: true, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Not a compression"),
    };
}
