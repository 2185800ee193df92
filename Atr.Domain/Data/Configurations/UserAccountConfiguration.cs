using Atr.Domain.Access;
using Atr.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("UserAccount");
        builder.Property(u => u.Id).HasMaxLength(Names.UserIdMaxLength);
        builder.Property(u => u.FullName).HasMaxLength(UserAccount.FullNameMaxLength);
        builder.Property(u => u.Email).HasMaxLength(UserAccount.EmailMaxLength);
        builder.HasIndex(u => u.Email);
    }
}
