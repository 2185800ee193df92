using System.Text;
using Atr.Domain.Checks;
using Atr.Domain.Checks.Licenses;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// A top-level <c>build.gradle</c> or <c>build.gradle.kts</c>'s <c>rat</c> task excludes
/// (<see cref="RatBuildExcludes.FromGradle"/>, which reads any text), made into Ant patterns and matched.
/// </summary>
public sealed class GradleTarget : FuzzTarget
{
    private static readonly ByteMutator Bytes = new(
        "{", "}", "(", ")", "[", "]", "\"", "'", "'''", "\"\"\"", "\\", "//", "/*", "*/", "\n", ";", "=", "+=", ",", ".", "rat", "rat {",
        "tasks.named(\"rat\") {", "tasks.withType<RatTask> {", "exclude", "excludes", "excludes = [", ".add(", ".addAll(listOf(", "%regex[", "**/");

    public override string Name => "gradle";

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (3, Bytes), (1, new LineMutator()));

    /// <summary>A build file is read only when whole, up to 1 MiB (the seeds are a few KiB); one list of patterns is built.</summary>
    public override FuzzLimits Limits { get; } = new(PatternLimits.Time, PatternLimits.AllocatedBytes, 256 << 10);


    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        BuildFiles.Match(new AntPatterns(RatBuildExcludes.FromGradle(Encoding.UTF8.GetString(input))));
        return FuzzOutcome.Result;
    }

    protected override IReadOnlyList<byte[]> LoadSeeds() =>
        [.. Files("Licenses/projects", "build.gradle"), .. Files("Licenses/projects", "build.gradle.kts")];
}
