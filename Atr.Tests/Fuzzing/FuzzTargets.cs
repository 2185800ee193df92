using Atr.Domain.Checks.Archives;
using Atr.Tests.Fuzzing.Targets;

namespace Atr.Tests.Fuzzing;

/// <summary>Every parser under fuzzing, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new KeysTarget(),
        new SignatureTarget(),
        .. ArchiveKind.All.Select(kind => new ArchiveTarget(kind)),
        new ChecksumTarget(),
        new SbomTarget(),
        new LicenseHeaderTarget(),
        new PomTarget(),
        new GradleTarget(),
        new PatternsTarget(),
        new PolicyTarget(),
        new MetadataTarget(),
    ];

    public static FuzzTarget Named(string name) =>
        All.SingleOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No parser is fuzzed as '{name}'", nameof(name));
}
