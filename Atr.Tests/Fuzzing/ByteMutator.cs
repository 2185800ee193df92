using System.Buffers.Binary;
using System.Text;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Format-blind mutations: bit flips, bytes set to interesting values, small arithmetic on 8, 16 and 32-bit words,
/// truncations, chunks deleted, inserted, duplicated (up to a thousand times over) or overwritten, splices with another
/// seed, and tokens of the target's dictionary (keywords and numbers its format gives meaning to) inserted or written
/// over.
/// </summary>
public sealed class ByteMutator(params string[] dictionary) : IMutator
{
    private static readonly byte[] Interesting = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE, 0x20, 0x0A, 0x0D, (byte)'0', (byte)'9'];

    /// <summary>Numbers that break parsers: zero, signs, the edges of 8, 16, 32 and 64-bit integers, and more digits than any holds.</summary>
    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "-0", "+1", "255", "256", "65535", "65536", "2147483647", "2147483648", "-2147483648", "4294967295",
        "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616", "99999999999999999999999999", "1e999",
        "0x10", "077777777777", " ", "",
    ];

    /// <summary>The most a chunk repeated many times may add.</summary>
    private const int MaxRepeated = 256 * 1024;

    private readonly byte[][] _tokens = [.. dictionary.Concat(Numbers).Select(Encoding.UTF8.GetBytes)];

    public byte[] Mutate(byte[] input, MutationContext context)
    {
        if (input.Length == 0)
        {
            return Insert(input, 0, context.OneIn(2) ? context.Pick(_tokens) : Chunk(context.OtherSeed(), context));
        }

        switch (context.Next(12))
        {
            case 0:
            {
                var output = (byte[])input.Clone();
                for (var flips = context.Next(1, 9); flips > 0; flips--)
                {
                    output[context.Next(output.Length)] ^= (byte)(1 << context.Next(8));
                }

                return output;
            }

            case 1:
            {
                var output = (byte[])input.Clone();
                for (var sets = context.Next(1, 4); sets > 0; sets--)
                {
                    output[context.Next(output.Length)] = context.Pick(Interesting);
                }

                return output;
            }

            case 2:
                return Arithmetic(input, context);
            case 3:
                return input[..context.Next(input.Length)];
            case 4:
            {
                var at = context.Next(input.Length);
                var length = context.ChunkLength(input.Length - at);
                return [.. input.AsSpan(0, at), .. input.AsSpan(at + length)];
            }

            case 5:
                return Insert(input, context.Next(input.Length + 1), context.OneIn(2) ? Random(context) : Chunk(context.OtherSeed(), context));
            case 6:
            {
                var chunk = Chunk(input, context);
                var copies = context.Next(4) switch { 0 => context.Next(2, 8), 1 when context.OneIn(4) => context.Next(16, 1024), _ => 1 };
                using var repeated = new MemoryStream();
                for (var copy = 0; copy < copies && repeated.Length < MaxRepeated; copy++)
                {
                    repeated.Write(chunk);
                }

                return Insert(input, context.Next(input.Length + 1), repeated.ToArray());
            }

            case 7:
            {
                var other = context.OtherSeed();
                var cut = context.Next(input.Length + 1);
                var from = other.Length == 0 ? 0 : context.Next(other.Length);
                return [.. input.AsSpan(0, cut), .. other.AsSpan(from)];
            }

            case 8:
            {
                var output = (byte[])input.Clone();
                var chunk = Chunk(context.OneIn(2) ? input : context.OtherSeed(), context);
                var at = context.Next(output.Length);
                chunk.AsSpan(0, Math.Min(chunk.Length, output.Length - at)).CopyTo(output.AsSpan(at));
                return output;
            }

            case 9 or 10:
                return Insert(input, context.Next(input.Length + 1), context.Pick(_tokens));
            default:
            {
                var token = context.Pick(_tokens);
                var at = context.Next(input.Length);
                var length = Math.Min(input.Length - at, context.ChunkLength(input.Length - at));
                return [.. input.AsSpan(0, at), .. token, .. input.AsSpan(at + length)];
            }
        }
    }

    public static byte[] Insert(byte[] input, int at, ReadOnlySpan<byte> chunk) => [.. input.AsSpan(0, at), .. chunk, .. input.AsSpan(at)];

    /// <summary>A chunk of <paramref name="source"/> at a random place.</summary>
    public static byte[] Chunk(byte[] source, MutationContext context)
    {
        if (source.Length == 0)
        {
            return [];
        }

        var at = context.Next(source.Length);
        return source[at..(at + context.ChunkLength(source.Length - at))];
    }

    private static byte[] Random(MutationContext context)
    {
        var bytes = new byte[context.ChunkLength(64)];
        context.Random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Adds or subtracts a little from a byte or a 16 or 32-bit word, little or big-endian.</summary>
    private static byte[] Arithmetic(byte[] input, MutationContext context)
    {
        var output = (byte[])input.Clone();
        var delta = context.Next(1, 36) * (context.OneIn(2) ? 1 : -1);
        var width = context.Pick<int>([1, 2, 4]);
        if (output.Length < width)
        {
            width = 1;
        }

        var at = context.Next(output.Length - width + 1);
        var span = output.AsSpan(at, width);
        var big = context.OneIn(2);
        switch (width)
        {
            case 1:
                span[0] = (byte)(span[0] + delta);
                break;
            case 2 when big:
                BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(span) + delta));
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span) + delta));
                break;
            case 4 when big:
                BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(BinaryPrimitives.ReadUInt32BigEndian(span) + delta));
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(BinaryPrimitives.ReadUInt32LittleEndian(span) + delta));
                break;
        }

        return output;
    }
}
