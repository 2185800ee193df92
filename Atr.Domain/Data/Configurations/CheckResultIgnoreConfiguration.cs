using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class CheckResultIgnoreConfiguration : IEntityTypeConfiguration<CheckResultIgnore>
{
    public void Configure(EntityTypeBuilder<CheckResultIgnore> builder)
    {
        builder.ToTable("CheckResultIgnore");
        builder.Property(i => i.AsfUid).HasMaxLength(Names.UserIdMaxLength);
        builder.Property(i => i.CommitteeName).HasMaxLength(Committee.NameMaxLength);
        builder.Property(i => i.ReleaseGlob).HasMaxLength(CheckResultIgnore.GlobMaxLength);
        builder.Property(i => i.RevisionNumber).HasMaxLength(Revision.NumberLength);
        builder.Property(i => i.CheckerGlob).HasMaxLength(CheckResultIgnore.GlobMaxLength);
        builder.Property(i => i.PrimaryRelPathGlob).HasMaxLength(CheckResultIgnore.GlobMaxLength);
        builder.Property(i => i.MemberRelPathGlob).HasMaxLength(CheckResultIgnore.GlobMaxLength);
        builder.Property(i => i.MessageGlob).HasMaxLength(CheckResultIgnore.GlobMaxLength);
        builder.HasIndex(i => i.CommitteeName);
    }
}
