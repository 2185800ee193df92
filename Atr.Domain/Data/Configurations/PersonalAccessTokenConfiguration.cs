using Atr.Domain.Access;
using Atr.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessToken");
        builder.Property(t => t.AsfUid).HasMaxLength(Names.UserIdMaxLength);
        builder.Property(t => t.TokenHash).HasMaxLength(PersonalAccessToken.TokenHashLength);
        builder.Property(t => t.Label).HasMaxLength(PersonalAccessToken.LabelMaxLength);
        builder.HasIndex(t => t.AsfUid);
        builder.HasIndex(t => t.TokenHash).IsUnique();
    }
}
