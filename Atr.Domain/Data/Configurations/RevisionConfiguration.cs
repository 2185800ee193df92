using Atr.Domain.Common;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.ToTable("Revision");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(Revision.NameMaxLength)
            .HasValueGenerator<TemporaryKeyGenerator>().ValueGeneratedOnAdd();
        builder.Property(r => r.ReleaseName).HasMaxLength(Release.NameMaxLength);
        builder.Property(r => r.Number).HasMaxLength(Revision.NumberLength);
        builder.Property(r => r.AsfUid).HasMaxLength(Names.UserIdMaxLength);
        builder.Property(r => r.ParentName).HasMaxLength(Revision.NameMaxLength);
        builder.Property(r => r.Description).HasMaxLength(Revision.DescriptionMaxLength);

        // Unique indexes, not alternate keys: two new revisions share Seq 0 until the interceptor numbers them.
        builder.HasIndex(r => new { r.ReleaseName, r.Seq }).IsUnique();
        builder.HasIndex(r => new { r.ReleaseName, r.Number }).IsUnique();

        // NO ACTION, not RESTRICT: deleting a release removes all its revisions in one statement, parents included.
        builder.HasOne(r => r.Parent)
            .WithOne()
            .HasForeignKey<Revision>(r => r.ParentName)
            .OnDelete(DeleteBehavior.NoAction);
        builder.HasMany(r => r.Files)
            .WithOne()
            .HasForeignKey(f => f.RevisionName)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
