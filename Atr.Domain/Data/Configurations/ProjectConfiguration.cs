using Atr.Domain.Common;
using Atr.Domain.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Project");
        builder.HasKey(p => p.Name);
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.FullName).HasMaxLength(Project.FullNameMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Project.DescriptionMaxLength);
        builder.Property(p => p.Category).HasMaxLength(Project.LabelListMaxLength);
        builder.Property(p => p.ProgrammingLanguages).HasMaxLength(Project.LabelListMaxLength);
        builder.Property(p => p.CreatedBy).HasMaxLength(Names.UserIdMaxLength);
        builder.Property(p => p.SuperProjectName).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.CommitteeName).HasMaxLength(Project.NameMaxLength);

        builder.HasOne(p => p.SuperProject)
            .WithMany(p => p.SubProjects)
            .HasForeignKey(p => p.SuperProjectName)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Committee)
            .WithMany(c => c.Projects)
            .HasForeignKey(p => p.CommitteeName)
            .OnDelete(DeleteBehavior.Restrict);

        // One policy per project; deleting the project deletes its policy, and a policy is never shared.
        builder.HasOne(p => p.ReleasePolicy)
            .WithOne()
            .HasForeignKey<Project>(p => p.ReleasePolicyId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => p.ReleasePolicyId).IsUnique();

        builder.Ignore(p => p.DisplayName);
        builder.Ignore(p => p.ShortDisplayName);
        builder.Ignore(p => p.Policy);
    }
}
