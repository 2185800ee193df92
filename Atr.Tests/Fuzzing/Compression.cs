using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Atr.Domain.Checks.Archives;
using System.Runtime.InteropServices;
using ZstdCompression = SharpCompress.Compressors.ZStandard.CompressionStream;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// The compressions around tar, both ways, for mutating the tar inside: decompressed by the domain's own
/// decompressors, but for bzip2 by libbz2 (bzip2's own library, which dpkg needs on every Debian; the domain's
/// decoder takes milliseconds per stream), or not at all when the data is damaged; compressed again by .NET's zlib
/// (gzip), libbz2, SharpCompress (zstd) and <see cref="Xz"/>.
/// </summary>
public static partial class Compression
{
    /// <summary>Past this, a decompressed tar is not mutated: a mutated input may already be a bomb.</summary>
    private const int MaxTar = 4 << 20;

    /// <summary>libbz2's BZ_OK and BZ_STREAM_END.</summary>
    private const int BzOk = 0;
    private const int BzStreamEnd = 4;

    /// <summary>Whether data of this size, compressed, decompresses again (<see cref="Decompress"/> stops past 4 MiB).</summary>
    public static bool Decompressible(byte[] data) => data.Length <= MaxTar;

    /// <summary>The decompressed data, or null when it does not decompress (to its end, within 4 MiB).</summary>
    public static byte[]? Decompress(byte[] data, ArchiveCompression compression)
    {
        if (compression == ArchiveCompression.Bzip2)
        {
            return Bunzip2(data);
        }

        try
        {
            using var input = new MemoryStream(data, writable: false);
            using var decompressed = Decompression.OpenAsync(input, compression, CancellationToken.None).GetAwaiter().GetResult();
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = decompressed.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > MaxTar)
                {
                    return null;
                }
            }

