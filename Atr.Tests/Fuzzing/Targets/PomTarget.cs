using System.Xml;
using Atr.Domain.Checks;
using Atr.Domain.Checks.Licenses;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// A top-level <c>pom.xml</c>'s apache-rat-plugin excludes (<see cref="RatBuildExcludes.FromPom"/>, whose documented
/// error is <see cref="XmlException"/>), made into Ant patterns and matched, as <c>license.headers</c> does.
/// Seeds: the suite's project fixtures' poms.
/// </summary>
public sealed class PomTarget : FuzzTarget
{
    private static readonly ByteMutator Bytes = new(
        "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x10FFFF;", "&lt;", "<?xml version=\"1.0\"?>",
        "<!DOCTYPE project [<!ENTITY x \"y\">]>", "xmlns=\"http://maven.apache.org/POM/4.0.0\"", "<exclude>", "</exclude>", "<inputExclude>",
        "<plugin>", "</plugin>", "<artifactId>apache-rat-plugin</artifactId>", "<configuration>", "<executions>", "%regex[", "%ant[", "**/", "\\");

    public override string Name => "pom";

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (3, Bytes), (1, new LineMutator()));

    /// <summary>A build file is read only when whole, up to 1 MiB (the seeds are a few KiB); one list of patterns is built.</summary>
    public override FuzzLimits Limits { get; } = new(PatternLimits.Time, PatternLimits.AllocatedBytes, 256 << 10);

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> excludes;
        try
        {
            excludes = RatBuildExcludes.FromPom(input);
        }
        catch (XmlException)
        {
            return FuzzOutcome.DomainError;
        }

        BuildFiles.Match(new AntPatterns(excludes));
        return FuzzOutcome.Result;
    }

    protected override IReadOnlyList<byte[]> LoadSeeds() => [.. Files("Licenses/projects", "pom.xml")];
}

/// <summary>The paths patterns read from build files are matched against: a release's usual shapes.</summary>
internal static class BuildFiles
{
    private static readonly string[] Paths =
    [
        "src/main/java/org/apache/widget/App.java", "apache-widget-1.0.0-src/pom.xml", "docs/site/menu.js", "a/b/c/d/e/f/g.txt", "", "/", "x",
        "web/generated-js/app.min.js", "third_party/hash/hash.c", ".rat-excludes", "ß/ü.txt",
    ];

    public static void Match(AntPatterns patterns)
    {
        foreach (var path in Paths)
        {
            patterns.IsMatch(path);
        }
    }
}
