using System.Buffers.Binary;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Edits binary OpenPGP data (RFC 4880 §4, RFC 9580) packet by packet: a header's length made wrong or written in
/// another form (old or new format, one, two or five octets, partial bodies, indeterminate), its tag changed; a packet
/// deleted, duplicated, moved or taken from another seed; a body cut or grown with its header kept true; and fields
/// inside bodies set to edge values: versions, algorithms, hashes and signature types, a signature's hashed and
/// unhashed area lengths, each subpacket's length and type, key creation times, multiprecision integers' bit counts
/// and curve identifiers' lengths.
/// </summary>
public sealed class OpenPgpPacketMutator : IMutator
{
    private static readonly int[] Tags = [1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 14, 17, 18, 19, 20, 21, 0, 15, 60, 63];
    private static readonly byte[] Versions = [2, 3, 4, 5, 6, 0, 1, 255];
    private static readonly byte[] KeyAlgorithms = [1, 2, 3, 16, 17, 18, 19, 20, 22, 25, 26, 27, 28, 0, 21, 100, 255];
    private static readonly byte[] HashAlgorithms = [1, 2, 3, 8, 9, 10, 11, 12, 14, 0, 4, 255];
    private static readonly byte[] SignatureTypes = [0x00, 0x01, 0x02, 0x10, 0x11, 0x12, 0x13, 0x18, 0x19, 0x1F, 0x20, 0x28, 0x30, 0x40, 0x50, 0xFF];
    private static readonly byte[] SubpacketTypes = [2, 3, 4, 9, 11, 16, 20, 21, 22, 23, 25, 26, 27, 28, 30, 31, 32, 33, 34, 35, 39, 0, 1, 100, 127];

    private readonly ByteMutator _bytes = new();

    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        var packets = Parse(input);
        if (packets.Count == 0)
        {
            return null;
        }

