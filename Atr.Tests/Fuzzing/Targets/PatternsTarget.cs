using System.Text;
using Atr.Domain.Checks;
using Atr.Domain.Common;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// Path patterns in gitignore syntax (<see cref="GitIgnorePatterns"/>), as an archive's <c>.rat-excludes</c> and a
/// revision's <c>.atr/license-headers-ignore</c> give them: read line by line (a pattern that cannot be read is a
/// <see cref="DomainException"/>), then matched against a release's paths.
/// </summary>
public sealed class PatternsTarget : FuzzTarget
{
    private static readonly ByteMutator Bytes = new(
        "*", "**", "**/", "/**", "?", "[", "]", "[!", "[a-z]", "[^", "\\", "\\ ", "!", "#", "/", "\n", "\r\n", "\\p{L}", "(?=", "-[", "[[:alpha:]]", "{2}");

    private static readonly string[] Paths =
    [
        "src/main/java/org/apache/widget/App.java", "docs/site/index.md", "web/generated-js/app.js", "native/abc.c", "vendor/lib1.js", "build",
        "build/x", "#not-a-comment", "trailing-space ", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z.txt", "", "/", "ß/ü.txt", "[x].h",
    ];

    public override string Name => "patterns";

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (3, Bytes), (1, new LineMutator()));

    /// <summary>An exclusion file is read up to 64 KiB; one list of patterns is built.</summary>
    public override FuzzLimits Limits { get; } = new(PatternLimits.Time, PatternLimits.AllocatedBytes, 64 << 10);


    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        GitIgnorePatterns patterns;
        try
        {
            patterns = new GitIgnorePatterns(Encoding.UTF8.GetString(input).Split('\n'));
        }
        catch (DomainException)
        {
            return FuzzOutcome.DomainError;
        }

        foreach (var path in Paths)
        {
            patterns.IsMatch(path);
        }

        return FuzzOutcome.Result;
    }

    protected override IReadOnlyList<byte[]> LoadSeeds() => [.. Files("Fuzz/seeds/patterns")];
}
