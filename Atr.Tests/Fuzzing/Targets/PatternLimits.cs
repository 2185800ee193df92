using Atr.Domain.Checks;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// What building one list of path patterns may cost, by the domain's own limits: at most 8 KiB of patterns
/// (<see cref="GitIgnorePatterns.MaxLength"/>, <see cref="AntPatterns.MaxLength"/>) compiled into linear-time
/// expressions, which the fuzzer's worst inputs took up to 60 MiB and half a second to build.
/// </summary>
internal static class PatternLimits
{
    public const long AllocatedBytes = 96 << 20;

    public static readonly TimeSpan Time = TimeSpan.FromSeconds(2);
}
