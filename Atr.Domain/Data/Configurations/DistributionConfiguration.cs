using Atr.Domain.Distributions;
using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class DistributionConfiguration : IEntityTypeConfiguration<Distribution>
{
    public void Configure(EntityTypeBuilder<Distribution> builder)
    {
        builder.ToTable("Distribution");
        builder.HasKey(d => new { d.ReleaseName, d.Platform, d.OwnerNamespace, d.Package, d.Version });
        builder.Property(d => d.ReleaseName).HasMaxLength(Release.NameMaxLength);
        builder.Property(d => d.OwnerNamespace).HasMaxLength(Distribution.FieldMaxLength);
        builder.Property(d => d.Package).HasMaxLength(Distribution.FieldMaxLength);
        builder.Property(d => d.Version).HasMaxLength(Distribution.FieldMaxLength);
        builder.Property(d => d.ApiUrl).HasMaxLength(Distribution.UrlMaxLength);
        builder.Property(d => d.WebUrl).HasMaxLength(Distribution.UrlMaxLength);
        builder.Ignore(d => d.Identifier);
        builder.Ignore(d => d.Title);
    }
}
