using Atr.Domain.Committees;
using Atr.Domain.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class KeyLinkConfiguration : IEntityTypeConfiguration<KeyLink>
{
    public void Configure(EntityTypeBuilder<KeyLink> builder)
    {
        builder.ToTable("KeyLink");
        builder.HasKey(l => new { l.CommitteeName, l.KeyFingerprint });
        builder.Property(l => l.CommitteeName).HasMaxLength(Committee.NameMaxLength);
        builder.Property(l => l.KeyFingerprint).HasMaxLength(PublicSigningKey.FingerprintMaxLength);
        builder.HasOne(l => l.Committee)
            .WithMany(c => c.KeyLinks)
            .HasForeignKey(l => l.CommitteeName)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Key)
            .WithMany(k => k.CommitteeLinks)
            .HasForeignKey(l => l.KeyFingerprint)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