        var packet = context.Pick(packets);
        return context.Next(10) switch
        {
            0 or 1 or 2 or 3 => Field(input, packet, context),
            4 => Framed(input, packet, packet.Tag, Resized(input[packet.BodyStart..packet.End], context), context),
            5 => Framed(input, packet, context.OneIn(2) ? context.Pick(Tags) : context.Next(64), input[packet.BodyStart..packet.End], context),
            6 => LengthField(input, packet, context),
            7 => [.. input.AsSpan(0, packet.Start), .. input.AsSpan(packet.End)],
            8 => Moved(input, packet, context.Pick(packets), context),
            _ => Foreign(input, packet, context),
        };
    }

    /// <summary>The packets of binary OpenPGP data, as far as they can be framed; partial bodies end the list.</summary>
    public static List<PacketSpan> Parse(byte[] data)
    {
        var packets = new List<PacketSpan>();
        var at = 0;
        while (at < data.Length && (data[at] & 0x80) != 0)
        {
            var first = data[at];
            int tag, header;
            long length;
            if ((first & 0x40) == 0)
            {
                tag = (first >> 2) & 0x0F;
                var type = first & 0x03;
                header = type switch { 0 => 2, 1 => 3, 2 => 5, _ => 1 };
                if (at + header > data.Length)
                {
                    break;
                }

                length = type switch
                {
                    0 => data[at + 1],
                    1 => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at + 1)),
                    2 => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at + 1)),
                    _ => data.Length - at - 1,
                };
            }
            else
            {
                tag = first & 0x3F;
                if (at + 1 >= data.Length)
                {
                    break;
                }

                var octet = data[at + 1];
                (header, length) = octet switch
                {
                    < 192 => (2, octet),
                    < 224 when at + 2 < data.Length => (3, ((octet - 192) << 8) + data[at + 2] + 192),
                    255 when at + 5 < data.Length => (6, BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at + 2))),
                    _ => (0, -1L),
                };
                if (header == 0)
                {
                    break;
                }
            }

            if (at + header + length > data.Length)
            {
                break;
            }

            packets.Add(new PacketSpan(at, at + header, at + header + (int)length, tag));
            at += header + (int)length;
        }

        return packets;
    }

    /// <summary>A packet header of the given form: 0 new, one octet; 1 new, two; 2 new, five; 3 old, fitted; 4 old, indeterminate; 5 new, partial bodies.</summary>
    public static byte[] Header(int tag, int length, int form) => form switch
    {
        0 => [(byte)(0xC0 | (tag & 0x3F)), (byte)Math.Min(length, 191)],
        1 => [(byte)(0xC0 | (tag & 0x3F)), (byte)((((Math.Clamp(length, 192, 8383) - 192) >> 8) & 0x1F) + 192), (byte)(Math.Clamp(length, 192, 8383) - 192)],
        2 => [(byte)(0xC0 | (tag & 0x3F)), 0xFF, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        3 when length < 256 => [(byte)(0x80 | ((tag & 0x0F) << 2)), (byte)length],
        3 when length < 65536 => [(byte)(0x80 | ((tag & 0x0F) << 2) | 1), (byte)(length >> 8), (byte)length],
        3 => [(byte)(0x80 | ((tag & 0x0F) << 2) | 2), (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        4 => [(byte)(0x80 | ((tag & 0x0F) << 2) | 3)],
        _ => [(byte)(0xC0 | (tag & 0x3F))],
    };

    /// <summary>A packet with a header that tells its length truly, in the form that fits (or, sometimes, partial body chunks).</summary>
    public static byte[] Packet(int tag, byte[] body, MutationContext context)
    {
        if (context.OneIn(8))
        {
            // Partial body lengths: chunks of 2^n octets, the last one of definite length.
            using var partial = new MemoryStream();
            partial.WriteByte((byte)(0xC0 | (tag & 0x3F)));
            var at = 0;
            var power = context.Next(0, 10);
            while (body.Length - at > (1 << power))
            {
                partial.WriteByte((byte)(224 + power));
                partial.Write(body, at, 1 << power);
                at += 1 << power;
            }

            partial.Write(Length(body.Length - at));
            partial.Write(body, at, body.Length - at);
            return partial.ToArray();
        }

        var form = body.Length < 192 ? 0 : body.Length < 8384 ? 1 : 2;
        if (context.OneIn(4) && tag < 16)
        {
            form = 3;
        }

        return [.. Header(tag, body.Length, form), .. body];
    }

    private static byte[] Length(int length) =>
        length < 192 ? [(byte)length] : length < 8384 ? [(byte)(((length - 192) >> 8) + 192), (byte)(length - 192)]
        : [0xFF, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length];

    /// <summary>The input with one packet replaced by <paramref name="tag"/> and <paramref name="body"/>, its header true.</summary>
    private static byte[] Framed(byte[] input, PacketSpan packet, int tag, byte[] body, MutationContext context) =>
        [.. input.AsSpan(0, packet.Start), .. Packet(tag, body, context), .. input.AsSpan(packet.End)];

    /// <summary>A body cut short, grown by a few random octets, or changed by the byte mutator.</summary>
    private byte[] Resized(byte[] body, MutationContext context) => context.Next(3) switch
    {
        0 => body[..context.Next(body.Length + 1)],
        1 => [.. body, .. Enumerable.Range(0, context.Next(1, 8)).Select(_ => (byte)context.Next(256))],
        _ => _bytes.Mutate(body, context),
    };

    /// <summary>The header's length field set to a wrong value, or its form changed, the body as it was.</summary>
    private static byte[] LengthField(byte[] input, PacketSpan packet, MutationContext context)
    {
        var length = packet.End - packet.BodyStart;
        var wrong = context.Next(6) switch
        {
            0 => 0,
            1 => length + context.Next(1, 4),
            2 => Math.Max(0, length - context.Next(1, 4)),
            3 => int.MaxValue,
            4 => context.Next(1 << 20),
            _ => length,
        };
        var form = context.Next(6);
        return [.. input.AsSpan(0, packet.Start), .. Header(packet.Tag, wrong, form), .. input.AsSpan(packet.BodyStart)];
    }

    private static byte[] Moved(byte[] input, PacketSpan packet, PacketSpan target, MutationContext context)
    {
        var raw = input[packet.Start..packet.End];
        if (context.OneIn(2))
        {
            // Duplicated in place of, or next to, another packet.
            return [.. input.AsSpan(0, target.Start), .. raw, .. input.AsSpan(context.OneIn(2) ? target.Start : target.End)];
        }

        var without = (byte[])[.. input.AsSpan(0, packet.Start), .. input.AsSpan(packet.End)];
        var at = target.Start <= packet.Start ? target.Start : Math.Max(packet.Start, target.Start - raw.Length);
        return [.. without.AsSpan(0, Math.Min(at, without.Length)), .. raw, .. without.AsSpan(Math.Min(at, without.Length))];
    }

    /// <summary>A packet of another seed put in place of, or beside, this one.</summary>
    private static byte[]? Foreign(byte[] input, PacketSpan packet, MutationContext context)
    {
        var other = ArmorMutator.Binary(context.OtherSeed());
        var packets = Parse(other);
        if (packets.Count == 0)
        {
            return null;
        }

        var foreign = context.Pick(packets);
        var raw = other.AsSpan(foreign.Start, foreign.End - foreign.Start);
        return [.. input.AsSpan(0, packet.Start), .. raw, .. input.AsSpan(context.OneIn(2) ? packet.Start : packet.End)];
    }

    /// <summary>One field of the packet's body set to an edge value, in place (the body's length unchanged).</summary>
    private static byte[]? Field(byte[] input, PacketSpan packet, MutationContext context)
    {
        var fields = Fields(input.AsSpan(packet.BodyStart, packet.End - packet.BodyStart), packet.Tag);
        if (fields.Count == 0)
        {
            return null;
        }

        var (offset, width, kind) = context.Pick(fields);
        var output = (byte[])input.Clone();
        var span = output.AsSpan(packet.BodyStart + offset, width);
        if (width == 1 && kind is FieldKind.Version or FieldKind.KeyAlgorithm or FieldKind.Hash or FieldKind.SignatureType or FieldKind.SubpacketType
            && !context.OneIn(4))
        {
            span[0] = kind switch
            {
                FieldKind.Version => context.Pick(Versions),
                FieldKind.KeyAlgorithm => context.Pick(KeyAlgorithms),
                FieldKind.Hash => context.Pick(HashAlgorithms),
                FieldKind.SignatureType => context.Pick(SignatureTypes),
                _ => (byte)(context.Pick(SubpacketTypes) | (context.OneIn(3) ? 0x80 : 0)),
            };
            return output;
        }

        ulong current = 0;
        foreach (var b in span)
        {
            current = (current << 8) | b;
        }

        var max = width >= 8 ? ulong.MaxValue : (1UL << (8 * width)) - 1;
        var value = context.Next(8) switch
        {
            0 => 0UL,
            1 => max,
            2 => current + (ulong)context.Next(1, 4),
            3 => current - (ulong)context.Next(1, 4),
            4 => current * 2,
            5 => 1UL << context.Next(8 * width),
            6 => (ulong)(packet.End - packet.BodyStart),
            _ => (ulong)context.Random.NextInt64(),
        };
        for (var i = width - 1; i >= 0; i--)
        {
            span[i] = (byte)value;
            value >>= 8;
        }

        return output;
    }

    /// <summary>The fields worth editing in a body of this tag: where they are, how wide, and what they mean.</summary>
    private static List<(int Offset, int Width, FieldKind Kind)> Fields(ReadOnlySpan<byte> body, int tag)
    {
        var fields = new List<(int, int, FieldKind)>();
        if (body.Length == 0)
        {
            return fields;
        }

        fields.Add((0, 1, FieldKind.Version));
        if (tag == PacketTag.Signature && body[0] == 4 && body.Length >= 6)
        {
            fields.Add((1, 1, FieldKind.SignatureType));
            fields.Add((2, 1, FieldKind.KeyAlgorithm));
            fields.Add((3, 1, FieldKind.Hash));
            var at = 4;
            foreach (var _ in new[] { "hashed", "unhashed" })
            {
                if (at + 2 > body.Length)
                {
                    return fields;
                }

                fields.Add((at, 2, FieldKind.Length));
                var area = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
                at += 2;
                Subpackets(body, at, Math.Min(body.Length, at + area), fields);
                at += area;
            }

            if (at + 2 <= body.Length)
            {
                fields.Add((at, 2, FieldKind.Other));
                Integers(body, at + 2, fields);
            }
        }
        else if (tag == PacketTag.Signature && body[0] is 2 or 3 && body.Length >= 19)
        {
            fields.Add((1, 1, FieldKind.Length));
            fields.Add((2, 1, FieldKind.SignatureType));
            fields.Add((3, 4, FieldKind.Other));
            fields.Add((7, 8, FieldKind.Other));
            fields.Add((15, 1, FieldKind.KeyAlgorithm));
            fields.Add((16, 1, FieldKind.Hash));
            Integers(body, 19, fields);
        }
        else if (tag is PacketTag.PublicKey or PacketTag.PublicSubkey && body.Length >= 6)
        {
            fields.Add((1, 4, FieldKind.Other));
            var algorithmAt = body[0] is 2 or 3 ? 7 : 5;
            if (body[0] is 2 or 3 && body.Length >= 7)
            {
                fields.Add((5, 2, FieldKind.Other));
            }

            if (algorithmAt < body.Length)
            {
                fields.Add((algorithmAt, 1, FieldKind.KeyAlgorithm));
                var at = algorithmAt + 1 + (body[0] is 5 or 6 ? 4 : 0);
                if (body[algorithmAt] is 18 or 19 or 22 && at < body.Length)
                {
                    fields.Add((at, 1, FieldKind.Length));
                    at += 1 + body[at];
                }

                Integers(body, at, fields);
            }
        }

        return fields;
    }

    private static void Subpackets(ReadOnlySpan<byte> body, int at, int end, List<(int, int, FieldKind)> fields)
    {
        while (at < end)
        {
            var lengthAt = at;
            int length = body[at++];
            var width = 1;
            if (length is >= 192 and < 255 && at < end)
            {
                length = ((length - 192) << 8) + body[at++] + 192;
                width = 2;
            }
            else if (length == 255 && at + 4 <= end)
            {
                length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[at..]), int.MaxValue);
                at += 4;
                width = 5;
            }

            fields.Add((lengthAt, width, FieldKind.Length));
            if (at < end)
            {
                fields.Add((at, 1, FieldKind.SubpacketType));
                if (length > 1 && at + 1 < end)
                {
                    fields.Add((at + 1, Math.Min(Math.Min(length - 1, 8), end - at - 1), FieldKind.Other));
                }
            }

            if (length <= 0 || length > end - at)
            {
                return;
            }

            at += length;
        }
    }

    /// <summary>The bit counts of the multiprecision integers from <paramref name="at"/> on.</summary>
    private static void Integers(ReadOnlySpan<byte> body, int at, List<(int, int, FieldKind)> fields)
    {
        while (at + 2 <= body.Length)
        {
            fields.Add((at, 2, FieldKind.Length));
            at += 2 + ((BinaryPrimitives.ReadUInt16BigEndian(body[at..]) + 7) / 8);
        }
    }

    /// <summary>Where a packet is in its data: its header's start, its body's start and its end.</summary>
    public readonly record struct PacketSpan(int Start, int BodyStart, int End, int Tag);

    private enum FieldKind
    {
        Version,
        KeyAlgorithm,
        Hash,
        SignatureType,
        SubpacketType,
        Length,
        Other,
    }
}
