using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Storage;
using Quartz;

namespace Atr.App.Jobs;

/// <summary>
/// Checks the artifact store against the revisions: nightly as the system, or when an administrator asks (the job
/// then runs as that administrator, so that the audit trail names who asked).
/// </summary>
[DisallowConcurrentExecution]
public sealed class StorageCheckJob(StorageConsistency consistency, UserDirectory users, IDomainEventPublisher events, ILogger<StorageCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new("storage-check");

    private const string UserKey = "user";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var user = context.MergedJobDataMap.TryGetString(UserKey, out var id) ? id : null;
        try
        {
            var actor = user is null ? Actor.System : await users.ResolveAsync(user, cancellationToken);
            await consistency.CheckAsync(actor, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DomainException)
        {
            logger.LogError(e, "The storage check stopped: {Message}", e.Message);
            events.Publish(new StorageCheckFailed(e.Message));
        }
    }

    /// <summary>Starts a check now for an administrator; its report arrives as a <see cref="StorageChecked"/> event.</summary>
    public static async Task RequestAsync(ISchedulerFactory schedulers, Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("check the artifact store");
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(Key, new JobDataMap { [UserKey] = actor.UserId! }, cancellationToken);
    }
}
