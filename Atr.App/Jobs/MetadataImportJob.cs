using Atr.Domain;
using Atr.Domain.Access;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Quartz;

namespace Atr.App.Jobs;

/// <summary>
/// Once a day, imports the foundation's committees, people, projects and podlings from the sources of
/// <c>Atr:Metadata</c>, as the system. Without sources it does nothing; an unreachable or malformed source is logged
/// as an error and changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MetadataImportJob(MetadataImporter importer, AtrDomainSettings settings, ILogger<MetadataImportJob> logger) : IJob
{
    public static readonly JobKey Key = new("metadata-import");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (settings.Metadata is { LdapProjects: null, CommitteeInfo: null, Projects: null, Podlings: null })
        {
            logger.LogInformation("No metadata sources are set (Atr:Metadata): the daily import does nothing");
            return;
        }

        try
        {
            var result = await importer.ImportAsync(Actor.System, settings.Metadata, cancellationToken);
            logger.LogInformation("Metadata import: {Added} committee(s) added, {Updated} updated; {Projects} project(s) added; {Removals} removal(s) to confirm",
                result.CommitteesAdded, result.CommitteesUpdated, result.ProjectsAdded, result.Removals.Count);
        }
        catch (DomainException e)
        {
            logger.LogError(e, "Metadata import failed: {Message}", e.Message);
        }
    }
}
