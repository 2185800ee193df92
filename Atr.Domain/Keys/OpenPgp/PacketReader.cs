using System.Buffers.Binary;
using Atr.Domain.Common;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>Reads the fields of one packet body in order; running past its end is a <see cref="DomainException"/>.</summary>
internal ref struct PacketReader(ReadOnlySpan<byte> body, string what)
{
    private readonly ReadOnlySpan<byte> _body = body;

    public int Position { get; private set; }

    public readonly int Remaining => _body.Length - Position;

    public byte Byte() => Take(1)[0];

    public ushort UInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public ReadOnlySpan<byte> Bytes(int count) => Take(count);

    /// <summary>A multiprecision integer (RFC 4880 §3.2): its bit count, then its big-endian bytes.</summary>
    public byte[] Mpi()
    {
        var bits = UInt16();
        return Take((bits + 7) / 8).ToArray();
    }

    public ReadOnlySpan<byte> Rest() => Take(Remaining);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new DomainException($"The {what} is cut short: it ends in the middle of a field");
        }

        var slice = _body.Slice(Position, count);
        Position += count;
        return slice;
    }
}
