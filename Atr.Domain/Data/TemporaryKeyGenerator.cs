using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.ValueGeneration;

namespace Atr.Domain.Data;

/// <summary>
/// Holds the place of a name key that is only known before insert (a release's or a revision's). Without it, two new
/// rows with no name would collide in the change tracker; the interceptors replace it with the real name.
/// </summary>
internal sealed class TemporaryKeyGenerator : ValueGenerator<string>
{
    public override bool GeneratesTemporaryValues => true;

    public override string Next(EntityEntry entry) => $"(pending {Guid.NewGuid():N})";
}
