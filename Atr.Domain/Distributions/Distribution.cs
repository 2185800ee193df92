using Atr.Domain.Common;
using Atr.Domain.Releases;

namespace Atr.Domain.Distributions;

/// <summary>A release's package on an external registry (npm, PyPI, Maven Central, ...).</summary>
public sealed class Distribution : IDescribedEntity
{
    public const int FieldMaxLength = 200;
    public const int UrlMaxLength = 2000;

    private Distribution()
    {
    }

    public Distribution(string releaseName, DistributionPlatform platform, string? ownerNamespace, string package, string version, bool staging)
    {
        var info = platform.Info();
        try
        {
            OwnerNamespace = info.EffectiveOwnerNamespace(ownerNamespace) ?? "";
            ApiUrl = info.ApiUrl(OwnerNamespace, package, version, staging);
        }
        catch (ArgumentException e)
        {
            // The rule's own words, without the " (Parameter 'x')" that ArgumentException appends for developers.
            var message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
            throw new DomainException(message, e);
        }

        ReleaseName = releaseName;
        Platform = platform;
        Package = package;
        Version = version;
        Staging = staging;
    }

    public string ReleaseName { get; private set; } = null!;

    public Release Release { get; private set; } = null!;

    public DistributionPlatform Platform { get; private set; }

    /// <summary>Owner or namespace on the platform; empty where the platform has none.</summary>
    public string OwnerNamespace { get; private set; } = "";

    public string Package { get; private set; } = null!;

    public string Version { get; private set; } = null!;

    /// <summary>Published to the platform's staging service, not (yet) its real one.</summary>
    public bool Staging { get; private set; }

    public DateTime? UploadDate { get; set; }

    public string ApiUrl { get; private set; } = null!;

    public string? WebUrl { get; set; }

    /// <summary>"{platform}-{package}-{version}", lowercase, spaces as underscores.</summary>
    public string Identifier => Title.Replace(' ', '_').ToLowerInvariant();

    /// <summary>"{platform name}-{package}-{version}", e.g. "Maven Central-widget-core-1.2.0".</summary>
    public string Title => $"{Platform.Info().DisplayName}-{Package}-{Version}";

    /// <summary>The staging record becomes the record of the real publication, with what the real platform says.</summary>
    public void PromoteToFinal(DateTime uploadDate, string? webUrl)
    {
        var info = Platform.Info();
        ApiUrl = info.ApiUrl(OwnerNamespace.Length == 0 ? null : OwnerNamespace, Package, Version);
        Staging = false;
        UploadDate = uploadDate;
        WebUrl = webUrl;
    }

    public string Describe() => $"distribution {Title}";
}
