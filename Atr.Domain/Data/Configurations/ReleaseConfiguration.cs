using System.Text.Json;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class ReleaseConfiguration : IEntityTypeConfiguration<Release>
{
    /// <summary>The view releases are read through; it adds LatestRevisionNumber (see the InitialCreate migration).</summary>
    public const string ViewName = "ReleaseWithLatestRevision";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Release> builder)
    {
        // Writes go to the table, reads through the view. LatestRevisionNumber exists only in the view: a correlated
        // subquery computed at query time, so it is never stale and can be used in LINQ filters and projections.
        builder.ToTable("Release", table => table.Property(r => r.LatestRevisionNumber).HasColumnName(null));
        builder.ToView(ViewName);

        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(Release.NameMaxLength)
            .HasValueGenerator<TemporaryKeyGenerator>().ValueGeneratedOnAdd();
        builder.Property(r => r.ProjectName).HasMaxLength(Project.NameMaxLength);
        builder.Property(r => r.Version).HasMaxLength(ReleaseVersion.MaxLength);
        builder.Property(r => r.PodlingThreadId).HasMaxLength(Release.ThreadIdMaxLength);
        builder.Property(r => r.DownloadFolder).HasMaxLength(Publishing.Publication.FolderMaxLength);
        builder.HasIndex(r => new { r.ProjectName, r.Version }).IsUnique();
        builder.HasIndex(r => r.Phase);

        builder.HasOne(r => r.Project)
            .WithMany(p => p.Releases)
            .HasForeignKey(r => r.ProjectName)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Revisions)
            .WithOne(v => v.Release)
            .HasForeignKey(v => v.ReleaseName)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.CheckResults)
            .WithOne(c => c.Release)
            .HasForeignKey(c => c.ReleaseName)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Distributions)
            .WithOne(d => d.Release)
            .HasForeignKey(d => d.ReleaseName)
            .OnDelete(DeleteBehavior.Cascade);

        builder.Property(r => r.Votes)
            .HasConversion(
                votes => JsonSerializer.Serialize(votes, Json),
                json => JsonSerializer.Deserialize<List<VoteEntry>>(json, Json) ?? new List<VoteEntry>(),
                new ValueComparer<List<VoteEntry>>(
                    (a, b) => a!.SequenceEqual(b!),
                    votes => votes.Aggregate(0, (hash, vote) => HashCode.Combine(hash, vote)),
                    votes => votes.ToList()))
            .HasDefaultValue(new List<VoteEntry>())
            .HasSentinel(null!);

        builder.Ignore(r => r.ShortDisplayName);
    }
}
