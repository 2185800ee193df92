using Atr.Domain.Common;
using Atr.Domain.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class PublicSigningKeyConfiguration : IEntityTypeConfiguration<PublicSigningKey>
{
    public void Configure(EntityTypeBuilder<PublicSigningKey> builder)
    {
        builder.ToTable("PublicSigningKey");
        builder.HasKey(k => k.Fingerprint);
        builder.Property(k => k.Fingerprint).HasMaxLength(PublicSigningKey.FingerprintMaxLength);
        builder.Property(k => k.PrimaryDeclaredUid).HasMaxLength(PublicSigningKey.UidMaxLength);
        builder.Property(k => k.Curve).HasMaxLength(40);
        builder.Property(k => k.ApacheUid).HasMaxLength(Names.UserIdMaxLength);
        builder.HasIndex(k => k.ApacheUid);
    }
}
