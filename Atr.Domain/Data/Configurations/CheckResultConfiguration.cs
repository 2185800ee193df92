using Atr.Domain.Checks;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class CheckResultConfiguration : IEntityTypeConfiguration<CheckResult>
{
    public void Configure(EntityTypeBuilder<CheckResult> builder)
    {
        builder.ToTable("CheckResult");
        builder.Property(c => c.ReleaseName).HasMaxLength(Release.NameMaxLength);
        builder.Property(c => c.RevisionNumber).HasMaxLength(Revision.NumberLength);
        builder.Property(c => c.Checker).HasMaxLength(CheckResult.CheckerMaxLength);
        builder.Property(c => c.PrimaryRelPath).HasMaxLength(CheckResult.PathMaxLength);
        builder.Property(c => c.MemberRelPath).HasMaxLength(CheckResult.PathMaxLength);
        builder.Property(c => c.Message).HasMaxLength(CheckResult.MessageMaxLength);
        builder.HasIndex(c => c.RevisionNumber);
        builder.HasIndex(c => c.PrimaryRelPath);
        builder.HasIndex(c => c.MemberRelPath);
        builder.HasIndex(c => new { c.ReleaseName, c.RevisionNumber });
        builder.HasOne<Tasks.BackgroundTask>()
            .WithMany()
            .HasForeignKey(c => c.TaskId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
