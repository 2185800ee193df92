using Atr.Domain.Checks;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// What reading one list of path patterns and matching a release's paths may cost, by the domain's own limits: at
/// most 8 KiB of patterns (<see cref="GitIgnorePatterns.MaxLength"/>, <see cref="AntPatterns.MaxLength"/>), each a
/// small automaton matched in time linear in the path.
/// </summary>
internal static class PatternLimits
{
    public const long AllocatedBytes = 16 << 20;

    public static readonly TimeSpan Time = TimeSpan.FromSeconds(1);
}
