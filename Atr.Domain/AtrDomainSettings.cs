namespace Atr.Domain;

/// <summary>Where the domain keeps its data (the database, the state folder) and who administers this instance.</summary>
public sealed record AtrDomainSettings(string ConnectionString, string StateDirectory)
{
    /// <summary>User ids with every right on every committee (<c>Atr:Admins</c>).</summary>
    public IReadOnlySet<string> Admins { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The largest file an upload may carry (<c>Atr:Limits:MaxUploadBytes</c>, 2 GiB by default).</summary>
    public long MaxUploadBytes { get; init; } = 2L << 30;

    /// <summary>How far archives are read before they count as bombs (<c>Atr:Limits:Archives</c>).</summary>
    public Checks.Archives.ArchiveLimits Archives { get; init; } = new();
}
