using Atr.Domain.Checks;
using Atr.Domain.Checks.Licenses;
using Atr.Tests.Domain.Checks.Archives;
using static Atr.Tests.Domain.Checks.Licenses.LicenseFixtures;

namespace Atr.Tests.Domain.Checks.Licenses;

/// <summary>The exclusions projects give RAT in their builds, read from the release's own files.</summary>
public sealed class RatExclusionsTests
{
    [Fact]
    public async Task LicenseHeaders_MavenRatPluginExcludes_ApplyFromTheTopAndFromEachModule()
    {
        var findings = await RunAsync(Release(Project("maven")));

        Assert.Equal([($"{Root}/tools/Orphan.java", CheckResultStatus.Failure)], Members(findings).Select(f => (f.MemberRelPath, f.Status)));
        Assert.Equal(Counts(7, valid: 3, excluded: 3, failed: 1), Summary(findings).Message);
        Assert.Equal($"Exclusions applied: {Root}/pom.xml apache-rat-plugin excludes (1 %regex pattern not applied): 3 files", Exclusions(findings)?.Message);
    }

    [Fact]
    public async Task LicenseHeaders_RatPluginInPluginManagementAndAnExecution_BothApply()
    {
        var findings = await RunAsync(Release(Project("maven-plugin-management")));

        Assert.Empty(Members(findings));
        Assert.Equal(Counts(4, valid: 2, excluded: 2), Summary(findings).Message);
        Assert.Equal($"Exclusions applied: {Root}/pom.xml apache-rat-plugin excludes: 2 files", Exclusions(findings)?.Message);
    }

    [Fact]
    public async Task LicenseHeaders_RatPluginExcludesOfAModulePom_DoNotApply()
    {
        var pom = System.IO.File.ReadAllText(Fixtures.FixtureFiles.PathOf("Licenses/projects/maven/pom.xml"));
        var entries = Release(
            new Entry($"{Root}/native/pom.xml", pom),
            File("projects/maven/third_party/hash/hash.c", "native/third_party/hash/hash.c"));

        var findings = await RunAsync(entries);

        Assert.Equal($"{Root}/native/third_party/hash/hash.c", Assert.Single(Members(findings)).MemberRelPath);
        Assert.Null(Exclusions(findings));
    }

    [Fact]
    public async Task LicenseHeaders_GradleRatBlock_ExcludesItsPatternsAndNotOtherTasks()
    {
        var findings = await RunAsync(Release(Project("gradle-groovy")));

        Assert.Equal([$"{Root}/native/orphan.c"], Members(findings).Select(f => f.MemberRelPath));
        Assert.Equal(Counts(4, valid: 1, excluded: 2, failed: 1), Summary(findings).Message);
        Assert.Equal($"Exclusions applied: {Root}/build.gradle rat task excludes: 2 files", Exclusions(findings)?.Message);
    }

    [Fact]
    public async Task LicenseHeaders_KotlinRatTask_Excludes()
    {
        var findings = await RunAsync(Release(Project("gradle-kotlin")));

        Assert.Empty(Members(findings));
        Assert.Equal(Counts(5, valid: 2, excluded: 3), Summary(findings).Message);
        Assert.Equal($"Exclusions applied: {Root}/build.gradle.kts rat task excludes: 3 files", Exclusions(findings)?.Message);
    }

    [Theory]
    [InlineData("malformed-pom")]
    [InlineData("doctype-pom")]
    public async Task LicenseHeaders_PomThatCannotBeRead_IsAWarningAndTheFilesStayJudged(string project)
    {
        var findings = await RunAsync(Release(Project(project)));

        var warning = Assert.Single(findings, f => f.Checker == LicenseHeadersRule.Checker && f.MemberRelPath is null && f.Status == CheckResultStatus.Warning);
        Assert.StartsWith($"{Root}/pom.xml cannot be read as XML (", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("): its apache-rat-plugin excludes are not used", warning.Message, StringComparison.Ordinal);
        Assert.Equal([$"{Root}/third_party/hash/hash.c"], Members(findings).Select(f => f.MemberRelPath));
        Assert.Null(Exclusions(findings));
    }

    [Fact]
    public async Task LicenseHeaders_SeveralExclusionSets_AreEachNamedWithWhatTheyExcluded()
    {
        var entries = Release([.. Project("maven"), new Entry($"{Root}/.rat-excludes", "tools/\n")]);

        var findings = await RunAsync(entries);

        Assert.Empty(Members(findings));
        Assert.Equal(
            $"Exclusions applied: {Root}/.rat-excludes: 1 file; {Root}/pom.xml apache-rat-plugin excludes (1 %regex pattern not applied): 3 files",
            Exclusions(findings)?.Message);
        Assert.Equal(Counts(7, valid: 3, excluded: 4), Summary(findings).Message);
    }

    [Theory]
    [InlineData("rat {\n    excludes = ['a/**', \"b/*.js\"]\n}\n", new[] { "a/**", "b/*.js" })]
    [InlineData("rat {\n    excludes += [\n        'a/**',\n        'b/**'\n    ]\n    inputDir = file('.')\n}\n", new[] { "a/**", "b/**" })]
    [InlineData("tasks.rat {\n    excludes.add(\"a/**\")\n    excludes.addAll(listOf(\"b\", \"c\"))\n}\n", new[] { "a/**", "b", "c" })]
    [InlineData("tasks.withType(RatTask) { exclude 'x/**'; exclude('y/**') }\n", new[] { "x/**", "y/**" })]
    [InlineData("rat.excludes = ['gen/**']\nversion = '1.0'\n", new[] { "gen/**" })]
    [InlineData("jar {\n    exclude '**/*.c'\n}\n// rat { exclude 'commented/**' }\n", new string[0])]
    [InlineData("rat {\n    /* exclude 'old/**' */\n    excludes = [\n        'kept/**', // 'trailing'\n    ]\n}\ndescription = 'not a pattern'\n", new[] { "kept/**" })]
    public void FromGradle_RatTaskExcludes_AreReadInTheirShapes(string script, string[] patterns) =>
        Assert.Equal(patterns, RatBuildExcludes.FromGradle(script));
}
