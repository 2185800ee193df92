using System.Net.Mail;
using System.Text;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Keys;

/// <summary>What happened to one key (or one unreadable block) of an upload.</summary>
public enum KeyOutcomeStatus
{
    Inserted,
    Updated,
    AlreadyPresent,
    Revoked,

    /// <summary>The key was read but cannot be used (no valid self-signature, a PGP 2.x key, ...): not added.</summary>
    Unusable,
    Error,
}

/// <summary>One key's outcome: its fingerprint (unless its block was unreadable), its owner, what happened, the committees newly linked, and why when it failed or is unusable.</summary>
public sealed record KeyOutcome(int Block, string? Fingerprint, string? Owner, KeyOutcomeStatus Status, IReadOnlyList<string> Linked, string? Error)
{
    public bool Failed => Status == KeyOutcomeStatus.Error;
}

/// <summary>Whether a key can sign releases today, and if not, why.</summary>
public enum KeyStatus
{
    Valid,
    ExpiresSoon,
    Expired,
    Revoked,
}

/// <summary>A key as pages and the API show it.</summary>
public sealed record KeyView(
    string Fingerprint,
    int Algorithm,
    int Length,
    string? Curve,
    DateTime Created,
    DateTime? Expires,
    DateTime? Revoked,
    string? PrimaryUserId,
    IReadOnlyList<string> OtherUserIds,
    string? Owner,
    IReadOnlyList<string> Committees,
    string Armor)
{
    /// <summary>How far ahead an expiry is worth a warning.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    /// <summary>"RSA 4096", "Ed25519", "ECDSA NIST P-256".</summary>
    public string Description => KeyParser.Describe(Algorithm, Length, Curve);

    public KeyStatus StatusAt(DateTime now) =>
        Revoked is not null ? KeyStatus.Revoked
        : Expires <= now ? KeyStatus.Expired
        : Expires <= now + ExpiryWarning ? KeyStatus.ExpiresSoon
        : KeyStatus.Valid;
}

