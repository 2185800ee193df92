using Atr.Domain.Common;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Domain.Keys;

/// <summary>
/// A KEYS file (or any text of armoured public keys) read as GnuPG reads one, but without verifying anything yet:
/// every transferable key with its key ids, the revocation certificates, and a reason for each block that cannot be
/// read. The file is bytes: listings between the blocks may be in any encoding. A key is verified (only its own
/// self-signatures, never third-party certifications) when its <see cref="KeyCandidate.Reading"/> is first asked for.
/// </summary>
public sealed class KeysFile
{
    /// <summary>The most a KEYS file may hold (a large committee's is well under 1 MiB).</summary>
    public const int MaxBytes = 4 << 20;

    private KeysFile(IReadOnlyList<KeyCandidate> keys, IReadOnlyList<BlockError> errors, IReadOnlyList<(int Block, SignaturePacket Signature)> revocations)
    {
        Keys = keys;
        Errors = errors;
        Revocations = revocations;
    }

    /// <summary>The keys in the order of their first appearance; a key given twice is one key with both copies' packets.</summary>
    public IReadOnlyList<KeyCandidate> Keys { get; }

    /// <summary>The blocks that could not be read, with the reason.</summary>
    public IReadOnlyList<BlockError> Errors { get; }

    /// <summary>Revocation certificates: key revocations standing alone in a block.</summary>
    internal IReadOnlyList<(int Block, SignaturePacket Signature)> Revocations { get; }

    /// <exception cref="DomainException">The data is too large, or holds no armoured public key at all.</exception>
    public static KeysFile Read(ReadOnlyMemory<byte> data)
    {
        if (data.Length > MaxBytes)
        {
            throw new DomainException($"The keys are {data.Length:N0} bytes long; at most {MaxBytes:N0} are accepted");
        }

        var blocks = Armor.Blocks(data).Where(b => b.Kind is "PUBLIC KEY BLOCK" or "PRIVATE KEY BLOCK" or "SIGNATURE").ToList();
        if (blocks.Count == 0)
        {
            throw new DomainException("No ASCII-armoured public key was found: expected a \"-----BEGIN PGP PUBLIC KEY BLOCK-----\" line");
        }

        var keys = new List<KeyCandidate>();
        var byFingerprint = new Dictionary<string, KeyCandidate>(StringComparer.Ordinal);
        var errors = new List<BlockError>();
        var revocations = new List<(int, SignaturePacket)>();
        foreach (var block in blocks)
        {
            if (block.Kind == "PRIVATE KEY BLOCK")
            {
                errors.Add(new BlockError(block.Index, "The block holds a secret key: never upload it anywhere, and upload only its public key"));
                continue;
            }

            try
            {
                var (found, revoked) = ReadBlock(block);
                foreach (var candidate in found)
                {
                    if (byFingerprint.TryGetValue(candidate.Fingerprint, out var earlier))
                    {
                        earlier.Merge(candidate);
                    }
                    else
                    {
                        byFingerprint.Add(candidate.Fingerprint, candidate);
                        keys.Add(candidate);
                    }
                }

                revocations.AddRange(revoked.Select(r => (block.Index, r)));
            }
            catch (DomainException e)
            {
                errors.Add(new BlockError(block.Index, $"The block is not a readable OpenPGP public key: {e.Message}"));
            }
        }

        return new KeysFile(keys, errors, revocations);
    }

    private static (List<KeyCandidate> Keys, List<SignaturePacket> Revocations) ReadBlock(ArmoredBlock block)
    {
        var packets = Packets.Read(Armor.Decode(block));
        var keys = new List<KeyCandidate>();
        var revocations = new List<SignaturePacket>();
        KeyCandidate? current = null;
        Component? component = null;
        foreach (var packet in packets)
        {
            switch (packet.Tag)
            {
                case PacketTag.PublicKey:
                    current = new KeyCandidate(block.Index, packet);
                    component = null;
                    keys.Add(current);
                    break;
                case PacketTag.SecretKey or PacketTag.SecretSubkey:
                    throw new DomainException("it holds a secret key: never upload it anywhere, and upload only its public key");
                case PacketTag.UserId or PacketTag.UserAttribute or PacketTag.PublicSubkey when current is not null:
                    component = current.Add(packet);
                    break;
                case PacketTag.Signature when current is null:
                    if (SignaturePacket.Parse(packet.Body, packet.Raw) is { Type: SignatureType.KeyRevocation } revocation)
                    {
                        revocations.Add(revocation);
                    }

                    break;
                case PacketTag.Signature:
                    current.Attach(component, packet);
                    break;
                case PacketTag.Compressed:
                    throw new DomainException("it holds compressed data, which a public key never is");
            }

            // Trust, marker, padding, experimental and unknown packets carry nothing a key needs: GnuPG skips them too.
        }

        if (keys.Count == 0 && revocations.Count == 0)
        {
            throw new DomainException("it holds neither a public key nor a revocation certificate");
        }

        return (keys, revocations);
    }
}

/// <summary>A block of a KEYS file that could not be read, and why.</summary>
public sealed record BlockError(int Block, string Message);
