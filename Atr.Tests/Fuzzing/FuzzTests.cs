using System.Globalization;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Measures allocation for the whole process (<see cref="FuzzRunner"/>), so it runs alone.
/// </summary>
[CollectionDefinition(nameof(FuzzSerial), DisableParallelization = true)]
public sealed class FuzzSerial;

/// <summary>
/// Every parser's contract under mutated input: a result or its domain error, within its time and allocation limits,
/// never another exception. Each parser gets its suite's inputs (<see cref="SuiteInputs"/>) of a fixed run
/// seed; every input once saved as a regression fixture (Fixtures/Fuzz/regressions/{parser}/{seed}.bin) is replayed.
/// Longer runs are asked for through the environment: ATR_FUZZ_INPUTS, ATR_FUZZ_SEED, ATR_FUZZ_FIRST (the index of
/// the run's first input to run, for a run shared by several processes), ATR_FUZZ_PARSERS (a comma-separated subset)
/// and ATR_FUZZ_REPORT (a file each parser's summary line is appended to).
/// </summary>
[Collection(nameof(FuzzSerial))]
[Trait("Category", "Fuzz")]
public sealed class FuzzTests(ITestOutputHelper output)
{
    public const ulong SuiteSeed = 20_260_520;

    /// <summary>How many inputs each parser gets in the suite; longer runs are asked for through the environment.</summary>
    public const long SuiteInputs = 10_000;

    private static readonly string RegressionFolder = FixtureFiles.PathOf(Path.Combine("Fuzz", "regressions"));

    public static TheoryData<string> Parsers() => [.. FuzzTargets.All.Select(t => t.Name)];

    /// <summary>Every saved regression input: its parser and its file name (the seed it was made from).</summary>
    public static IEnumerable<TheoryDataRow<string, string>> SavedInputs()
    {
        var files = Directory.Exists(RegressionFolder)
            ? Directory.EnumerateFiles(RegressionFolder, "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        return files.Count == 0
            ? [new TheoryDataRow<string, string>("", "") { Skip = "No regression input is saved" }]
            : files.Select(f => new TheoryDataRow<string, string>(Path.GetFileName(Path.GetDirectoryName(f))!, Path.GetFileName(f)));
    }

    [Theory]
    [MemberData(nameof(Parsers))]
    public void Parser_MutatedInputs_GiveAResultOrADomainErrorWithinItsLimits(string parser)
    {
        var only = Environment.GetEnvironmentVariable("ATR_FUZZ_PARSERS");
        Assert.SkipWhen(only is { Length: > 0 } && !only.Split(',').Contains(parser), $"ATR_FUZZ_PARSERS={only}");
        var target = FuzzTargets.Named(parser);
        var inputs = Environment.GetEnvironmentVariable("ATR_FUZZ_INPUTS") is { Length: > 0 } count ? long.Parse(count, CultureInfo.InvariantCulture) : SuiteInputs;
        var seed = Environment.GetEnvironmentVariable("ATR_FUZZ_SEED") is { Length: > 0 } given ? ulong.Parse(given, CultureInfo.InvariantCulture) : SuiteSeed;

        var first = Environment.GetEnvironmentVariable("ATR_FUZZ_FIRST") is { Length: > 0 } from ? long.Parse(from, CultureInfo.InvariantCulture) : 0;

        var report = FuzzRunner.Run(target, seed, first, inputs, RegressionFolder, Log);

        Log(report.ToString());
        if (Environment.GetEnvironmentVariable("ATR_FUZZ_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllText(file, report.Summary() + "\n");
        }

        Assert.True(report.ViolationCount == 0, $"{report}\n{string.Join('\n', report.Violations)}");
    }

    [Theory]
    [MemberData(nameof(SavedInputs))]
    public void SavedInput_GivesAResultOrADomainErrorWithinItsLimits(string parser, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(RegressionFolder, parser, file));
        var seed = uint.Parse(Path.GetFileNameWithoutExtension(file), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        var report = FuzzRunner.Replay(FuzzTargets.Named(parser), seed, input, Log);

        Assert.True(report.ViolationCount == 0, string.Join('\n', report.Violations));
    }

    /// <summary>
    /// Makes inputs again from their printed seeds (ATR_FUZZ_GENERATE=parser:seed,parser:seed) and saves them as
    /// regression fixtures, which the test above then replays.
    /// </summary>
    [Fact]
    public void GeneratedSeeds_AreSavedAsRegressionFixtures()
    {
        var wanted = Environment.GetEnvironmentVariable("ATR_FUZZ_GENERATE");
        Assert.SkipWhen(string.IsNullOrEmpty(wanted), "ATR_FUZZ_GENERATE names no parser:seed");

        foreach (var (parser, seed) in wanted.Split(',').Select(w => w.Split(':')).Select(p => (p[0], uint.Parse(p[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture))))
        {
            var folder = Directory.CreateDirectory(Path.Combine(RegressionFolder, parser)).FullName;
            var path = Path.Combine(folder, $"{seed:x8}.bin");
            File.WriteAllBytes(path, FuzzRunner.Generate(FuzzTargets.Named(parser), seed));
            Log($"{parser}: seed {seed:x8} saved to {path}");
        }
    }

    private void Log(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("ATR_FUZZ_REPORT") is { Length: > 0 })
        {
            Console.Error.WriteLine(line);
        }
    }
}
