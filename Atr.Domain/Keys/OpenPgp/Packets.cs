using System.Buffers.Binary;
using Atr.Domain.Common;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>OpenPGP packet tags Atr reads or knows to skip (RFC 4880 §4.3, RFC 9580 §5).</summary>
internal static class PacketTag
{
    public const int Signature = 2;
    public const int SecretKey = 5;
    public const int PublicKey = 6;
    public const int SecretSubkey = 7;
    public const int Compressed = 8;
    public const int Marker = 10;
    public const int Trust = 12;
    public const int UserId = 13;
    public const int PublicSubkey = 14;
    public const int UserAttribute = 17;
    public const int Padding = 21;
}

/// <summary>One packet: its tag, its body, and the whole packet as it was written (header and body).</summary>
internal readonly record struct Packet(int Tag, ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Raw);

/// <summary>
/// Splits binary OpenPGP data into packets (RFC 4880 §4.2): old and new headers, every length form, partial bodies.
/// It reads framing only; what a packet holds is for its own parser, so an unknown or experimental packet is simply
/// one more packet.
/// </summary>
internal static class Packets
{
    /// <exception cref="DomainException">The data is not packets, or a packet is cut short.</exception>
    public static List<Packet> Read(ReadOnlyMemory<byte> data)
    {
        var packets = new List<Packet>();
        var at = 0;
        while (at < data.Length)
        {
            var span = data.Span;
            var start = at;
            var first = span[at++];
            if ((first & 0x80) == 0)
            {
                throw new DomainException($"Byte {start:N0} is not the start of an OpenPGP packet");
            }

            int tag;
            if ((first & 0x40) == 0)
            {
                tag = (first >> 2) & 0x0F;
                var lengthType = first & 0x03;
                var length = lengthType switch
                {
                    0 => Need(span, at, 1)[0],
                    1 => BinaryPrimitives.ReadUInt16BigEndian(Need(span, at, 2)),
                    2 => BinaryPrimitives.ReadUInt32BigEndian(Need(span, at, 4)),
                    _ => (long)(span.Length - at),
                };
                at += lengthType switch { 0 => 1, 1 => 2, 2 => 4, _ => 0 };
                packets.Add(Whole(data, tag, start, ref at, length));
                continue;
            }

            tag = first & 0x3F;
            var (body, partial) = NewLength(span, ref at);
            if (!partial)
            {
                packets.Add(Whole(data, tag, start, ref at, body));
                continue;
            }

            // Partial body lengths: chunks until one with a definite length; the body is their concatenation.
            using var joined = new MemoryStream();
            while (true)
            {
                Need(span, at, (int)Math.Min(body, int.MaxValue));
                joined.Write(span.Slice(at, (int)body));
                at += (int)body;
                if (!partial)
                {
                    break;
                }

                (body, partial) = NewLength(span, ref at);
            }

            var bytes = joined.ToArray();
            packets.Add(new Packet(tag, bytes, Encode(tag, bytes)));
        }

        return packets;
    }

    /// <summary>A packet with a new-format header of definite length.</summary>
    public static byte[] Encode(int tag, ReadOnlySpan<byte> body)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)(0xC0 | tag));
        if (body.Length < 192)
        {
            buffer.WriteByte((byte)body.Length);
        }
        else if (body.Length < 8384)
        {
            buffer.WriteByte((byte)(((body.Length - 192) >> 8) + 192));
            buffer.WriteByte((byte)(body.Length - 192));
        }
        else
        {
            buffer.WriteByte(0xFF);
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
            buffer.Write(length);
        }

        buffer.Write(body);
        return buffer.ToArray();
    }

    private static Packet Whole(ReadOnlyMemory<byte> data, int tag, int start, ref int at, long length)
    {
        if (length > data.Length - at)
        {
            throw new DomainException($"The packet at byte {start:N0} declares {length:N0} bytes, more than the data holds: it is cut short");
        }

        var packet = new Packet(tag, data.Slice(at, (int)length), data[start..(at + (int)length)]);
        at += (int)length;
        return packet;
    }

    private static (long Length, bool Partial) NewLength(ReadOnlySpan<byte> span, ref int at)
    {
        var first = Need(span, at, 1)[0];
        at++;
        if (first < 192)
        {
            return (first, false);
        }

        if (first < 224)
        {
            var second = Need(span, at, 1)[0];
            at++;
            return (((first - 192) << 8) + second + 192, false);
        }

        if (first == 255)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(Need(span, at, 4));
            at += 4;
            return (length, false);
        }

        return (1L << (first & 0x1F), true);
    }

    private static ReadOnlySpan<byte> Need(ReadOnlySpan<byte> span, int at, int count) =>
        at >= 0 && count >= 0 && count <= span.Length - at
            ? span.Slice(at, count)
            : throw new DomainException($"A packet header at byte {at:N0} is cut short");
}
