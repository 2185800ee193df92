using System.Text.RegularExpressions;
using Atr.Domain.Checks.Hashing;
using Atr.Domain.Revisions;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// <c>.sha512</c> and <c>.sha256</c> files (<see cref="HashingCheck"/>): each input is checked as the checksum file of
/// the genuine releases' archives (their SHA-512 as published) and of the widget fixture (both hashes), so that the
/// mutated names and hashes can still match. Seeds: the genuine releases' files and every form the tools write.
/// </summary>
public sealed partial class ChecksumTarget : CheckTarget
{
    private static readonly byte[] Widget = File.ReadAllBytes(Fixtures.FixtureFiles.PathOf("Archives/apache-widget-1.0.0-src.tar.gz"));

    private readonly HashingCheck _check = new();

    public ChecksumTarget() =>
        Entries =
        [
            Entry("apache-widget-1.0.0-src.tar.gz", Widget),
            .. Genuine.Select(name => new ManifestEntry(name, 0, new string('0', 64),
                Hex().Match(File.ReadAllText(Fixtures.FixtureFiles.PathOf($"Fuzz/seeds/checksums/{name}.sha512"))).Value.ToLowerInvariant())),
        ];

    public override string Name => "checksum";

    private static readonly ByteMutator Bytes =
        new("  ", " *", "\n", "\r\n", "SHA512 (", ") = ", "SHA256 (", "SHA2-512", ": ", "\uFEFF", "\\", "/", "apache-widget-1.0.0-src.tar.gz");

    /// <summary>The genuine releases' archives, whose SHA-512 files are seeds.</summary>
    private static readonly string[] Genuine = ["apache-zookeeper-3.8.0.tar.gz", "avro-c-1.11.1.tar.gz"];

    /// <summary>Each input as the checksum file of each artifact, both algorithms for the widget.</summary>
    private static readonly string[] Paths =
        ["apache-zookeeper-3.8.0.tar.gz.sha512", "avro-c-1.11.1.tar.gz.sha512", "apache-widget-1.0.0-src.tar.gz.sha512", "apache-widget-1.0.0-src.tar.gz.sha256"];

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (4, Bytes), (1, new LineMutator()));

    /// <summary>A checksum file is at most 64 KiB: past it, the check fails on the size alone.</summary>
    public override FuzzLimits Limits { get; } = new(TimeSpan.FromSeconds(1), 16 << 20, HashingCheck.MaxChecksumFileBytes + 4096);

    /// <summary>The artifacts: the widget fixture with both hashes, the genuine archives with the SHA-512 their release managers published.</summary>
    protected override IReadOnlyList<ManifestEntry> Entries { get; }

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        foreach (var path in Paths)
        {
            RunCheck(_check, path, input, cancellationToken);
        }

        return FuzzOutcome.Result;
    }

    protected override IReadOnlyList<byte[]> LoadSeeds() => [.. Files("Fuzz/seeds/checksums")];

    [GeneratedRegex("[0-9A-Fa-f]{128}")]
    private static partial Regex Hex();
}
