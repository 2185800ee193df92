using System.ComponentModel.DataAnnotations;

namespace Atr.App.Hosting;

/// <summary>The <c>Atr</c> configuration section.</summary>
public sealed class AtrOptions
{
    public const string Section = "Atr";

    /// <summary>Folder for the database and artifacts; relative paths are taken from the content root.</summary>
    [Required]
    public string StateDirectory { get; set; } = "state";

    /// <summary>Seed demo data into an empty database. Unset means: only in the Development environment.</summary>
    public bool? DemoData { get; set; }

    /// <summary>User ids of the administrators: every right on every committee.</summary>
    public List<string> Admins { get; set; } = [];

    public LimitOptions Limits { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>The address users reach Atr at, for links in mail; unset means the first address Atr listens on.</summary>
    [Url]
    public string? PublicBaseUrl { get; set; }
}

/// <summary>The <c>Atr:Limits</c> section.</summary>
public sealed class LimitOptions
{
    /// <summary>The largest file one upload may carry; 2 GiB unless set.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L << 30;

    /// <summary>How far archives are read before they count as bombs or too large to check.</summary>
    public Atr.Domain.Checks.Archives.ArchiveLimits Archives { get; set; } = new();
}

/// <summary>
/// The <c>Atr:ForwardedHeaders</c> section: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> Atr believes. Loopback is always trusted; a header from any other peer is ignored.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
