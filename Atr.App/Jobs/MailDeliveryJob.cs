using Atr.App.Live;
using Atr.Domain.Common;
using Atr.Domain.Mail;
using Quartz;

namespace Atr.App.Jobs;

/// <summary>Sends the outbox's due messages: at once when mail is queued, and every minute for retries.</summary>
[DisallowConcurrentExecution]
public sealed class MailDeliveryJob(MailDelivery delivery) : IJob
{
    public static readonly JobKey Key = new("mail-delivery");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await delivery.DeliverDueAsync(cancellationToken);
}

/// <summary>Runs the mail job as soon as an action has queued mail.</summary>
public sealed class MailTrigger(ISchedulerFactory schedulers) : IDomainEventListener
{
    public async Task OnEventAsync(DomainEvent domainEvent)
    {
        if (domainEvent is MailQueued)
        {
            var scheduler = await schedulers.GetScheduler();
            await scheduler.TriggerJob(MailDeliveryJob.Key);
        }
    }
}
