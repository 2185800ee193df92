using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Distributions;
using Atr.Domain.Keys;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Mail;
using Atr.Domain.Publishing;
using Atr.Domain.Voting;
using Atr.Domain.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Data;

public sealed class AtrDbContext(DbContextOptions<AtrDbContext> options) : DbContext(options)
{
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ReleasePolicy> ReleasePolicies => Set<ReleasePolicy>();
    public DbSet<Release> Releases => Set<Release>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<RevisionFile> RevisionFiles => Set<RevisionFile>();
    public DbSet<BackgroundTask> Tasks => Set<BackgroundTask>();
    public DbSet<CheckResult> CheckResults => Set<CheckResult>();
    public DbSet<CheckResultIgnore> CheckResultIgnores => Set<CheckResultIgnore>();
    public DbSet<PublicSigningKey> PublicSigningKeys => Set<PublicSigningKey>();
    public DbSet<KeyLink> KeyLinks => Set<KeyLink>();
    public DbSet<Distribution> Distributions => Set<Distribution>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<UserAccount> UserAccounts => Set<UserAccount>();
    public DbSet<VoteRound> VoteRounds => Set<VoteRound>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();
    public DbSet<Publication> Publications => Set<Publication>();

    /// <summary>Audit events inserted by the save in progress, for the audit file once it commits.</summary>
    internal List<AuditEvent> AuditEventsInFlight { get; set; } = [];

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Atr saves asynchronously: call SaveChangesAsync");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RejectNaiveDateTimes();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
        {
            var entry = e.Entries.Count > 0 ? e.Entries[0] : null;
            var duplicate = entry?.Entity is IDescribedEntity described ? described.Describe() : "A row with the same key";
            throw new DuplicateException(duplicate, e) { EntityType = entry?.Metadata.ClrType };
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AtrDbContext).Assembly);

    /// <summary>Names the entity and property of a naive timestamp, which the converter alone could not.</summary>
    private void RejectNaiveDateTimes()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is DateTime { Kind: DateTimeKind.Unspecified } value)
                {
                    throw new NaiveDateTimeException($"{entry.Metadata.ClrType.Name}.{property.Metadata.Name}", value);
                }
            }
        }
    }
}
