using Atr.Domain.Audit;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Access;

/// <summary>Knows the people of this instance and what they are in each committee.</summary>
public sealed class UserDirectory(IDbContextFactory<AtrDbContext> factory, AtrDomainSettings settings, TimeProvider time)
{
    /// <summary>Records a successful sign-in (creating the user on first sign-in) and returns the actor.</summary>
    public async Task<Actor> SignInAsync(string userId, string? fullName, string? email, string method, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var user = await db.UserAccounts.FindAsync([userId], cancellationToken);
            if (user is null)
            {
                db.UserAccounts.Add(new UserAccount(userId, fullName, email, now));
            }
            else
            {
                user.Update(fullName ?? user.FullName, email ?? user.Email, now);
            }

            db.Audit(new Actor { UserId = userId }, now, "user.sign-in", "UserAccount", userId, null, after: new { method });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await ResolveAsync(userId, cancellationToken);
    }

    /// <summary>The actor for a signed-in user id, with the committees the user belongs to now; anonymous for null.</summary>
    public async Task<Actor> ResolveAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return Actor.Anonymous;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.UserAccounts.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var committees = await db.Committees.AsNoTracking()
            .Where(c => c.CommitteeMembers.Contains(userId) || c.Committers.Contains(userId) || c.ReleaseManagers.Contains(userId))
            .Select(c => new { c.Name, c.CommitteeMembers, c.Committers, c.ReleaseManagers })
            .ToListAsync(cancellationToken);
        return new Actor
        {
            UserId = userId,
            FullName = user?.FullName,
            Email = user?.Email,
            IsAdmin = settings.Admins.Contains(userId),
            MemberOf = committees.Where(c => c.CommitteeMembers.Contains(userId)).Select(c => c.Name).ToHashSet(),
            ParticipantOf = committees.Where(c => c.Committers.Contains(userId) || c.ReleaseManagers.Contains(userId)).Select(c => c.Name).ToHashSet(),
            ReleaseManagerOf = committees.Where(c => c.ReleaseManagers.Contains(userId)).Select(c => c.Name).ToHashSet(),
        };
    }

    /// <summary>True when Atr knows the user: signed in before, named by a committee, or an administrator.</summary>
    public async Task<bool> IsKnownAsync(string userId, CancellationToken cancellationToken)
    {
        if (settings.Admins.Contains(userId))
        {
            return true;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.UserAccounts.AnyAsync(u => u.Id == userId, cancellationToken)
            || await db.Committees.AnyAsync(
                c => c.CommitteeMembers.Contains(userId) || c.Committers.Contains(userId) || c.ReleaseManagers.Contains(userId),
                cancellationToken);
    }
}
