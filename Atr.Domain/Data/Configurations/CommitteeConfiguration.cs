using Atr.Domain.Committees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class CommitteeConfiguration : IEntityTypeConfiguration<Committee>
{
    public void Configure(EntityTypeBuilder<Committee> builder)
    {
        builder.ToTable("Committee");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(Committee.NameMaxLength);
        builder.Property(c => c.FullName).HasMaxLength(Committee.FullNameMaxLength);
        builder.Property(c => c.ParentCommitteeName).HasMaxLength(Committee.NameMaxLength);
        builder.HasOne(c => c.ParentCommittee)
            .WithMany(c => c.ChildCommittees)
            .HasForeignKey(c => c.ParentCommitteeName)
            .OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(c => c.DisplayName);
    }
}
