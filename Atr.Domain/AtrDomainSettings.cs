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

    /// <summary>The relay, the sender and the recipients mail may go to (<c>Atr:Smtp</c>, <c>Atr:Mail</c>).</summary>
    public Mail.MailSettings Mail { get; init; } = new();

    /// <summary>
    /// Package registries reached at another address, by host (<c>Atr:Distributions:Origins:pypi.org</c> =
    /// <c>http://127.0.0.1:8080</c>): a mirror, or a test server. Records keep the real addresses.
    /// </summary>
    public IReadOnlyDictionary<string, string> DistributionOrigins { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the foundation's committee and project metadata is imported from (<c>Atr:Metadata</c>: LdapProjects, CommitteeInfo, Projects, Podlings).</summary>
    public Committees.MetadataSources Metadata { get; init; } = new(null, null, null, null);
}
