using System.Security.Cryptography;
using Atr.Domain.Checks.Signatures;
using Atr.Domain.Keys;
using Atr.Domain.Revisions;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// Detached <c>.asc</c> signatures (<see cref="SignatureCheck"/>) over the widget fixture archive, verified against a
/// committee holding every seed key: the genuine releases' KEYS files (whose keys made the genuine signatures), the
/// wild fixture's and the suite's GnuPG-made keys. Half the inputs verify from a hash the offline command kept, half
/// read the artifact. Seeds: the genuine releases' signatures and the suite's (every algorithm, v2 to v4, several in
/// one file).
/// </summary>
public sealed class SignatureTarget : CheckTarget
{
    private const string Artifact = "apache-widget-1.0.0-src.tar.gz";

    private static readonly byte[] Content = File.ReadAllBytes(Fixtures.FixtureFiles.PathOf($"Signatures/{Artifact}"));

    private static readonly ByteMutator Bytes = new("-----BEGIN PGP SIGNATURE-----\n", "-----END PGP SIGNATURE-----\n", "=", "\n\n", "\r\n", "Hash: SHA256\n");

    private readonly SignatureCheck _check = new();

    private readonly Dictionary<HashAlgorithmName, IncrementalHash> _kept = new[] { HashAlgorithmName.SHA256, HashAlgorithmName.SHA512 }
        .ToDictionary(a => a, a =>
        {
            var hash = IncrementalHash.CreateHash(a);
            hash.AppendData(Content);
            return hash;
        });

    public SignatureTarget() =>
        Keys = new CommitteeKeys("widget", [.. KeysTarget.KeyFiles().SelectMany(file => KeysFile.Read(file).Keys)], new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));

    public override string Name => "signature";

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (1, Bytes), (6, new ArmorMutator()));

    /// <summary>A signature file is at most 64 KiB, with at most 16 signatures.</summary>
    public override FuzzLimits Limits { get; } = new(TimeSpan.FromSeconds(2), 32 << 20, SignatureCheck.MaxSignatureFileBytes + 4096);

    protected override IReadOnlyDictionary<string, byte[]> Others { get; } = new Dictionary<string, byte[]> { [Artifact] = Content };

    protected override CommitteeKeys Keys { get; }

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken) =>
        RunCheck(_check, $"{Artifact}.asc", input, cancellationToken, input.Length % 2 == 0 ? Kept : null);

    protected override IReadOnlyList<byte[]> LoadSeeds() =>
    [
        .. Files("Fuzz/seeds/signatures"),
        .. Files("Signatures", "*.asc").Where(s => !IsKey(s)),
        .. Files("Wild/signatures", "*.asc").Where(s => !IsKey(s)),
    ];

    private static bool IsKey(byte[] armour) => armour.AsSpan().IndexOf("PUBLIC KEY BLOCK"u8) >= 0;

    private IncrementalHash? Kept(ManifestEntry file, HashAlgorithmName algorithm) =>
        file.Path == Artifact && _kept.TryGetValue(algorithm, out var hash) ? hash.Clone() : null;
}
