using System.Security.Cryptography;
using System.Text;
using Atr.Domain.Data;
using Atr.Domain.Keys.OpenPgp;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Keys;

/// <summary>
/// The keys a release's signatures must come from at one moment: the keys linked to a committee, or those of the KEYS
/// file the offline command was given. Keys are found by key id without verifying anything; only a key that made a
/// signature is verified, once. <see cref="Digest"/> changes whenever the verdict on a signature could: a key added,
/// removed, revoked or re-armoured (armour hash, not the fingerprint, which a revocation leaves unchanged), or a key
/// or subkey that has expired since.
/// </summary>
public sealed class CommitteeKeys
{
    private readonly Lazy<string> _digest;

    /// <param name="source">Where the keys come from, for messages; "the committee {name}" unless given.</param>
    public CommitteeKeys(string? committee, IReadOnlyList<KeyCandidate> keys, DateTime at, string? source = null)
    {
        Committee = committee;
        Source = source ?? (committee is null ? null : $"the committee {committee}");
        Keys = keys;
        At = at;
        _digest = new Lazy<string>(ComputeDigest);
    }

    /// <summary>No keys at all (a project without a committee).</summary>
    public static CommitteeKeys None(DateTime at) => new(null, [], at);

    public string? Committee { get; }

    /// <summary>"the committee widget", or the KEYS file the offline command was given; null when there are no keys to have.</summary>
    public string? Source { get; }

    public IReadOnlyList<KeyCandidate> Keys { get; }

    /// <summary>The moment "expired now" refers to.</summary>
    public DateTime At { get; }

    public string Digest => _digest.Value;

    /// <summary>The committee's stored keys; each stored armour is read once per process, and verified when first needed.</summary>
    public static async Task<CommitteeKeys> LoadAsync(AtrDbContext db, string? committee, DateTime at, CancellationToken cancellationToken)
    {
        if (committee is null)
        {
            return None(at);
        }

        var armors = await db.PublicSigningKeys.AsNoTracking()
            .Where(k => k.CommitteeLinks.Any(l => l.CommitteeName == committee))
            .OrderBy(k => k.Fingerprint)
            .Select(k => k.AsciiArmoredKey)
            .ToListAsync(cancellationToken);
        return new CommitteeKeys(committee, armors.Select(KeyParser.Stored).OfType<KeyCandidate>().ToList(), at);
    }

    /// <summary>The key whose primary key or a subkey has <paramref name="keyId"/>, with that (sub)key, if the keys have one.</summary>
    internal (KeyCandidate Key, KeyMaterial Signer)? Find(ulong keyId)
    {
        foreach (var candidate in Keys.Where(c => c.Has(keyId)))
        {
            var signer = candidate.Primary?.KeyId == keyId ? candidate.Primary
                : candidate.Components.Select(c => c.Subkey).First(s => s?.KeyId == keyId);
            return (candidate, signer!);
        }

        return null;
    }

    private string ComputeDigest()
    {
        var text = new StringBuilder();
        foreach (var candidate in Keys)
        {
            text.Append(candidate.Fingerprint).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(candidate.Reading.Key?.Armor ?? ""))));
            if (candidate.Reading.Key is { } key)
            {
                if (key.Expires <= At)
                {
                    text.Append(" expired");
                }

                foreach (var subkey in key.Subkeys.Where(s => s.Expires <= At))
                {
                    text.Append(" expired:").Append(subkey.Fingerprint);
                }
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
