using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// A KEYS file imported as <see cref="KeyService"/> imports one, without the database: read
/// (<see cref="KeysFile.Read"/>; a file with no armoured key at all, or too large, is a <see cref="DomainException"/>),
/// every key judged, each usable key described, displayed, owned, made into the entity stored, read back from its
/// stored armour and armoured again with comments as a committee's KEYS file shows it, each unusable one made into
/// its outcome, and each revocation certificate tried on the keys it may revoke. A usable key whose stored armour does
/// not read back as a usable key breaks the contract too: the server would silently lose it.
/// Seeds: the genuine releases' KEYS files, the wild KEYS fixture and the suite's GnuPG-made keys, whole and block by block.
/// </summary>
public sealed class KeysTarget : FuzzTarget
{
    private static readonly Dictionary<string, string> Owners = new(StringComparer.Ordinal) { ["rita@example.org"] = "rita", ["paula@example.org"] = "paula" };

    private static readonly ByteMutator Bytes = new(
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n", "-----END PGP PUBLIC KEY BLOCK-----\n", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n", "=", "\n\n",
        "\r\n", "Comment: ", "pub   rsa4096 2011-02-14 [SC]\n", "\u00e9");

    public override string Name => "keys";

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (1, Bytes), (6, new ArmorMutator()));

    /// <summary>A KEYS file may be 4 MiB; the seeds are up to 95 KiB, and inputs stay near them.</summary>
    public override FuzzLimits Limits { get; } = new(TimeSpan.FromSeconds(5), 256 << 20, 256 << 10);

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        KeysFile file;
        try
        {
            file = KeysFile.Read(input);
        }
        catch (DomainException)
        {
            return FuzzOutcome.DomainError;
        }

        var usable = new List<ParsedKey>();
        foreach (var candidate in file.Keys)
        {
            if (candidate.Reading.Key is not { } key)
            {
                KeyService.Unusable(candidate);
                continue;
            }

            usable.Add(key);
            KeyParser.Describe(key.Algorithm, key.Length, key.Curve);
            KeyParser.Display(key.Fingerprint);
            KeyService.OwnerOf(key, Owners);
            _ = new PublicSigningKey(key.Fingerprint, key.Algorithm, key.Length, key.Created, key.Armor);
            if (KeyParser.Stored(key.Armor)?.Reading.Key is not { } stored || stored.Fingerprint != key.Fingerprint)
            {
                throw new InvalidOperationException($"The key {key.Fingerprint} is usable, but its stored armour does not read back as it");
            }

            KeyParser.Rearmor(key.Armor, $"{key.UserIds[0]} ({KeyParser.Display(key.Fingerprint)})", "committee widget");
        }

        foreach (var (_, revocation) in file.Revocations)
        {
            foreach (var key in usable.Where(k => revocation.MayBeBy(k.Material)))
            {
                KeyParser.Revoke(KeyParser.Read(key.Armor), revocation);
            }
        }

        return FuzzOutcome.Result;
    }

    /// <summary>Every KEYS file and key of the seeds and the suite's fixtures.</summary>
    public static IReadOnlyList<byte[]> KeyFiles() =>
    [
        .. Files("Fuzz/seeds/keys"), .. Files("Keys", "*.asc"), .. Files("Keys", "KEYS"), .. Files("Wild", "KEYS-wild"), .. Files("Signatures", "*.key.asc"),
        .. Files("Wild/signatures", "*.key.asc"),
    ];

    /// <summary>
    /// Each file cut into its blocks, each with the listing text before it (the file is their concatenation): most
    /// inputs then hold a key or two, which keeps the run fast, and splices join blocks again.
    /// </summary>
    protected override IReadOnlyList<byte[]> LoadSeeds() => [.. KeyFiles().SelectMany(Pieces)];

    private static IEnumerable<byte[]> Pieces(byte[] file)
    {
        var blocks = Armor.Blocks(file);
        var start = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var end = i == blocks.Count - 1 ? file.Length : ArmorMutator.Span(blocks[i + 1]).Start;
            yield return file[start..end];
            start = end;
        }
    }
}
