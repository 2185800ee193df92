using System.Security.Cryptography;
using System.Text;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Atr.Domain.Keys;

/// <summary>
/// The keys linked to a committee at one moment, as the signature check reads them. <see cref="Digest"/> changes
/// whenever the verdict on a signature could: a key added, removed, revoked or re-armoured (armour hash, not the
/// fingerprint, which a revocation leaves unchanged), or a key or subkey that has expired since.
/// </summary>
public sealed class CommitteeKeys
{
    /// <param name="source">Where the keys come from, for messages; "the committee {name}" unless given.</param>
    public CommitteeKeys(string? committee, IReadOnlyList<(string Fingerprint, string Armor)> keys, DateTime at, string? source = null)
    {
        Committee = committee;
        Source = source ?? (committee is null ? null : $"the committee {committee}");
        Keys = keys;
        At = at;
        Parsed = keys.Select(k => Read(k.Armor)).OfType<(ParsedKey, PgpPublicKeyRing)>().ToList();
        Digest = ComputeDigest();
    }

    /// <summary>No keys at all (a project without a committee).</summary>
    public static CommitteeKeys None(DateTime at) => new(null, [], at);

    public string? Committee { get; }

    /// <summary>"the committee widget", or the KEYS file the offline command was given; null when there are no keys to have.</summary>
    public string? Source { get; }

    public IReadOnlyList<(string Fingerprint, string Armor)> Keys { get; }

    /// <summary>The moment "expired now" refers to.</summary>
    public DateTime At { get; }

    public string Digest { get; }

    /// <summary>The keys as read, with their verified self-signatures (a stored key that no longer reads is left out).</summary>
    public IReadOnlyList<(ParsedKey Key, PgpPublicKeyRing Ring)> Parsed { get; }

    public static async Task<CommitteeKeys> LoadAsync(AtrDbContext db, string? committee, DateTime at, CancellationToken cancellationToken)
    {
        if (committee is null)
        {
            return None(at);
        }

        var keys = await db.PublicSigningKeys.AsNoTracking()
            .Where(k => k.CommitteeLinks.Any(l => l.CommitteeName == committee))
            .OrderBy(k => k.Fingerprint)
            .Select(k => new { k.Fingerprint, k.AsciiArmoredKey })
            .ToListAsync(cancellationToken);
        return new CommitteeKeys(committee, keys.Select(k => (k.Fingerprint, k.AsciiArmoredKey)).ToList(), at);
    }

    private string ComputeDigest()
    {
        var text = new StringBuilder();
        foreach (var (key, _) in Parsed)
        {
            text.Append(key.Fingerprint).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Armor))));
            if (key.Expires <= At)
            {
                text.Append(" expired");
            }

            foreach (var subkey in key.Subkeys.Where(s => s.Expires <= At))
            {
                text.Append(" expired:").Append(subkey.Fingerprint);
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static (ParsedKey, PgpPublicKeyRing)? Read(string armor)
    {
        try
        {
            return (KeyParser.Read(armor), KeyParser.Ring(armor));
        }
        catch (Common.DomainException)
        {
            return null;
        }
    }
}
