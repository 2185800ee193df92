using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Atr.Domain.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AtrDbContext>
{
    public AtrDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AtrDbContext>().UseSqlite(AtrDatabase.ConnectionStringFor("design-time.db")).Options);
}
