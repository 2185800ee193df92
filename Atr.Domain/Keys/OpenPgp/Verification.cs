using System.Buffers.Binary;
using Atr.Domain.Common;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>Verifying a signature packet: over a finished hash, and over the parts of a key a certification binds.</summary>
internal static class Verification
{
    /// <summary>Whether <paramref name="signature"/>, whose hash over the signed data and its trailer is <paramref name="digest"/>, was made by <paramref name="key"/>.</summary>
    /// <exception cref="DomainException">They cannot be verified together (an algorithm Atr lacks, a malformed key).</exception>
    public static bool Verify(SignaturePacket signature, KeyMaterial key, byte[] digest) =>
        digest.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(digest) == signature.HashPrefix
        && PublicKeyVerifier.Verify(key, signature, digest);

    /// <summary>
    /// Whether <paramref name="signature"/> by <paramref name="signer"/> certifies <paramref name="primary"/>, with a
    /// user id, user attribute or subkey when given (RFC 4880 §5.2.4); false for anything that cannot be verified.
    /// </summary>
    public static bool Certifies(SignaturePacket signature, KeyMaterial signer, KeyMaterial primary, Component? component)
    {
        try
        {
            using var hash = PgpHashes.Create(signature.HashAlgorithm);
            primary.HashInto(hash);
            switch (component)
            {
                case { Subkey: { } subkey }:
                    subkey.HashInto(hash);
                    break;
                case { Tag: PacketTag.UserId or PacketTag.UserAttribute } named:
                    if (signature.Version == 4)
                    {
                        Span<byte> prefix = stackalloc byte[5];
                        prefix[0] = (byte)(named.Tag == PacketTag.UserId ? 0xB4 : 0xD1);
                        BinaryPrimitives.WriteInt32BigEndian(prefix[1..], named.Body.Length);
                        hash.Append(prefix);
                    }

                    hash.Append(named.Body.Span);
                    break;
            }

            hash.Append(signature.Trailer);
            return Verify(signature, signer, hash.Finish());
        }
        catch (DomainException)
        {
            return false;
        }
    }
}

/// <summary>A part of a transferable key after its primary key: a user id, a user attribute (photo id) or a subkey, with the signatures that follow it.</summary>
internal sealed class Component(Packet packet, KeyMaterial? subkey, string? subkeyError)
{
    public int Tag => packet.Tag;

    public ReadOnlyMemory<byte> Body => packet.Body;

    public ReadOnlyMemory<byte> Raw => packet.Raw;

    /// <summary>The subkey, when this is one that could be read.</summary>
    public KeyMaterial? Subkey => subkey;

    /// <summary>Why a subkey packet could not be read.</summary>
    public string? SubkeyError => subkeyError;

    /// <summary>The signatures that may be the key's own (third-party certifications are dropped as they are read).</summary>
    public List<SignaturePacket> Signatures { get; } = [];
}
