namespace Atr.Domain.Distributions;

/// <summary>A package registry where a release can also be distributed.</summary>
public enum DistributionPlatform
{
    ArtifactHub,
    DockerHub,
    Maven,
    Npm,
    NpmScoped,
    PyPi,
}

/// <summary>Whether a platform's packages live under an owner or namespace.</summary>
public enum OwnerNamespaceRule
{
    /// <summary>An owner or namespace must be given.</summary>
    Required,

    /// <summary>An owner or namespace must not be given.</summary>
    Forbidden,

    /// <summary>Optional; when absent, <see cref="DistributionPlatformInfo.DefaultOwnerNamespace"/> is used.</summary>
    Defaulted,
}

/// <summary>What Atr knows about a platform: its name, where its API describes a package version, and its owner rules.</summary>
/// <param name="ApiUrlTemplate">URL of the platform's API for one package version, with <c>{owner_namespace}</c>, <c>{package}</c> and <c>{version}</c>.</param>
/// <param name="StagingApiUrlTemplate">The same on the platform's staging service, or null when it has none.</param>
public sealed record DistributionPlatformInfo(
    DistributionPlatform Platform,
    string DisplayName,
    string ApiUrlTemplate,
    string? StagingApiUrlTemplate,
    OwnerNamespaceRule OwnerNamespace,
    string? DefaultOwnerNamespace)
{
    public bool SupportsStaging => StagingApiUrlTemplate is not null;

    /// <summary>
    /// The API URL for a package version. Throws <see cref="ArgumentException"/> when the owner rule is broken or
    /// staging is asked of a platform without a staging service.
    /// </summary>
    public string ApiUrl(string? ownerNamespace, string package, string version, bool staging = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var owner = EffectiveOwnerNamespace(ownerNamespace);
        var template = staging
            ? StagingApiUrlTemplate ?? throw new ArgumentException($"{DisplayName} has no staging service", nameof(staging))
            : ApiUrlTemplate;
        return template
            .Replace("{owner_namespace}", Uri.EscapeDataString(owner ?? ""), StringComparison.Ordinal)
            .Replace("{package}", Uri.EscapeDataString(package), StringComparison.Ordinal)
            .Replace("{version}", Uri.EscapeDataString(version), StringComparison.Ordinal);
    }

    /// <summary>The owner or namespace to use, after applying this platform's rule.</summary>
    public string? EffectiveOwnerNamespace(string? ownerNamespace)
    {
        var given = string.IsNullOrWhiteSpace(ownerNamespace) ? null : ownerNamespace.Trim();
        return OwnerNamespace switch
        {
            OwnerNamespaceRule.Required => given ?? throw new ArgumentException($"{DisplayName} needs an owner or namespace", nameof(ownerNamespace)),
            OwnerNamespaceRule.Forbidden => given is null ? null : throw new ArgumentException($"{DisplayName} does not take an owner or namespace", nameof(ownerNamespace)),
            _ => given ?? DefaultOwnerNamespace,
        };
    }
}

public static class DistributionPlatforms
{
    private static readonly Dictionary<DistributionPlatform, DistributionPlatformInfo> Infos = new DistributionPlatformInfo[]
    {
        new(DistributionPlatform.ArtifactHub, "Artifact Hub",
            "https://artifacthub.io/api/v1/packages/helm/{owner_namespace}/{package}/{version}",
            "https://staging.artifacthub.io/api/v1/packages/helm/{owner_namespace}/{package}/{version}",
            OwnerNamespaceRule.Required, null),
        new(DistributionPlatform.DockerHub, "Docker Hub",
            "https://hub.docker.com/v2/namespaces/{owner_namespace}/repositories/{package}/tags/{version}",
            null, OwnerNamespaceRule.Defaulted, "library"),
        new(DistributionPlatform.Maven, "Maven Central",
            "https://search.maven.org/solrsearch/select?q=g:{owner_namespace}+AND+a:{package}+AND+v:{version}&core=gav&rows=20&wt=json",
            null, OwnerNamespaceRule.Required, null),
        new(DistributionPlatform.Npm, "npm",
            "https://registry.npmjs.org/{package}",
            null, OwnerNamespaceRule.Forbidden, null),
        new(DistributionPlatform.NpmScoped, "npm (scoped)",
            "https://registry.npmjs.org/@{owner_namespace}/{package}",
            null, OwnerNamespaceRule.Required, null),
        new(DistributionPlatform.PyPi, "PyPI",
            "https://pypi.org/pypi/{package}/{version}/json",
            "https://test.pypi.org/pypi/{package}/{version}/json",
            OwnerNamespaceRule.Forbidden, null),
    }.ToDictionary(info => info.Platform);

    public static IReadOnlyCollection<DistributionPlatformInfo> All => Infos.Values;

    public static DistributionPlatformInfo Info(this DistributionPlatform platform) =>
        Infos.TryGetValue(platform, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown distribution platform");
}
