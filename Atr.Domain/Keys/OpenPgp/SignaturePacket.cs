using System.Buffers.Binary;
using Atr.Domain.Common;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>OpenPGP signature types (RFC 4880 §5.2.1).</summary>
internal static class SignatureType
{
    public const int BinaryDocument = 0x00;
    public const int TextDocument = 0x01;
    public const int GenericCertification = 0x10;
    public const int PositiveCertification = 0x13;
    public const int SubkeyBinding = 0x18;
    public const int PrimaryKeyBinding = 0x19;
    public const int DirectKey = 0x1F;
    public const int KeyRevocation = 0x20;
    public const int SubkeyRevocation = 0x28;
    public const int CertificationRevocation = 0x30;

    public static bool IsCertification(int type) => type is >= GenericCertification and <= PositiveCertification;
}

/// <summary>
/// A signature packet, version 2, 3 or 4 (RFC 4880 §5.2), with what its hashed subpackets say and the exact trailer
/// its hash ends with, taken from the bytes as written (never re-encoded, so an unusual but valid encoding still
/// verifies). Versions 5 and 6 are recognised and refused.
/// </summary>
internal sealed class SignaturePacket
{
    private const int KeyFlagsSubpacket = 27;
    private const int KeyExpirationSubpacket = 9;
    private const int CreationSubpacket = 2;
    private const int SignatureExpirationSubpacket = 3;
    private const int IssuerSubpacket = 16;
    private const int IssuerFingerprintSubpacket = 33;
    private const int PrimaryUserIdSubpacket = 25;
    private const int EmbeddedSignatureSubpacket = 32;

    private SignaturePacket(ReadOnlyMemory<byte> raw) => Raw = raw;

    /// <summary>The whole packet as it was written (header and body).</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    public int Version { get; private set; }

    public int Type { get; private set; }

    public int KeyAlgorithm { get; private set; }

    public int HashAlgorithm { get; private set; }

    public DateTime Created { get; private set; }

    public ulong? IssuerKeyId { get; private set; }

    public byte[]? IssuerFingerprint { get; private set; }

    /// <summary>The issuer's key id: the end of its fingerprint when the signature gives one, else its issuer key id.</summary>
    public ulong? Issuer => IssuerFingerprint is { Length: 20 } fingerprint ? BinaryPrimitives.ReadUInt64BigEndian(fingerprint.AsSpan(12)) : IssuerKeyId;

    /// <summary>The first two bytes of the signed hash, which a verifier compares first.</summary>
    public ushort HashPrefix { get; private set; }

    /// <summary>The signature's integers (RSA: one; DSA, ECDSA, EdDSA: r and s) or its fixed-size value (RFC 9580 Ed25519).</summary>
    public IReadOnlyList<byte[]> Values { get; private set; } = [];

    /// <summary>What the hash ends with after the signed data (RFC 4880 §5.2.4).</summary>
    public byte[] Trailer { get; private set; } = [];

    public int? KeyFlags { get; private set; }

    /// <summary>Seconds after the key's creation that it expires (0: never).</summary>
    public uint? KeyExpirationSeconds { get; private set; }

    /// <summary>Seconds after its creation that the signature itself expires (0: never).</summary>
    public uint? SignatureExpirationSeconds { get; private set; }

    public bool PrimaryUserId { get; private set; }

    /// <summary>Signature packet bodies embedded in this one (a signing subkey's back-signature), from either area.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Embedded { get; private set; } = [];

    /// <summary>A hashed subpacket marked critical that Atr does not know: the signature must then be ignored (RFC 4880 §5.2.3.1).</summary>
    public int? UnknownCritical { get; private set; }

    /// <summary>Whether the signature was made by the key with this id or fingerprint (or names no issuer at all).</summary>
    public bool MayBeBy(KeyMaterial key) =>
        IssuerFingerprint is { } fingerprint ? fingerprint.AsSpan().SequenceEqual(key.Fingerprint)
        : IssuerKeyId is not { } id || id == key.KeyId;

