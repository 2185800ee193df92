using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Data;

namespace Atr.Domain.Mail;

/// <summary>The message a reply answers: its Message-ID and the thread's earlier ones.</summary>
public sealed record MailThread(string InReplyTo, IReadOnlyList<string> References)
{
    /// <summary>The thread a reply to this message continues.</summary>
    public static MailThread Of(string messageId, IReadOnlyList<string>? earlier = null) => new(messageId, [.. earlier ?? [], messageId]);
}

/// <summary>
/// Composes mail into the outbox of a unit of work. Everything a relay could refuse is checked here, so that an
/// action with mail that cannot go out fails with a message instead of committing a message that never leaves.
/// </summary>
public sealed class Outbox(AtrDomainSettings settings)
{
    public MailSettings Settings => settings.Mail;

    /// <summary>Adds a message to <paramref name="db"/>; it is sent once the caller's transaction commits.</summary>
    public OutboundMessage Queue(
        AtrDbContext db, MailKind kind, string? releaseName, Actor author, IReadOnlyList<string> recipients, string subject, string body,
        DateTime now, MailThread? thread = null)
    {
        Validate(recipients, subject, body);
        var sender = settings.Mail.Sender;
        var domain = sender[(sender.LastIndexOf('@') + 1)..];
        var message = new OutboundMessage(
            kind,
            releaseName,
            author.FullName is { Length: > 0 } name ? $"{name} via Atr" : $"{author.Name} via Atr",
            sender,
            author.Email,
            recipients.Select(r => r.Trim()).ToList(),
            subject.Trim(),
            body.ReplaceLineEndings("\n"),
            $"atr.{Guid.NewGuid():N}@{domain}",
            thread?.InReplyTo,
            thread?.References ?? [],
            now);
        db.OutboundMessages.Add(message);
        return message;
    }

    /// <summary>Throws a <see cref="DomainException"/> naming the first thing wrong with the message.</summary>
    public void Validate(IReadOnlyList<string> recipients, string subject, string body)
    {
        if (recipients.Count == 0)
        {
            throw new DomainException("A message needs at least one recipient");
        }

        foreach (var recipient in recipients)
        {
            if (settings.Mail.RecipientProblem(recipient) is { } problem)
            {
                throw new DomainException(problem);
            }
        }

        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new DomainException("The subject is empty");
        }

        if (subject.Length > OutboundMessage.SubjectMaxLength || subject.Any(char.IsControl))
        {
            throw new DomainException($"The subject must be one line of at most {OutboundMessage.SubjectMaxLength} characters");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            throw new DomainException("The body is empty");
        }

        if (body.Length > OutboundMessage.BodyMaxLength)
        {
            throw new DomainException($"The body must be at most {OutboundMessage.BodyMaxLength:N0} characters; it has {body.Length:N0}");
        }
    }
}
