using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using Atr.Domain.Checks.Archives;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Mutates the tar inside a compressed archive: decompressed, mutated as tar (or as bytes), compressed again the same
/// way. Without it almost every mutation would only damage the compression. What an input decompresses to is
/// remembered for as long as the input lives (the seeds, and what this mutator compressed), so that the decoder, slow
/// for bzip2, runs once per input and not once per round; the inputs made are the same.
/// </summary>
public sealed class RecompressMutator(ArchiveCompression compression, IMutator tar) : IMutator
{
    private readonly ConditionalWeakTable<byte[], byte[]> _decompressed = new();

    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        if ((_decompressed.TryGetValue(input, out var known) ? known : Compression.Decompress(input, compression)) is not { } decompressed)
        {
            return null;
        }

        _decompressed.TryAdd(input, decompressed);
        if (tar.Mutate(decompressed, context) is not { } mutated)
        {
            return null;
        }

        var output = Compression.Compress(mutated, compression, context);
        if (mutated.Length > 0 && Compression.Decompressible(mutated))
        {
            _decompressed.TryAdd(output, mutated);
        }

        return output;
    }
}

/// <summary>
/// Edits the compression's own framing, in the fields decoders act on: gzip's flags, method, optional fields and
/// trailer; bzip2's level and block and end magics; xz's stream flags (check type), block header (flags, filter,
/// LZMA2 dictionary size, with its CRC made true again so that the decoder uses it), index and footer; zstd's frame
/// header (window size, flags) and block headers (type, size, last flag), and skippable frames.
/// </summary>
public sealed class CompressionHeaderMutator(ArchiveCompression compression) : IMutator
{
    public byte[]? Mutate(byte[] input, MutationContext context) => compression switch
    {
        ArchiveCompression.Gzip => Gzip(input, context),
        ArchiveCompression.Bzip2 => Bzip2(input, context),
        ArchiveCompression.Xz => Xz(input, context),
        ArchiveCompression.Zstd => Zstd(input, context),
        _ => null,
    };

    private static byte[]? Gzip(byte[] input, MutationContext context)
    {
        if (input.Length < 18 || input[0] != 0x1F || input[1] != 0x8B)
        {
            return null;
        }

        var output = (byte[])input.Clone();
        switch (context.Next(5))
        {
            case 0:
                output[3] ^= (byte)(1 << context.Next(8));
                return output;
            case 1:
                output[2] = context.Pick<byte>([0, 7, 9, 255]);
                return output;
            case 2:
                // FEXTRA with a length the data may not hold, or FNAME/FCOMMENT without their terminator.
                output[3] |= context.Pick<byte>([0x04, 0x08, 0x10, 0x02]);
                return [.. output.AsSpan(0, 10), .. (byte[])[(byte)context.Next(256), (byte)context.Next(256)], .. output.AsSpan(10)];
            case 3:
                output[^(1 + context.Next(8))] ^= (byte)(1 << context.Next(8));
                return output;
            default:
                return [.. input, .. input.AsSpan(0, context.Next(1, input.Length))];
        }
    }

    private static byte[]? Bzip2(byte[] input, MutationContext context)
    {
        if (input.Length < 14 || input[0] != (byte)'B' || input[1] != (byte)'Z')
        {
            return null;
        }

        var output = (byte[])input.Clone();
        switch (context.Next(4))
        {
            case 0:
                output[3] = context.Pick("019a\0"u8.ToArray());
                return output;
            case 1:
                // The block magic (0x314159265359) and the block CRC after it.
                output[4 + context.Next(10)] ^= (byte)(1 << context.Next(8));
                return output;
            case 2:
                var end = input.AsSpan().LastIndexOf([(byte)0x17, (byte)0x72, (byte)0x45]);
                return end < 0 ? null : context.OneIn(2) ? input[..end] : [.. input[..end], .. input.AsSpan(4)];
            default:
                return [.. input, .. input];
        }
    }