    /// <summary>Reads only who made a signature, without judging the rest of it: third-party certifications are never parsed further.</summary>
    public static (ulong? KeyId, byte[]? Fingerprint) IssuerOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new PacketReader(body, "signature");
            var version = reader.Byte();
            if (version is 2 or 3)
            {
                reader.Bytes(6);
                return (BinaryPrimitives.ReadUInt64BigEndian(reader.Bytes(8)), null);
            }

            if (version != 4)
            {
                return (null, null);
            }

            reader.Bytes(3);
            var hashed = reader.Bytes(reader.UInt16());
            var unhashed = reader.Bytes(reader.UInt16());
            ulong? keyId = null;
            byte[]? fingerprint = null;
            foreach (var area in new[] { hashed.ToArray(), unhashed.ToArray() })
            {
                foreach (var (type, data) in Subpackets(area))
                {
                    if (type == IssuerSubpacket && data.Length == 8)
                    {
                        keyId ??= BinaryPrimitives.ReadUInt64BigEndian(data.Span);
                    }
                    else if (type == IssuerFingerprintSubpacket && data.Length == 21 && data.Span[0] == 4)
                    {
                        fingerprint ??= data[1..].ToArray();
                    }
                }
            }

            return (keyId, fingerprint);
        }
        catch (DomainException)
        {
            return (null, null);
        }
    }

    /// <exception cref="DomainException">The packet is not a signature Atr can read; the message says why.</exception>
    public static SignaturePacket Parse(ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> raw)
    {
        var packet = new SignaturePacket(raw);
        var reader = new PacketReader(body.Span, "signature");
        packet.Version = reader.Byte();
        if (packet.Version is 2 or 3)
        {
            if (reader.Byte() != 5)
            {
                throw new DomainException("The version 3 signature's hashed part is not 5 bytes long");
            }

            packet.Type = reader.Byte();
            var created = reader.UInt32();
            packet.Created = DateTime.UnixEpoch.AddSeconds(created);
            packet.IssuerKeyId = reader.UInt64();
            packet.KeyAlgorithm = reader.Byte();
            packet.HashAlgorithm = reader.Byte();
            packet.Trailer = [(byte)packet.Type, .. body.Span.Slice(3, 4)];
        }
        else if (packet.Version == 4)
        {
            packet.Type = reader.Byte();
            packet.KeyAlgorithm = reader.Byte();
            packet.HashAlgorithm = reader.Byte();
            var hashedLength = reader.UInt16();
            var hashedStart = reader.Position;
            reader.Bytes(hashedLength);
            var unhashedLength = reader.UInt16();
            var unhashedStart = reader.Position;
            reader.Bytes(unhashedLength);
            var hashed = body.Slice(hashedStart, hashedLength);
            var unhashed = body.Slice(unhashedStart, unhashedLength);
            var trailer = new byte[6 + hashedLength + 6];
            body.Span[..(6 + hashedLength)].CopyTo(trailer);
            trailer[6 + hashedLength] = 4;
            trailer[7 + hashedLength] = 0xFF;
            BinaryPrimitives.WriteInt32BigEndian(trailer.AsSpan(8 + hashedLength), 6 + hashedLength);
            packet.Trailer = trailer;
            packet.ReadSubpackets(hashed, true);
            packet.ReadSubpackets(unhashed, false);
            if (packet.Created == default)
            {
                throw new DomainException("The signature has no creation time in its hashed part");
            }
        }
        else
        {
            throw new DomainException($"The signature is of version {packet.Version}; Atr reads versions 2, 3 and 4, as GnuPG 2.2 does");
        }

        packet.HashPrefix = reader.UInt16();
        packet.Values = packet.KeyAlgorithm switch
        {
            OpenPgp.KeyAlgorithm.Rsa or OpenPgp.KeyAlgorithm.RsaSignOnly or OpenPgp.KeyAlgorithm.RsaEncryptOnly => [reader.Mpi()],
            OpenPgp.KeyAlgorithm.Dsa or OpenPgp.KeyAlgorithm.Ecdsa or OpenPgp.KeyAlgorithm.EdDsaLegacy
                or OpenPgp.KeyAlgorithm.ElGamal or OpenPgp.KeyAlgorithm.ElGamalEncryptOnly => [reader.Mpi(), reader.Mpi()],
            OpenPgp.KeyAlgorithm.Ed25519 => [reader.Bytes(64).ToArray()],
            OpenPgp.KeyAlgorithm.Ed448 => [reader.Bytes(114).ToArray()],
            _ => [],
        };
        return packet;
    }

    /// <summary>A signature packet body inside another (an embedded back-signature), parsed.</summary>
    public static SignaturePacket ParseEmbedded(ReadOnlyMemory<byte> body) => Parse(body, Packets.Encode(PacketTag.Signature, body.Span));

    private void ReadSubpackets(ReadOnlyMemory<byte> area, bool hashed)
    {
        var embedded = Embedded.ToList();
        foreach (var (type, data) in Subpackets(area))
        {
            var critical = (type & 0x80) != 0;
            var span = data.Span;
            switch (type & 0x7F)
            {
                case CreationSubpacket when hashed && data.Length == 4:
                    Created = DateTime.UnixEpoch.AddSeconds(BinaryPrimitives.ReadUInt32BigEndian(span));
                    break;
                case SignatureExpirationSubpacket when hashed && data.Length == 4:
                    SignatureExpirationSeconds = BinaryPrimitives.ReadUInt32BigEndian(span);
                    break;
                case KeyExpirationSubpacket when hashed && data.Length == 4:
                    KeyExpirationSeconds = BinaryPrimitives.ReadUInt32BigEndian(span);
                    break;
                case KeyFlagsSubpacket when hashed && data.Length >= 1:
                    KeyFlags = span[0];
                    break;
                case PrimaryUserIdSubpacket when hashed && data.Length == 1:
                    PrimaryUserId = span[0] != 0;
                    break;
                case IssuerSubpacket when data.Length == 8:
                    IssuerKeyId ??= BinaryPrimitives.ReadUInt64BigEndian(span);
                    break;
                case IssuerFingerprintSubpacket when data.Length >= 1:
                    IssuerFingerprint ??= span[0] == 4 && data.Length == 21 ? data[1..].ToArray() : null;
                    break;
                case EmbeddedSignatureSubpacket:
                    embedded.Add(data);
                    break;
                case var known when known is >= 2 and <= 39 and not (8 or 13 or 14 or 15 or 17 or 18 or 19 or 36):
                    break;
                default:
                    if (critical && hashed)
                    {
                        UnknownCritical ??= type & 0x7F;
                    }

                    break;
            }
        }

        Embedded = embedded;
    }

    /// <summary>The subpackets of an area (RFC 4880 §5.2.3.1): their type byte (critical bit included) and data.</summary>
    private static List<(int Type, ReadOnlyMemory<byte> Data)> Subpackets(ReadOnlyMemory<byte> area)
    {
        var subpackets = new List<(int, ReadOnlyMemory<byte>)>();
        var at = 0;
        var span = area.Span;
        while (at < span.Length)
        {
            int length = span[at++];
            if (length >= 192 && length < 255)
            {
                length = at < span.Length ? ((length - 192) << 8) + span[at++] + 192 : throw Short();
            }
            else if (length == 255)
            {
                length = at + 4 <= span.Length ? (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(span[at..]), int.MaxValue) : throw Short();
                at += 4;
            }

            if (length < 1 || length > span.Length - at)
            {
                throw Short();
            }

            subpackets.Add((span[at], area.Slice(at + 1, length - 1)));
            at += length;
        }

        return subpackets;
    }

    private static DomainException Short() => new("A signature subpacket is cut short");
}
