using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Access;

public sealed record TokenSummary(int Id, string? Label, DateTime Created, DateTime Expires, DateTime? LastUsed, DateTime? Revoked)
{
    public bool IsUsableAt(DateTime now) => Revoked is null && now < Expires;
}

/// <summary>A new token and its secret. The secret is shown once: only its hash is stored.</summary>
public sealed record CreatedToken(TokenSummary Token, string Secret);

/// <summary>Personal access tokens: create, list, revoke, and authenticate an API call.</summary>
public sealed class TokenService : IDisposable
{
    public const int DefaultDays = 180;
    public const int MaxDays = 365;
    public const int CreationsPerHour = 10;

    /// <summary>Every secret starts with this, so that a leaked one is easy to recognise and scan for.</summary>
    public const string SecretPrefix = "atr_";

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly IDbContextFactory<AtrDbContext> _factory;
    private readonly UserDirectory _users;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<string> _creations;

    public TokenService(IDbContextFactory<AtrDbContext> factory, UserDirectory users, TimeProvider time)
    {
        _factory = factory;
        _users = users;
        _time = time;
        _creations = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(user,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = CreationsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    /// <summary>Creates a token for the actor. Only Atr itself (the operator's command line) may name another user.</summary>
    public async Task<CreatedToken> CreateAsync(Actor actor, string? label, int days, CancellationToken cancellationToken, string? forUser = null)
    {
        string owner;
        if (forUser is null || forUser == actor.UserId)
        {
            owner = actor.RequireSignedIn("create a token");
        }
        else if (actor.IsSystem)
        {
            if (!await _users.IsKnownAsync(forUser, cancellationToken))
            {
                throw new DomainException($"There is no user '{forUser}': they must sign in once, or be named by a committee or as an administrator");
            }

            owner = forUser;
        }
        else
        {
            throw new AccessDeniedException($"create a token for {forUser}", AccessLevel.Admin, null, actor);
        }

        label = label?.Trim();
        if (string.IsNullOrEmpty(label))
        {
            throw new DomainException("A token needs a label, so that you can tell your tokens apart");
        }

        if (label.Length > PersonalAccessToken.LabelMaxLength)
        {
            throw new DomainException($"A token label must be at most {PersonalAccessToken.LabelMaxLength} characters");
        }

        if (days is < 1 or > MaxDays)
        {
            throw new DomainException($"A token must expire in 1 to {MaxDays} days");
        }

        if (!actor.IsSystem)
        {
            using var lease = _creations.AttemptAcquire(owner);
            if (!lease.IsAcquired)
            {
                throw new TooManyRequestsException(
                    $"You created {CreationsPerHour} tokens in the last hour; try again later", TimeSpan.FromHours(1));
            }
        }

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = new PersonalAccessToken(owner, Hash(secret), now, now.AddDays(days), label);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(actor, now, "token.create", "PersonalAccessToken", token.Id.ToString(CultureInfo.InvariantCulture), null,
            after: new { owner, label, expires = token.Expires });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedToken(Summary(token), secret);
    }

    /// <summary>The actor's own tokens, newest first.</summary>
    public async Task<IReadOnlyList<TokenSummary>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        var owner = actor.RequireSignedIn("list your tokens");
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.AsfUid == owner)
            .OrderByDescending(t => t.Created)
            .ThenByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
        return tokens.Select(Summary).ToList();
    }

    /// <summary>Revokes a token of the actor's (an administrator may revoke anyone's).</summary>
    public async Task RevokeAsync(Actor actor, int tokenId, CancellationToken cancellationToken)
    {
        actor.RequireSignedIn("revoke a token");
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null || (token.AsfUid != actor.UserId && !actor.IsAdmin))
        {
            // Someone else's token is "not found", so that ids do not reveal which tokens exist.
            throw new NotFoundException($"Token {tokenId}");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        token.Revoke(now);
        db.Audit(actor, now, "token.revoke", "PersonalAccessToken", tokenId.ToString(CultureInfo.InvariantCulture), null,
            after: new { owner = token.AsfUid, label = token.Label });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The user id of a usable token's owner, or null for an unknown, malformed, expired or revoked secret.</summary>
    public async Task<string?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;

        // The row was found by its hash; comparing the hashes again in constant time keeps the final decision free of
        // timing differences whatever the database's string comparison does.
        if (token is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.TokenHash), Encoding.ASCII.GetBytes(hash))
            || !token.IsUsableAt(now))
        {
            return null;
        }

        if (token.LastUsed is null || now - token.LastUsed >= LastUsedResolution)
        {
            token.LastUsed = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return token.AsfUid;
    }

    public void Dispose() => _creations.Dispose();

    /// <summary>SHA-256 of the secret, lowercase hex.</summary>
    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static TokenSummary Summary(PersonalAccessToken t) => new(t.Id, t.Label, t.Created, t.Expires, t.LastUsed, t.Revoked);
}
