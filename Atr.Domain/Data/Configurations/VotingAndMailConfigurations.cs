using Atr.Domain.Committees;
using Atr.Domain.Mail;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Atr.Domain.Data.Configurations;

internal sealed class VoteRoundConfiguration : IEntityTypeConfiguration<VoteRound>
{
    public void Configure(EntityTypeBuilder<VoteRound> builder)
    {
        builder.ToTable("VoteRound");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ReleaseName).HasMaxLength(Release.NameMaxLength);
        builder.Property(r => r.RevisionNumber).HasMaxLength(Revision.NumberLength);
        builder.Property(r => r.BindingCommittee).HasMaxLength(Committee.NameMaxLength);
        builder.Property(r => r.MailingList).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(r => r.Subject).HasMaxLength(OutboundMessage.SubjectMaxLength);
        builder.Property(r => r.Body).HasMaxLength(OutboundMessage.BodyMaxLength);
        builder.Property(r => r.StartedBy).HasMaxLength(Common.Names.UserIdMaxLength);
        builder.Property(r => r.ResolvedBy).HasMaxLength(Common.Names.UserIdMaxLength);
        builder.Property(r => r.MessageId).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(r => r.VoteThreadUrl).HasMaxLength(VoteRound.UrlMaxLength);
        builder.Property(r => r.ResultThreadUrl).HasMaxLength(VoteRound.UrlMaxLength);
        builder.HasIndex(r => r.ReleaseName);
        builder.HasOne(r => r.Release)
            .WithMany()
            .HasForeignKey(r => r.ReleaseName)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Votes)
            .WithOne(v => v.Round)
            .HasForeignKey(v => v.RoundId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(r => r.IsOpen);
    }
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> builder)
    {
        builder.ToTable("Vote");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Voter).HasMaxLength(Common.Names.UserIdMaxLength);
        builder.Property(v => v.VoterName).HasMaxLength(Access.UserAccount.FullNameMaxLength);
        builder.Property(v => v.Comment).HasMaxLength(Vote.CommentMaxLength);
        builder.HasIndex(v => new { v.RoundId, v.Voter });
    }
}

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> builder)
    {
        builder.ToTable("OutboundMessage");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ReleaseName).HasMaxLength(Release.NameMaxLength);
        builder.Property(m => m.FromName).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(m => m.FromAddress).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(m => m.ReplyTo).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboundMessage.SubjectMaxLength);
        builder.Property(m => m.Body).HasMaxLength(OutboundMessage.BodyMaxLength);
        builder.Property(m => m.MessageId).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(m => m.InReplyTo).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboundMessage.ErrorMaxLength);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.Status, m.NextAttempt });
        builder.HasIndex(m => m.ReleaseName);
    }
}

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publishing.Publication>
{
    public void Configure(EntityTypeBuilder<Publishing.Publication> builder)
    {
        builder.ToTable("Publication");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.ReleaseName).HasMaxLength(Release.NameMaxLength);
        builder.Property(p => p.RevisionNumber).HasMaxLength(Revision.NumberLength);
        builder.Property(p => p.DownloadFolder).HasMaxLength(Publishing.Publication.FolderMaxLength);
        builder.Property(p => p.MailingList).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(p => p.Subject).HasMaxLength(OutboundMessage.SubjectMaxLength);
        builder.Property(p => p.Body).HasMaxLength(OutboundMessage.BodyMaxLength);
        builder.Property(p => p.RequestedBy).HasMaxLength(Common.Names.UserIdMaxLength);
        builder.Property(p => p.RequestedByName).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.Property(p => p.RequestedByEmail).HasMaxLength(OutboundMessage.AddressMaxLength);
        builder.HasIndex(p => p.DownloadFolder).IsUnique();
        builder.HasIndex(p => p.ReleaseName);
        builder.HasOne(p => p.Release)
            .WithMany()
            .HasForeignKey(p => p.ReleaseName)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
