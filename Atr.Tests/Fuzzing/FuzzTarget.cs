using Atr.Tests.Fixtures;

namespace Atr.Tests.Fuzzing;

/// <summary>What a parser made of one input: a result, or the error it documents for input it cannot take.</summary>
public enum FuzzOutcome
{
    Result,
    DomainError,
}

/// <summary>
/// What one input may cost: its time (the run stops waiting for it at this point, and cancels it), the bytes allocated
/// while it runs, and the size inputs are cut to.
/// </summary>
public sealed record FuzzLimits(TimeSpan Time, long AllocatedBytes, int InputBytes);

/// <summary>
/// One parser under fuzzing: its seeds (real inputs), how they are mutated, the limits one input must stay within, and
/// how the parser is called. <see cref="Run"/> turns the parser's documented errors into
/// <see cref="FuzzOutcome.DomainError"/> and lets anything else through: that is a violation.
/// </summary>
public abstract class FuzzTarget
{
    private readonly Lazy<IReadOnlyList<byte[]>> _seeds;

    protected FuzzTarget() => _seeds = new Lazy<IReadOnlyList<byte[]>>(LoadSeeds);

    /// <summary>The parser's name: a folder name under the regression fixtures, and what the bench prints.</summary>
    public abstract string Name { get; }

    public IReadOnlyList<byte[]> Seeds => _seeds.Value;

    public abstract IMutator Mutator { get; }

    public abstract FuzzLimits Limits { get; }

    /// <summary>Runs the parser on one input, as the code that uses it would.</summary>
    public abstract FuzzOutcome Run(byte[] input, CancellationToken cancellationToken);

    /// <summary>The seeds; each target's seeds are loaded once, on first use.</summary>
    protected abstract IReadOnlyList<byte[]> LoadSeeds();

    /// <summary>The files of a folder of the suite's fixtures (the fuzzer's own seeds among them), at any depth, in a fixed order.</summary>
    protected static IEnumerable<byte[]> Files(string folder, string pattern = "*") =>
        Directory.EnumerateFiles(FixtureFiles.PathOf(folder), pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes);

    public override string ToString() => Name;
}
