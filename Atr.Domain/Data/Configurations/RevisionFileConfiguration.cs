using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class RevisionFileConfiguration : IEntityTypeConfiguration<RevisionFile>
{
    public void Configure(EntityTypeBuilder<RevisionFile> builder)
    {
        builder.ToTable("RevisionFile");
        builder.Property(f => f.RevisionName).HasMaxLength(Revision.NameMaxLength);
        builder.Property(f => f.Path).HasMaxLength(RevisionFile.PathMaxLength);
        builder.Property(f => f.Sha256).HasMaxLength(RevisionFile.Sha256Length).IsFixedLength();
        builder.Property(f => f.Sha512).HasMaxLength(RevisionFile.Sha512Length).IsFixedLength();
        builder.HasIndex(f => new { f.RevisionName, f.Path }).IsUnique();
        builder.HasIndex(f => f.Sha256);
    }
}
