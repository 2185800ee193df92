using Atr.Domain;
using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Distributions;
using Atr.Tests.Domain.Voting;
using Atr.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Atr.Tests.Domain.Distributions;

/// <summary>Distributions confirmed against a local server that answers in each registry's real JSON shape.</summary>
public sealed class DistributionServiceTests : IAsyncLifetime
{
    private FakeRegistries _registries = null!;

    private static CancellationToken Cancel => VoteFixture.Cancel;

    public async ValueTask InitializeAsync() => _registries = await FakeRegistries.StartAsync();

    public async ValueTask DisposeAsync() => await _registries.DisposeAsync();

    [Theory]
    [InlineData(DistributionPlatform.ArtifactHub, "apache", "2026-01-01T00:00:00", "https://artifacthub.io/packages/helm/apache/widget/1.2.0",
        "https://artifacthub.io/api/v1/packages/helm/apache/widget/1.2.0")]
    [InlineData(DistributionPlatform.DockerHub, null, "2026-01-02T03:04:05", null, "https://hub.docker.com/v2/namespaces/library/repositories/widget/tags/1.2.0")]
    [InlineData(DistributionPlatform.Maven, "org.apache.widget", "2026-01-02T00:00:00", null,
        "https://search.maven.org/solrsearch/select?q=g:org.apache.widget+AND+a:widget+AND+v:1.2.0&core=gav&rows=20&wt=json")]
    [InlineData(DistributionPlatform.Npm, null, "2026-01-03T00:00:00", "https://www.npmjs.com/package/widget/v/1.2.0", "https://registry.npmjs.org/widget")]
    [InlineData(DistributionPlatform.NpmScoped, "apache", "2026-01-03T00:00:00", "https://www.npmjs.com/package/@apache/widget/v/1.2.0",
        "https://registry.npmjs.org/@apache/widget")]
    [InlineData(DistributionPlatform.PyPi, null, "2026-01-04T05:06:07.123456", "https://pypi.org/project/widget/1.2.0/", "https://pypi.org/pypi/widget/1.2.0/json")]
    public async Task EachPlatform_IsConfirmed_WithItsUploadDateAndPage(
        DistributionPlatform platform, string? owner, string uploaded, string? webUrl, string apiUrl)
    {
        await using var fixture = await FinishedAsync();

        var recorded = await RecordAsync(fixture, new DistributionInput(platform, owner, "widget", "1.2.0", Staging: false));

        Assert.Equal((DateTime.Parse(uploaded, System.Globalization.CultureInfo.InvariantCulture), webUrl, apiUrl, false),
            (recorded.UploadDate!.Value, recorded.WebUrl, recorded.ApiUrl, recorded.Staging));
        Assert.Equal(recorded, Assert.Single((await fixture.Database.Get<DistributionService>().ListAsync(await fixture.ActorAsync("carl"), "widget", "1.0.0", Cancel)).Rows));
    }

    [Fact]
    public async Task AStagingRecord_IsUpgradedInPlace_WhenTheRealOneIsRecorded()
    {
        await using var fixture = await VoteFixture.CreateAsync(configure: Registries);
        var staged = await RecordAsync(fixture, new DistributionInput(DistributionPlatform.PyPi, null, "widget", "1.2.0", Staging: true));
        Assert.Equal(("https://test.pypi.org/pypi/widget/1.2.0/json", true), (staged.ApiUrl, staged.Staging));
        var early = await Assert.ThrowsAsync<DomainException>(() => RecordAsync(fixture, new DistributionInput(DistributionPlatform.PyPi, null, "widget", "1.2.0", false)));
        Assert.Equal("widget 1.0.0 is in the Compose phase; until its vote passed, only staging distributions are recorded", early.Message);

        await fixture.PassAsync();
        var final = await RecordAsync(fixture, new DistributionInput(DistributionPlatform.PyPi, null, "widget", "1.2.0", Staging: false));

        Assert.Equal(("https://pypi.org/pypi/widget/1.2.0/json", false), (final.ApiUrl, final.Staging));
        Assert.Single((await fixture.Database.Get<DistributionService>().ListAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0", Cancel)).Rows);
        var again = await Assert.ThrowsAsync<DomainException>(() => RecordAsync(fixture, new DistributionInput(DistributionPlatform.PyPi, null, "widget", "1.2.0", false)));
        Assert.Equal("PyPI-widget-1.2.0 is already recorded", again.Message);
    }

    [Theory]
    [InlineData(DistributionPlatform.PyPi, null, "9.9.9", false, "PyPI does not know widget 9.9.9 (https://pypi.org/pypi/widget/9.9.9/json answered 404); is it published?")]
    [InlineData(DistributionPlatform.Npm, null, "9.9.9", false, "npm lists no version 9.9.9 of widget")]
    [InlineData(DistributionPlatform.Maven, "org.apache.widget", "9.9.9", false, "Maven Central has no org.apache.widget:widget:9.9.9")]
    [InlineData(DistributionPlatform.Npm, null, "v1.2.0", false, "Give the version without its leading v: 1.2.0")]
    [InlineData(DistributionPlatform.DockerHub, null, "1.2.0", true, "Docker Hub has no staging service")]
    [InlineData(DistributionPlatform.Maven, null, "1.2.0", false, "Maven Central needs an owner or namespace")]
    public async Task AVersionThePlatformDoesNotConfirm_IsNotRecorded(DistributionPlatform platform, string? owner, string version, bool staging, string expected)
    {
        await using var fixture = await FinishedAsync();
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAnyAsync<DomainException>(() =>
            RecordAsync(fixture, new DistributionInput(platform, owner, "widget", version, staging)));

        Assert.Equal(expected, refused.Message);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task OnlyMembersRecordAndDelete()
    {
        await using var fixture = await FinishedAsync();
        var service = fixture.Database.Get<DistributionService>();
        var carl = await fixture.ActorAsync("carl");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            service.RecordAsync(carl, "widget", "1.0.0", new DistributionInput(DistributionPlatform.Npm, null, "widget", "1.2.0", false), Cancel));
        await RecordAsync(fixture, new DistributionInput(DistributionPlatform.Npm, null, "widget", "1.2.0", false));

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteAsync(carl, "widget", "1.0.0", DistributionPlatform.Npm, "", "widget", "1.2.0", Cancel));
        await service.DeleteAsync(await fixture.ActorAsync("mike"), "widget", "1.0.0", DistributionPlatform.Npm, "", "widget", "1.2.0", Cancel);

        Assert.Empty((await service.ListAsync(carl, "widget", "1.0.0", Cancel)).Rows);
    }

    private async Task<VoteFixture> FinishedAsync()
    {
        var fixture = await VoteFixture.CreateAsync(configure: Registries);
        await fixture.PassAsync();
        return fixture;
    }

    private void Registries(IServiceCollection services)
    {
        var settings = (AtrDomainSettings)services.Single(d => d.ServiceType == typeof(AtrDomainSettings)).ImplementationInstance!;
        services.Replace(ServiceDescriptor.Singleton(settings with { DistributionOrigins = _registries.Origins }));
    }

    private static async Task<DistributionView> RecordAsync(VoteFixture fixture, DistributionInput input) =>
        await fixture.Database.Get<DistributionService>().RecordAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0", input, Cancel);
}