            return output.ToArray();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever a decompressor throws on damaged data: this input is mutated some other way.
            return null;
        }
    }

    /// <summary>The data compressed, at a level (and for gzip and bzip2, in a number of members) the context picks.</summary>
    public static byte[] Compress(byte[] data, ArchiveCompression compression, MutationContext context)
    {
        if (compression is ArchiveCompression.Gzip or ArchiveCompression.Bzip2 && data.Length > 1 && context.OneIn(4))
        {
            // Several members or streams one after another, as pigz and pbzip2 write them.
            var split = context.Next(1, data.Length);
            return [.. Compress(data[..split], compression, context), .. Compress(data[split..], compression, context)];
        }

        using var output = new MemoryStream();
        switch (compression)
        {
            case ArchiveCompression.Gzip:
                using (var gzip = new GZipStream(output, context.Pick([CompressionLevel.Fastest, CompressionLevel.NoCompression]), leaveOpen: true))
                {
                    gzip.Write(data);
                }

                break;
            case ArchiveCompression.Bzip2:
                return Bzip2(data, context.Pick([1, 9]));
            case ArchiveCompression.Xz:
                return Xz(data, context);
            case ArchiveCompression.Zstd:
                using (var zstd = new ZstdCompression(output, context.Pick([1, 3]), 1 << 16, leaveOpen: true))
                {
                    zstd.Write(data);
                }

                break;
            default:
                return data;
        }

        return output.ToArray();
    }

    /// <summary>The data as one bzip2 stream of blocks of 100 to 900 kB, as <c>bzip2 -1</c> to <c>-9</c> write it.</summary>
    public static byte[] Bzip2(byte[] data, int blockSize100k)
    {
        // bzip2's bound: the data, 1 % more and 600 bytes.
        var output = new byte[data.Length + (data.Length / 100) + 600];
        var length = (uint)output.Length;
        var status = BZ2_bzBuffToBuffCompress(output, ref length, data, (uint)data.Length, blockSize100k, 0, 0);
        return status == 0 ? output[..(int)length] : throw new InvalidOperationException($"libbz2 could not compress {data.Length:N0} bytes: status {status}");
    }

    /// <summary>bzip2 streams one after another, as <c>bzip2 -d</c> reads them; null when damaged, cut short or past 4 MiB.</summary>
    private static unsafe byte[]? Bunzip2(byte[] data)
    {
        var output = ArrayPool<byte>.Shared.Rent(MaxTar + 1);
        try
        {
            var (read, written) = (0, 0);
            fixed (byte* input = data)
            fixed (byte* target = output)
            {
                do
                {
                    var stream = default(BzStream);
                    if (BZ2_bzDecompressInit(&stream, 0, 0) != BzOk)
                    {
                        return null;
                    }

                    try
                    {
                        (stream.NextIn, stream.AvailIn) = ((nint)(input + read), (uint)(data.Length - read));
                        (stream.NextOut, stream.AvailOut) = ((nint)(target + written), (uint)(MaxTar + 1 - written));
                        int status;
                        while ((status = BZ2_bzDecompress(&stream)) == BzOk)
                        {
                            if (stream.AvailIn == 0 || stream.AvailOut == 0)
                            {
                                return null;
                            }
                        }

                        if (status != BzStreamEnd)
                        {
                            return null;
                        }

                        (read, written) = (data.Length - (int)stream.AvailIn, MaxTar + 1 - (int)stream.AvailOut);
                    }
                    finally
                    {
                        _ = BZ2_bzDecompressEnd(&stream);
                    }
                }
                while (read < data.Length);
            }

            return written > MaxTar ? null : output[..written];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>libbz2's <c>bz_stream</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct BzStream
    {
        public nint NextIn;
        public uint AvailIn;
        public uint TotalInLo32;
        public uint TotalInHi32;
        public nint NextOut;
        public uint AvailOut;
        public uint TotalOutLo32;
        public uint TotalOutHi32;
        public nint State;
        public nint Allocate;
        public nint Free;
        public nint Opaque;
    }

    [LibraryImport("libbz2.so.1.0")]
    private static unsafe partial int BZ2_bzDecompressInit(BzStream* stream, int verbosity, int small);

    [LibraryImport("libbz2.so.1.0")]
    private static unsafe partial int BZ2_bzDecompress(BzStream* stream);

    [LibraryImport("libbz2.so.1.0")]
    private static unsafe partial int BZ2_bzDecompressEnd(BzStream* stream);

    [LibraryImport("libbz2.so.1.0")]
    private static partial int BZ2_bzBuffToBuffCompress(
        [Out] byte[] dest, ref uint destLen, [In] byte[] source, uint sourceLen, int blockSize100k, int verbosity, int workFactor);

    /// <summary>
    /// An xz stream (one block, LZMA2 with stored chunks of up to 64 KiB) with a CRC32, CRC64 or no check: what xz
    /// decoders read the same way as compressed chunks, and simple enough to write here.
    /// </summary>
    public static byte[] Xz(byte[] data, MutationContext context)
    {
        var check = context.Pick<byte>([0x00, 0x01, 0x04]);
        using var output = new MemoryStream();
        byte[] flags = [0x00, check];
        output.Write([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]);
        output.Write(flags);
        WriteUInt32(output, Crc32.HashToUInt32(flags));

        // Block header: size, flags (one filter, no sizes), LZMA2 (0x21) with its dictionary size, padding, CRC32.
        byte[] header = [0x02, 0x00, 0x21, 0x01, (byte)context.Next(0, 19), 0x00, 0x00, 0x00];
        output.Write(header);
        WriteUInt32(output, Crc32.HashToUInt32(header));
        var chunk = context.Pick([1 << 16, 1 << 12, 512]);
        var compressed = 0L;
        for (var at = 0; at < data.Length; at += chunk)
        {
            var length = Math.Min(chunk, data.Length - at);
            output.Write([(byte)(at == 0 ? 0x01 : 0x02), (byte)((length - 1) >> 8), (byte)(length - 1)]);
            output.Write(data, at, length);
            compressed += 3 + length;
        }

        output.WriteByte(0x00);
        compressed++;
        var unpadded = header.Length + 4 + compressed + (check switch { 0x01 => 4, 0x04 => 8, _ => 0 });
        output.Write(new byte[(4 - (compressed % 4)) % 4]);
        switch (check)
        {
            case 0x01:
                WriteUInt32(output, Crc32.HashToUInt32(data));
                break;
            case 0x04:
                Span<byte> crc64 = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(crc64, Crc64Xz(data));
                output.Write(crc64);
                break;
        }

        // Index: indicator, one record (unpadded size, uncompressed size), padding, CRC32; then the footer.
        using var index = new MemoryStream();
        index.WriteByte(0x00);
        WriteVarint(index, 1);
        WriteVarint(index, (ulong)unpadded);
        WriteVarint(index, (ulong)data.Length);
        index.Write(new byte[(4 - (index.Length % 4)) % 4]);
        var indexBytes = index.ToArray();
        output.Write(indexBytes);
        WriteUInt32(output, Crc32.HashToUInt32(indexBytes));
        var backward = new byte[6];
        BinaryPrimitives.WriteUInt32LittleEndian(backward, (uint)(((indexBytes.Length + 4) / 4) - 1));
        flags.CopyTo(backward, 4);
        WriteUInt32(output, Crc32.HashToUInt32(backward));
        output.Write(backward);
        output.Write("YZ"u8);
        return output.ToArray();
    }

    /// <summary>
    /// CRC-64 as xz computes it: ECMA-182's polynomial reflected, all ones in and out. (System.IO.Hashing's Crc64 is
    /// ECMA-182 unreflected, which xz and every decoder reject as a corrupt check.)
    /// </summary>
    private static ulong Crc64Xz(ReadOnlySpan<byte> data)
    {
        var crc = ulong.MaxValue;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xC96C5795D7870F42UL & (0UL - (crc & 1)));
            }
        }

        return ~crc;
    }

    private static void WriteUInt32(Stream output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        output.Write(bytes);
    }

    private static void WriteVarint(Stream output, ulong value)
    {
        while (value >= 0x80)
        {
            output.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        output.WriteByte((byte)value);
    }
}
