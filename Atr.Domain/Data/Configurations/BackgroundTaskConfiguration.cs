using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class BackgroundTaskConfiguration : IEntityTypeConfiguration<BackgroundTask>
{
    /// <summary>Each status carries the columns it needs; SQLite refuses any row that breaks this.</summary>
    public const string StatusConstraint =
        "(\"Status\" = 'Queued')"
        + " OR (\"Status\" = 'Active' AND \"Started\" IS NOT NULL AND \"Pid\" IS NOT NULL)"
        + " OR (\"Status\" = 'Completed' AND \"Completed\" IS NOT NULL AND \"Result\" IS NOT NULL)"
        + " OR (\"Status\" = 'Failed' AND \"Completed\" IS NOT NULL AND \"Error\" IS NOT NULL)";

    public void Configure(EntityTypeBuilder<BackgroundTask> builder)
    {
        builder.ToTable("Task", table => table.HasCheckConstraint("CK_Task_Status", StatusConstraint));
        builder.Property(t => t.AsfUid).HasMaxLength(Names.UserIdMaxLength);
        builder.Property(t => t.Error).HasMaxLength(BackgroundTask.ErrorMaxLength);
        builder.Property(t => t.ProjectName).HasMaxLength(Project.NameMaxLength);
        builder.Property(t => t.VersionName).HasMaxLength(ReleaseVersion.MaxLength);
        builder.Property(t => t.RevisionNumber).HasMaxLength(Revision.NumberLength);
        builder.Property(t => t.PrimaryRelPath).HasMaxLength(CheckResult.PathMaxLength);

        // The typed result is read from this column by TaskResultMaterializer, which can log a bad payload.
        builder.Property(t => t.ResultJson).HasColumnName("Result");
        builder.Ignore(t => t.Result);

        // A worker records its outcome only if the task is still the one it claimed: the update is refused when a
        // deletion, a recovery or another worker changed the status or the worker id meanwhile.
        builder.Property(t => t.Status).IsConcurrencyToken();
        builder.Property(t => t.Pid).IsConcurrencyToken();

        builder.HasOne(t => t.Project)
            .WithMany()
            .HasForeignKey(t => t.ProjectName)
            .OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(t => t.Status);
        builder.HasIndex(t => t.Added);
        builder.HasIndex(t => new { t.Status, t.Added });
        builder.HasIndex(t => t.VersionName);
        builder.HasIndex(t => t.RevisionNumber);
        builder.HasIndex(t => t.PrimaryRelPath);
        builder.Property(t => t.InputKey).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(t => new { t.ProjectName, t.VersionName, t.RevisionNumber });
        builder.HasIndex(t => new { t.ProjectName, t.VersionName, t.InputKey });
    }
}
