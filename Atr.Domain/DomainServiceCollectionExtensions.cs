using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Data.Interceptors;
using Atr.Domain.Demo;
using Atr.Domain.Distributions;
using Atr.Domain.Keys;
using Atr.Domain.Mail;
using Atr.Domain.Projects;
using Atr.Domain.Publishing;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Atr.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Atr.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (SQLite) and the domain services. Interceptors are singletons taken from the container,
    /// in registration order, so a host can add its own.
    /// </summary>
    public static IServiceCollection AddAtrDomain(this IServiceCollection services, AtrDomainSettings settings)
    {
        var connectionString = settings.ConnectionString;
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IInterceptor, ReleaseNamingInterceptor>();
        services.AddSingleton<IInterceptor, RevisionNumberingInterceptor>();
        services.AddSingleton<IInterceptor, TaskResultMaterializer>();
        services.AddSingleton<IInterceptor, AuditFileInterceptor>();
        services.AddSingleton<IInterceptor, SqliteSettingsInterceptor>();
        // Interceptor instances belong to the container, so EF builds one internal provider per container. A process
        // normally has one; test runs and tools build many, which is expected, not the leak the warning looks for.
        services.AddDbContextFactory<AtrDbContext>((provider, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(provider.GetServices<IInterceptor>())
            // A table rebuild outside a transaction is why the initializer copies a database before migrating it.
            .ConfigureWarnings(warnings => warnings
                .Ignore(CoreEventId.ManyServiceProvidersCreatedWarning)
                .Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug))));

        services.AddSingleton<AuditFileWriter>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<RevisionWriter>();
        services.AddSingleton<RevisionService>();
        services.AddSingleton<FileDiffService>();
        services.AddSingleton<ArtifactStore>();
        services.AddSingleton<StorageSweeper>();
        services.AddSingleton<ContentInspector>();
        services.TryAddSingleton<IDomainEventPublisher>(NoListeners.Instance);
        foreach (var check in CheckCatalog.All(settings.Archives))
        {
            services.AddSingleton(check);
        }

        services.AddSingleton<ManifestCache>();
        services.AddSingleton<CheckPlanner>();
        services.AddSingleton<FolderChecker>();
        services.AddSingleton<CheckRunner>();
        services.AddSingleton<CheckService>();
        services.AddSingleton<IgnoreService>();
        services.AddSingleton<KeyService>();
        services.AddSingleton<DraftKeyImport>();
        services.AddSingleton<CommitteeService>();
        services.AddSingleton<ProjectService>();
        services.AddSingleton<ReleaseService>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<MailDelivery>();
        services.AddSingleton<VoteService>();
        services.AddSingleton<FinishService>();
        services.AddSingleton<AnnounceService>();
        services.AddSingleton<PublishedDownloads>();
        services.AddSingleton<DistributionService>();
        services.AddSingleton<PolicyService>();
        services.AddSingleton<CommitteeEditor>();
        services.AddSingleton<MetadataImporter>();
        services.AddSingleton<ProjectEditor>();
        services.AddSingleton<StorageConsistency>();
        services.AddSingleton<Health.DashboardService>();
        return services;
    }
}
