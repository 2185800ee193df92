using System.Globalization;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// One input that broke the contract: what it was (the run seed, its index and its own seed, from which
/// <see cref="FuzzRunner.Generate"/> makes it again) and how it broke it.
/// </summary>
/// <param name="Kind">exception, time, hang or memory.</param>
/// <param name="SavedTo">Where the input was saved as a regression fixture, if it was.</param>
public sealed record FuzzViolation(string Target, ulong RunSeed, long Index, uint Seed, string Kind, string Message, string? SavedTo)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Target}: run seed {RunSeed}, input {Index:N0}, seed {Seed:x8}: {Kind}: {Message}")
        + (SavedTo is null ? "" : $" (saved to {SavedTo})");
}

/// <summary>What a run of one target did: its counts, its costliest inputs and its violations.</summary>
public sealed class FuzzReport(string target, ulong runSeed)
{
    private readonly List<FuzzViolation> _violations = [];

    public string Target { get; } = target;

    public ulong RunSeed { get; } = runSeed;

    public long Inputs { get; set; }

    public long Results { get; set; }

    public long DomainErrors { get; set; }

    /// <summary>Every violation, also those past the ones kept in <see cref="Violations"/>.</summary>
    public long ViolationCount { get; set; }

    public IReadOnlyList<FuzzViolation> Violations => _violations;

    public TimeSpan Slowest { get; set; }

    public uint SlowestSeed { get; set; }

    public long MostAllocated { get; set; }

    public uint MostAllocatedSeed { get; set; }

    public TimeSpan Elapsed { get; set; }

    public void Add(FuzzViolation violation) => _violations.Add(violation);

    /// <summary>One line: the figures bench/fuzz.sh prints.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}\t{Inputs}\t{Results}\t{DomainErrors}\t{ViolationCount}\t{Slowest.TotalMilliseconds:F1}\t{SlowestSeed:x8}\t{MostAllocated}\t{MostAllocatedSeed:x8}\t{Elapsed.TotalSeconds:F1}\t{RunSeed}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}: {Inputs:N0} inputs (run seed {RunSeed}): {Results:N0} results, {DomainErrors:N0} domain errors, {ViolationCount:N0} violations; "
        + $"slowest {Slowest.TotalMilliseconds:F1} ms (seed {SlowestSeed:x8}), most allocated {MostAllocated / 1024.0 / 1024.0:F1} MiB (seed {MostAllocatedSeed:x8}); "
        + $"{Elapsed.TotalSeconds:F1} s, {Inputs / Math.Max(Elapsed.TotalSeconds, 0.001):N0} inputs/s");
}
