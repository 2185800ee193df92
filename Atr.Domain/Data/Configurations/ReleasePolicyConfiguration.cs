using Atr.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class ReleasePolicyConfiguration : IEntityTypeConfiguration<ReleasePolicy>
{
    public void Configure(EntityTypeBuilder<ReleasePolicy> builder)
    {
        builder.ToTable("ReleasePolicy");
        builder.Property(p => p.ReleaseChecklist).HasMaxLength(ReleasePolicy.TemplateMaxLength);
        builder.Property(p => p.StartVoteTemplate).HasMaxLength(ReleasePolicy.TemplateMaxLength);
        builder.Property(p => p.AnnounceReleaseTemplate).HasMaxLength(ReleasePolicy.TemplateMaxLength);
        builder.Property(p => p.GithubRepositoryName).HasMaxLength(ReleasePolicy.RepositoryNameMaxLength);
    }
}
