using Atr.Domain.Common;
using Atr.Domain.Distributions;

namespace Atr.Tests.Domain.Distributions;

public sealed class DistributionPlatformTests
{
    [Fact]
    public void All_DescribesEveryPlatformOnce()
    {
        Assert.Equal(Enum.GetValues<DistributionPlatform>().Order(), DistributionPlatforms.All.Select(i => i.Platform).Order());
        Assert.Equal(
            ["Artifact Hub", "Docker Hub", "Maven Central", "PyPI", "npm", "npm (scoped)"],
            DistributionPlatforms.All.Select(i => i.DisplayName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(DistributionPlatform.ArtifactHub, "apache", "widget", "1.2.0", false,
        "https://artifacthub.io/api/v1/packages/helm/apache/widget/1.2.0")]
    [InlineData(DistributionPlatform.ArtifactHub, "apache", "widget", "1.2.0", true,
        "https://staging.artifacthub.io/api/v1/packages/helm/apache/widget/1.2.0")]
    [InlineData(DistributionPlatform.DockerHub, null, "widget", "1.2.0", false,
        "https://hub.docker.com/v2/namespaces/library/repositories/widget/tags/1.2.0")]
    [InlineData(DistributionPlatform.DockerHub, "apache", "widget", "1.2.0", false,
        "https://hub.docker.com/v2/namespaces/apache/repositories/widget/tags/1.2.0")]
    [InlineData(DistributionPlatform.Maven, "org.apache.widget", "widget-core", "1.2.0", false,
        "https://search.maven.org/solrsearch/select?q=g:org.apache.widget+AND+a:widget-core+AND+v:1.2.0&core=gav&rows=20&wt=json")]
    [InlineData(DistributionPlatform.Npm, null, "widget", "1.2.0", false, "https://registry.npmjs.org/widget")]
    [InlineData(DistributionPlatform.NpmScoped, "apache", "widget", "1.2.0", false, "https://registry.npmjs.org/@apache/widget")]
    [InlineData(DistributionPlatform.PyPi, null, "apache-widget", "1.2.0", false, "https://pypi.org/pypi/apache-widget/1.2.0/json")]
    [InlineData(DistributionPlatform.PyPi, null, "apache-widget", "1.2.0", true, "https://test.pypi.org/pypi/apache-widget/1.2.0/json")]
    public void ApiUrl_FillsTheTemplate(DistributionPlatform platform, string? owner, string package, string version, bool staging, string expected)
    {
        Assert.Equal(expected, platform.Info().ApiUrl(owner, package, version, staging));
    }

    [Theory]
    [InlineData(DistributionPlatform.ArtifactHub, null, "needs an owner")]
    [InlineData(DistributionPlatform.Maven, "", "needs an owner")]
    [InlineData(DistributionPlatform.NpmScoped, " ", "needs an owner")]
    [InlineData(DistributionPlatform.Npm, "apache", "does not take an owner")]
    [InlineData(DistributionPlatform.PyPi, "apache", "does not take an owner")]
    public void ApiUrl_BrokenOwnerRule_IsRefusedWithTheRule(DistributionPlatform platform, string? owner, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => platform.Info().ApiUrl(owner, "widget", "1.2.0"));
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiUrl_StagingWithoutStagingService_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DistributionPlatform.Npm.Info().ApiUrl(null, "widget", "1.2.0", staging: true));
        Assert.Contains("npm has no staging service", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Distribution_ComputesIdentifierAndTitle_AndTurnsRuleBreaksIntoDomainErrors()
    {
        var distribution = new Distribution("widget-1.2.0", DistributionPlatform.Maven, "org.apache.widget", "widget-core", "1.2.0", staging: false);

        Assert.Equal("Maven Central-widget-core-1.2.0", distribution.Title);
        Assert.Equal("maven_central-widget-core-1.2.0", distribution.Identifier);
        Assert.Throws<DomainException>(() => new Distribution("widget-1.2.0", DistributionPlatform.Maven, null, "widget-core", "1.2.0", false));
    }
}