    private static byte[]? Xz(byte[] input, MutationContext context)
    {
        if (input.Length < 32 || input[0] != 0xFD || input[1] != (byte)'7')
        {
            return null;
        }

        var output = (byte[])input.Clone();
        switch (context.Next(5))
        {
            case 0:
                // The check type, in both the stream header and footer, their CRCs true again.
                var check = context.Pick<byte>([0x00, 0x01, 0x04, 0x0A, 0x0F, 0x10]);
                output[7] = check;
                BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(8), Crc32.HashToUInt32(output.AsSpan(6, 2)));
                output[^3] = check;
                BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(output.Length - 12), Crc32.HashToUInt32(output.AsSpan(output.Length - 8, 6)));
                return output;
            case 1 or 2:
                // A block header field: its flags, the filter id, the property size or the LZMA2 dictionary size (up to 4 GiB).
                var size = (output[12] + 1) * 4;
                if (12 + size > output.Length || size < 8)
                {
                    return null;
                }

                var field = context.Next(4) switch { 0 => 13, 1 => 14, 2 => 15, _ => 16 };
                output[field] = field == 16 ? context.Pick<byte>([0, 18, 22, 26, 30, 34, 37, 38, 39, 40, 41, 255]) : (byte)context.Next(256);
                if (!context.OneIn(5))
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(12 + size - 4), Crc32.HashToUInt32(output.AsSpan(12, size - 4)));
                }

                return output;
            case 3:
                // The footer's backward size, which says where the index is.
                BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(output.Length - 8), (uint)context.Next(4096));
                BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(output.Length - 12), Crc32.HashToUInt32(output.AsSpan(output.Length - 8, 6)));
                return output;
            default:
                // The index: its record count and sizes, just before the footer.
                output[output.Length - 12 - 4 - context.Next(1, 12)] = (byte)context.Next(256);
                return output;
        }
    }

    private static byte[]? Zstd(byte[] input, MutationContext context)
    {
        if (input.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(input) != 0xFD2FB528)
        {
            return null;
        }

        var output = (byte[])input.Clone();
        var descriptor = input[4];
        var singleSegment = (descriptor & 0x20) != 0;
        var headerEnd = 5 + (singleSegment ? 0 : 1) + (descriptor & 0x03) switch { 1 => 1, 2 => 2, 3 => 4, _ => 0 }
            + (descriptor >> 6) switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        switch (context.Next(5))
        {
            case 0:
                output[4] ^= (byte)(1 << context.Next(8));
                return output;
            case 1 when !singleSegment:
                // The window: up to 2^41 bytes asked for.
                output[5] = context.Pick<byte>([0x00, 0x58, 0x78, 0x88, 0x98, 0xA8, 0xF8, 0xFF]);
                return output;
            case 2 or 3 when headerEnd + 3 <= input.Length:
                // The first block's header: last flag, type (raw, RLE, compressed, reserved) and size.
                var block = (uint)(input[headerEnd] | (input[headerEnd + 1] << 8) | (input[headerEnd + 2] << 16));
                block = context.Next(3) switch
                {
                    0 => block ^ (1u << context.Next(3)),
                    1 => (block & 7) | ((uint)context.Pick([0, 1, 1 << 17, (1 << 17) + 1, (1 << 21) - 1]) << 3),
                    _ => (block & ~6u) | 2u,
                };
                output[headerEnd] = (byte)block;
                output[headerEnd + 1] = (byte)(block >> 8);
                output[headerEnd + 2] = (byte)(block >> 16);
                return output;
            default:
                // A skippable frame first, of a length that may not be there.
                byte[] skippable = [0x50, 0x2A, 0x4D, 0x18, .. BitConverter.GetBytes(context.Pick([0u, 4u, 100u, uint.MaxValue])), 1, 2, 3, 4];
                return [.. skippable, .. input];
        }
    }
}
