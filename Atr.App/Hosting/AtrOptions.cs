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