/// <summary>
/// OpenPGP public keys: adding them (one by one or a whole KEYS file, each key with its own outcome), linking
/// them to committees, deleting, and each committee's KEYS file. A revocation, once known, is never undone.
/// </summary>
/// <remarks>
/// Every change to the keys of a committee plans the key-reading checks of its open drafts again, since their
/// inputs changed (<see cref="CheckService.ReplanKeyChecksAsync"/>).
/// </remarks>
public sealed class KeyService(IDbContextFactory<AtrDbContext> factory, CheckService checks, TimeProvider time)
{
    public async Task<KeyView> GetAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = await db.PublicSigningKeys.AsNoTracking().Include(k => k.CommitteeLinks)
            .SingleOrDefaultAsync(k => k.Fingerprint == Normalize(fingerprint), cancellationToken)
            ?? throw new NotFoundException($"The key {fingerprint}");
        return View(key);
    }

    /// <summary>The actor's own keys, newest first.</summary>
    public async Task<IReadOnlyList<KeyView>> MineAsync(Actor actor, CancellationToken cancellationToken)
    {
        var owner = actor.RequireSignedIn("see your keys");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var keys = await db.PublicSigningKeys.AsNoTracking().Include(k => k.CommitteeLinks).Where(k => k.ApacheUid == owner)
            .OrderByDescending(k => k.Created).ToListAsync(cancellationToken);
        return keys.Select(View).ToList();
    }

    /// <summary>The keys a committee accepts, by fingerprint.</summary>
    public async Task<IReadOnlyList<KeyView>> CommitteeKeysAsync(string committee, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await CommitteeAsync(db, committee, cancellationToken);
        return await LinkedKeysAsync(db, committee, cancellationToken);
    }

    /// <summary>Links a key to a committee: its owner (or an admin), taking part in the committee.</summary>
    public async Task LinkAsync(Actor actor, string fingerprint, string committee, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = await OwnKeyAsync(db, actor, fingerprint, "link", cancellationToken);
        var target = await CommitteeAsync(db, committee, cancellationToken);
        actor.Require(AccessLevel.Participant, target, $"link a key to {committee}");
        if (key.CommitteeLinks.Any(l => l.CommitteeName == committee))
        {
            return;
        }

        key.CommitteeLinks.Add(new KeyLink(committee, key.Fingerprint));
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "key.link", "PublicSigningKey", key.Fingerprint, committee);
        await db.SaveChangesAsync(cancellationToken);
        await checks.ReplanKeyChecksAsync(actor, [committee], cancellationToken);
    }

    /// <summary>Unlinks a key from a committee: its owner or an admin.</summary>
    public async Task UnlinkAsync(Actor actor, string fingerprint, string committee, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = await OwnKeyAsync(db, actor, fingerprint, "unlink", cancellationToken);
        var link = key.CommitteeLinks.SingleOrDefault(l => l.CommitteeName == committee)
            ?? throw new NotFoundException($"A link of key {fingerprint} to {committee}");
        key.CommitteeLinks.Remove(link);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "key.unlink", "PublicSigningKey", key.Fingerprint, committee);
        await db.SaveChangesAsync(cancellationToken);
        await checks.ReplanKeyChecksAsync(actor, [committee], cancellationToken);
    }

    /// <summary>Deletes a key with its links: its owner or an admin.</summary>
    public async Task DeleteAsync(Actor actor, string fingerprint, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = await OwnKeyAsync(db, actor, fingerprint, "delete", cancellationToken);
        var committees = key.CommitteeLinks.Select(l => l.CommitteeName).ToList();
        db.PublicSigningKeys.Remove(key);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "key.delete", "PublicSigningKey", key.Fingerprint, null,
            before: new { key.ApacheUid, key.PrimaryDeclaredUid, committees });
        await db.SaveChangesAsync(cancellationToken);
        await checks.ReplanKeyChecksAsync(actor, committees, cancellationToken);
    }

    /// <summary>
    /// The committee's KEYS file: a header saying what it is and how to use it, then every linked key by fingerprint,
    /// each block carrying its fingerprint and email as comments. Made from the database on each request, so it
    /// always reflects the latest change.
    /// </summary>
    /// <param name="podling">Whether the address names a podling (podlings' files live under the incubator).</param>
    public async Task<string> KeysFileAsync(string committee, bool podling, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if ((await CommitteeAsync(db, committee, cancellationToken)).IsPodling != podling)
        {
            throw new NotFoundException(podling ? $"The podling {committee}" : $"The KEYS file of {committee}, a podling, outside the incubator");
        }

        var keys = await LinkedKeysAsync(db, committee, cancellationToken);
        var text = new StringBuilder();
        text.Append("# OpenPGP public keys of the committee ").Append(committee).Append('\n')
            .Append("# Generated by Atr at ").Append(time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
            .Append("# ").Append(keys.Count).Append(keys.Count == 1 ? " key" : " keys").Append(" that may sign the committee's releases.\n")
            .Append("#\n")
            .Append("# Import them:           gpg --import KEYS\n")
            .Append("# Verify a release with: gpg --verify artifact.tar.gz.asc artifact.tar.gz\n")
            .Append("# and check that the signing key's fingerprint is one of those below.\n");
        foreach (var key in keys)
        {
            var comments = new List<string> { KeyParser.Display(key.Fingerprint) };
            if (key.PrimaryUserId is { } userId)
            {
                comments.Add(EmailOf(userId) is { } email && email != $"{key.Owner}@apache.org" ? $"{email} ({userId})" : userId);
            }

            text.Append("\n\n").Append(KeyParser.Rearmor(key.Armor, comments));
        }

        return text.ToString();
    }

    /// <summary>
    /// Adds every key of a KEYS file or pasted text (any encoding around the blocks) and links each to
    /// <paramref name="committees"/> (the actor must take part in each). A key nobody can be derived for belongs to the
    /// actor. Unreadable blocks and unusable keys get their own outcome; the others are added.
    /// </summary>
    public Task<IReadOnlyList<KeyOutcome>> AddAsync(Actor actor, string text, IReadOnlyList<string> committees, CancellationToken cancellationToken) =>
        AddAsync(actor, Encoding.UTF8.GetBytes(text), committees, cancellationToken);

    /// <inheritdoc cref="AddAsync(Actor, string, IReadOnlyList{string}, CancellationToken)"/>
    public async Task<IReadOnlyList<KeyOutcome>> AddAsync(
        Actor actor, ReadOnlyMemory<byte> keysFile, IReadOnlyList<string> committees, CancellationToken cancellationToken)
    {
        var uploader = actor.RequireSignedIn("add signing keys");
        var file = KeysFile.Read(keysFile);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var committee in committees.Distinct(StringComparer.Ordinal))
        {
            actor.Require(AccessLevel.Participant, await CommitteeAsync(db, committee, cancellationToken), $"add keys to {committee}");
        }

        var emails = await db.UserAccounts.AsNoTracking().Where(u => u.Email != null)
            .Select(u => new { UserId = u.Id, u.Email }).ToListAsync(cancellationToken);
        var owners = emails.GroupBy(u => u.Email!.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First().UserId);
        var now = time.GetUtcNow().UtcDateTime;
        var outcomes = file.Errors.Select(e => new KeyOutcome(e.Block, null, null, KeyOutcomeStatus.Error, [], e.Message)).ToList();

        // The keys already stored, in one query: a committee's KEYS file holds dozens.
        var fingerprints = file.Keys.Select(k => k.Fingerprint).ToList();
        var stored = await db.PublicSigningKeys.Include(k => k.CommitteeLinks).Where(k => fingerprints.Contains(k.Fingerprint))
            .ToDictionaryAsync(k => k.Fingerprint, StringComparer.Ordinal, cancellationToken);
        foreach (var candidate in file.Keys)
        {
            outcomes.Add(candidate.Reading is { Key: { } parsed }
                ? AddKey(db, actor, candidate.Block, parsed, stored.GetValueOrDefault(parsed.Fingerprint), committees, OwnerOf(parsed, owners) ?? uploader, now)
                : Unusable(candidate));
        }

        foreach (var (block, revocation) in file.Revocations)
        {
            outcomes.Add(await RevokeAsync(db, actor, block, revocation, now, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        var changed = outcomes.Where(o => o.Status is KeyOutcomeStatus.Inserted or KeyOutcomeStatus.Updated or KeyOutcomeStatus.Revoked || o.Linked.Count > 0)
            .Select(o => o.Fingerprint).ToHashSet();
        var affected = db.PublicSigningKeys.Local.Where(k => changed.Contains(k.Fingerprint))
            .SelectMany(k => k.CommitteeLinks).Select(l => l.CommitteeName).ToHashSet(StringComparer.Ordinal);
        await checks.ReplanKeyChecksAsync(actor, affected, cancellationToken);
        return outcomes.OrderBy(o => o.Block).ToList();
    }

    internal static KeyOutcome Unusable(KeyCandidate candidate)
    {
        var reason = candidate.Reading.Unusable!;
        var status = reason.StartsWith("error: ", StringComparison.Ordinal) ? KeyOutcomeStatus.Error : KeyOutcomeStatus.Unusable;
        return new KeyOutcome(candidate.Block, candidate.Primary is null ? null : candidate.Fingerprint, null, status, [], reason);
    }

    /// <param name="key">The stored key with this fingerprint, if there is one.</param>
    private static KeyOutcome AddKey(
        AtrDbContext db, Actor actor, int block, ParsedKey parsed, PublicSigningKey? key, IReadOnlyList<string> committees, string? owner, DateTime now)
    {
        KeyOutcomeStatus status;
        if (key is null)
        {
            key = new PublicSigningKey(parsed.Fingerprint, parsed.Algorithm, parsed.Length, parsed.Created, parsed.Armor) { ApacheUid = owner };
            Apply(key, parsed);
            db.PublicSigningKeys.Add(key);
            db.Audit(actor, now, "key.add", "PublicSigningKey", key.Fingerprint, null, after: Summary(key));
            status = KeyOutcomeStatus.Inserted;
        }
        else if (key.Revoked is not null)
        {
            // A revoked key stays revoked: a copy from before the revocation changes nothing.
            status = KeyOutcomeStatus.AlreadyPresent;
        }
        else if (parsed.Revoked is not null || parsed.LatestSelfSignature > key.LatestSelfSignature)
        {
            var before = Summary(key);
            Apply(key, parsed);
            key.AsciiArmoredKey = parsed.Armor;
            key.ApacheUid ??= owner;
            db.Audit(actor, now, parsed.Revoked is null ? "key.update" : "key.revoke", "PublicSigningKey", key.Fingerprint, null, before, Summary(key));
            status = parsed.Revoked is null ? KeyOutcomeStatus.Updated : KeyOutcomeStatus.Revoked;
        }
        else
        {
            status = KeyOutcomeStatus.AlreadyPresent;
        }

        var linked = new List<string>();
        foreach (var committee in committees.Distinct(StringComparer.Ordinal).Where(c => key.CommitteeLinks.All(l => l.CommitteeName != c)))
        {
            key.CommitteeLinks.Add(new KeyLink(committee, key.Fingerprint));
            db.Audit(actor, now, "key.link", "PublicSigningKey", key.Fingerprint, committee);
            linked.Add(committee);
        }

        return new KeyOutcome(block, key.Fingerprint, key.ApacheUid, status, linked, null);
    }

    private static async Task<KeyOutcome> RevokeAsync(
        AtrDbContext db, Actor actor, int block, OpenPgp.SignaturePacket revocation, DateTime now, CancellationToken cancellationToken)
    {
        var keyId = (revocation.Issuer ?? 0).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        var candidates = await db.PublicSigningKeys.Include(k => k.CommitteeLinks).Where(k => k.Fingerprint.EndsWith(keyId)).ToListAsync(cancellationToken);
        foreach (var key in candidates)
        {
            if (KeyParser.Revoke(KeyParser.Read(key.AsciiArmoredKey), revocation) is not { } revoked)
            {
                continue;
            }

            if (key.Revoked is not null)
            {
                return new KeyOutcome(block, key.Fingerprint, key.ApacheUid, KeyOutcomeStatus.AlreadyPresent, [], null);
            }

            var before = Summary(key);
            Apply(key, revoked);
            key.AsciiArmoredKey = revoked.Armor;
            db.Audit(actor, now, "key.revoke", "PublicSigningKey", key.Fingerprint, null, before, Summary(key));
            return new KeyOutcome(block, key.Fingerprint, key.ApacheUid, KeyOutcomeStatus.Revoked, [], null);
        }

        return new KeyOutcome(block, null, null, KeyOutcomeStatus.Error, [],
            $"A revocation certificate for key {keyId.ToUpperInvariant()}, which is not here or which it does not verify against: add the key first");
    }

    private static void Apply(PublicSigningKey key, ParsedKey parsed)
    {
        key.LatestSelfSignature = parsed.LatestSelfSignature;
        key.Expires = parsed.Expires;
        key.Revoked ??= parsed.Revoked;
        key.Curve = parsed.Curve;
        key.PrimaryDeclaredUid = Truncate(parsed.UserIds[0]);
        key.SecondaryDeclaredUids = parsed.UserIds.Skip(1).Select(Truncate).ToList();
    }

    private static object Summary(PublicSigningKey key) => new { key.ApacheUid, key.PrimaryDeclaredUid, key.Expires, key.Revoked };

    private static string Truncate(string userId) =>
        userId.Length <= PublicSigningKey.UidMaxLength ? userId : userId[..PublicSigningKey.UidMaxLength];

    /// <summary>The user a key belongs to: the first user id at apache.org, else the first whose email is a known user's.</summary>
    internal static string? OwnerOf(ParsedKey key, IReadOnlyDictionary<string, string> owners)
    {
        var emails = key.UserIds.Select(EmailOf).OfType<string>().ToList();
        var apache = emails.FirstOrDefault(e => e.EndsWith("@apache.org", StringComparison.Ordinal));
        if (apache is not null && Names.IsUserId(apache[..^"@apache.org".Length]))
        {
            return apache[..^"@apache.org".Length];
        }

        return emails.Select(e => owners.GetValueOrDefault(e)).FirstOrDefault(o => o is not null);
    }

    private static string? EmailOf(string userId)
    {
        var start = userId.LastIndexOf('<');
        var candidate = start >= 0 && userId.EndsWith('>') ? userId[(start + 1)..^1] : userId;
        return MailAddress.TryCreate(candidate.Trim(), out var address) ? address.Address.ToLowerInvariant() : null;
    }

    private static async Task<PublicSigningKey> OwnKeyAsync(AtrDbContext db, Actor actor, string fingerprint, string what, CancellationToken cancellationToken)
    {
        actor.RequireSignedIn($"{what} a key");
        var key = await db.PublicSigningKeys.Include(k => k.CommitteeLinks).SingleOrDefaultAsync(k => k.Fingerprint == Normalize(fingerprint), cancellationToken)
            ?? throw new NotFoundException($"The key {fingerprint}");
        if (key.ApacheUid != actor.UserId && !actor.IsAdmin)
        {
            throw new AccessDeniedException($"{what} the key {KeyParser.Display(key.Fingerprint)}, which is {key.ApacheUid ?? "nobody"}'s", AccessLevel.Admin, null, actor);
        }

        return key;
    }

    private static async Task<List<KeyView>> LinkedKeysAsync(AtrDbContext db, string committee, CancellationToken cancellationToken)
    {
        var keys = await db.PublicSigningKeys.AsNoTracking().Include(k => k.CommitteeLinks)
            .Where(k => k.CommitteeLinks.Any(l => l.CommitteeName == committee))
            .OrderBy(k => k.Fingerprint).ToListAsync(cancellationToken);
        return keys.Select(View).ToList();
    }

    private static async Task<Committee> CommitteeAsync(AtrDbContext db, string name, CancellationToken cancellationToken) =>
        await db.Committees.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, cancellationToken)
        ?? throw new NotFoundException($"The committee {name}");

    private static string Normalize(string fingerprint) => fingerprint.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    private static KeyView View(PublicSigningKey key) => new(
        key.Fingerprint, key.Algorithm, key.Length, key.Curve, key.Created, key.Expires, key.Revoked, key.PrimaryDeclaredUid,
        key.SecondaryDeclaredUids, key.ApacheUid, key.CommitteeLinks.Select(l => l.CommitteeName).Order(StringComparer.Ordinal).ToList(),
        key.AsciiArmoredKey);
}
