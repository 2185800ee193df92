using Atr.Domain.Common;

namespace Atr.Domain.Mail;

public enum MailKind
{
    Vote,
    VoteCast,
    VoteResult,
    Announcement,

    /// <summary>A vote extended or cancelled, told to its thread.</summary>
    VoteNotice,
}

public enum OutboundStatus
{
    /// <summary>Waiting for its (next) delivery attempt.</summary>
    Queued,

    /// <summary>The relay accepted it.</summary>
    Sent,

    /// <summary>Every attempt failed; it stays here, with the last error, for an administrator.</summary>
    Failed,
}

/// <summary>
/// A message in the outbox. It is written in the same transaction as the action that causes it, so an action that
/// commits always has its mail, and delivered afterwards by the mail job, retried with back-off.
/// </summary>
public sealed class OutboundMessage : IDescribedEntity
{
    public const int MaxAttempts = 8;
    public const int SubjectMaxLength = 250;
    public const int BodyMaxLength = 100_000;
    public const int AddressMaxLength = 320;
    public const int ErrorMaxLength = 2000;

    private OutboundMessage()
    {
    }

    internal OutboundMessage(
        MailKind kind, string? releaseName, string fromName, string fromAddress, string? replyTo, IReadOnlyList<string> recipients,
        string subject, string body, string messageId, string? inReplyTo, IReadOnlyList<string> references, DateTime created)
    {
        Kind = kind;
        ReleaseName = releaseName;
        FromName = fromName;
        FromAddress = fromAddress;
        ReplyTo = replyTo;
        Recipients = [.. recipients];
        Subject = subject;
        Body = body;
        MessageId = messageId;
        InReplyTo = inReplyTo;
        References = [.. references];
        Created = created;
        NextAttempt = created;
        Status = OutboundStatus.Queued;
    }

    public int Id { get; private set; }

    public MailKind Kind { get; private set; }

    /// <summary>The release the message is about; kept after the release is deleted.</summary>
    public string? ReleaseName { get; private set; }

    public string FromName { get; private set; } = null!;

    public string FromAddress { get; private set; } = null!;

    public string? ReplyTo { get; private set; }

    public List<string> Recipients { get; private set; } = [];

    public string Subject { get; private set; } = null!;

    public string Body { get; private set; } = null!;

    /// <summary>The Message-ID, without angle brackets; replies name it in In-Reply-To and References.</summary>
    public string MessageId { get; private set; } = null!;

    public string? InReplyTo { get; private set; }

    public List<string> References { get; private set; } = [];

    public DateTime Created { get; private set; }

    public OutboundStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When the job tries next; null once sent or given up.</summary>
    public DateTime? NextAttempt { get; private set; }

    public DateTime? Sent { get; private set; }

    public string? LastError { get; private set; }

    public void MarkSent(DateTime now)
    {
        Attempts++;
        Status = OutboundStatus.Sent;
        Sent = now;
        NextAttempt = null;
        LastError = null;
    }

    /// <summary>Records a failed attempt: the next waits twice as long as the last (1 minute, 2, 4, ...), up to <see cref="MaxAttempts"/>.</summary>
    public void MarkAttemptFailed(string error, DateTime now)
    {
        Attempts++;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = OutboundStatus.Failed;
            NextAttempt = null;
            return;
        }

        NextAttempt = now + BackOff(Attempts);
    }

    /// <summary>The relay could not be reached: try again in a minute, without counting it against this message.</summary>
    public void Postpone(string error, DateTime now)
    {
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        NextAttempt = now.AddMinutes(1);
    }

    public static TimeSpan BackOff(int attempts) => TimeSpan.FromMinutes(Math.Pow(2, attempts - 1));

    public string Describe() => $"message {MessageId}";
}
