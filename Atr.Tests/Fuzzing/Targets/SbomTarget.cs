using Atr.Domain.Checks.Sbom;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>CycloneDX SBOMs (<see cref="SbomCheck"/>), mutated as JSON as well as bytes, so that most stay documents the NTIA judge reads.</summary>
public sealed class SbomTarget : CheckTarget
{
    private static readonly ByteMutator Bytes = new("{", "}", "[", "]", "\"", ",", ":", "\\u", "null", "\"components\":", "\"metadata\":", "\"bomFormat\":\"CycloneDX\"");

    private readonly SbomCheck _check = new();

    public override string Name => "sbom";

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (1, Bytes), (3, new JsonMutator()));

    /// <summary>Seeds are a few KiB; an SBOM may be 64 MiB, but the fuzzer's inputs stay small enough to run by the thousand.</summary>
    public override FuzzLimits Limits { get; } = new(TimeSpan.FromSeconds(1), 32 << 20, 256 << 10);

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken) =>
        RunCheck(_check, "apache-widget-1.0.0.cdx.json", input, cancellationToken);

    protected override IReadOnlyList<byte[]> LoadSeeds() => [.. Files("Fuzz/seeds/sbom")];
}
