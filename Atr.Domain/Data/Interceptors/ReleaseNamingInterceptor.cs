using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Atr.Domain.Data.Interceptors;

/// <summary>Before insert, a release without a name is named "{project}-{version}".</summary>
internal sealed class ReleaseNamingInterceptor : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        foreach (var entry in eventData.Context!.ChangeTracker.Entries<Release>())
        {
            var name = entry.Property(r => r.Name);
            if (entry.State == EntityState.Added && name.IsTemporary)
            {
                name.CurrentValue = $"{entry.Entity.ProjectName}-{entry.Entity.Version}";
            }
        }

        return ValueTask.FromResult(result);
    }
}
