using Atr.Domain.Audit;
using Atr.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvent");
        builder.Property(a => a.Actor).HasMaxLength(Names.UserIdMaxLength);
        builder.Property(a => a.Action).HasMaxLength(AuditEvent.ActionMaxLength);
        builder.Property(a => a.EntityType).HasMaxLength(AuditEvent.EntityMaxLength);
        builder.Property(a => a.EntityKey).HasMaxLength(AuditEvent.EntityMaxLength);
        builder.Property(a => a.CommitteeName).HasMaxLength(Committees.Committee.NameMaxLength);
        builder.HasIndex(a => a.Occurred);
        builder.HasIndex(a => a.Actor);
        builder.HasIndex(a => a.CommitteeName);
        builder.HasIndex(a => new { a.EntityType, a.EntityKey });
    }
}
