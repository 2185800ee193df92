using Atr.Domain.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Atr.Domain.Mail;

/// <summary>
/// Sends what is due in the outbox over SMTP, oldest first, on one connection. A message the relay refuses, or
/// that meets a broken connection, is tried again later (<see cref="OutboundMessage.MarkAttemptFailed"/>); one
/// message's failure never holds up the others. A relay that cannot be reached at all postpones every message
/// without counting against it, so an outage never makes a message fail for good.
/// </summary>
public sealed class MailDelivery(IDbContextFactory<AtrDbContext> factory, AtrDomainSettings settings, TimeProvider time, ILogger<MailDelivery> logger)
{
    private const int Batch = 100;

    /// <summary>Sends the due messages; returns how many the relay accepted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var smtp = settings.Mail.Smtp;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.OutboundMessages
            .Where(m => m.Status == OutboundStatus.Queued && m.NextAttempt <= now)
            .OrderBy(m => m.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            logger.LogWarning("{Count} message(s) wait in the outbox: no SMTP relay is configured (Atr:Smtp:Host)", due.Count);
            return 0;
        }

        var sent = 0;
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException
            or System.Net.Sockets.SocketException or SslHandshakeException)
        {
            logger.LogWarning(e, "Could not reach the SMTP relay {Host}:{Port}", smtp.Host, smtp.Port);
            foreach (var message in due)
            {
                message.Postpone($"Could not reach {smtp.Host}:{smtp.Port}: {e.Message}", now);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return 0;
        }

        foreach (var message in due)
        {
            try
            {
                await client.SendAsync(ToMime(message), cancellationToken);
                message.MarkSent(time.GetUtcNow().UtcDateTime);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The relay did not take {MessageId}", message.MessageId);
                message.MarkAttemptFailed(e.Message, time.GetUtcNow().UtcDateTime);
                if (!client.IsConnected)
                {
                    break;
                }
            }

            // Each outcome is saved at once: a crash after a send repeats at most that one message.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }

        return sent;
    }

    /// <summary>The message as it goes over the wire.</summary>
    public static MimeMessage ToMime(OutboundMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = message.MessageId,
            Date = new DateTimeOffset(message.Created, TimeSpan.Zero),
            Body = new TextPart("plain") { Text = message.Body },
        };
        mime.From.Add(new MailboxAddress(message.FromName, message.FromAddress));
        if (message.ReplyTo is { } replyTo && MailboxAddress.TryParse(replyTo, out var replyAddress))
        {
            mime.ReplyTo.Add(replyAddress);
        }

        mime.To.AddRange(message.Recipients.Select(MailboxAddress.Parse));
        if (message.InReplyTo is { } inReplyTo)
        {
            mime.InReplyTo = inReplyTo;
        }

        foreach (var reference in message.References)
        {
            mime.References.Add(reference);
        }

        return mime;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
