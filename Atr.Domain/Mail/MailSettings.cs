namespace Atr.Domain.Mail;

/// <summary>How Atr sends mail: the relay, the sender, the recipients it may write to, and the address in its links.</summary>
public sealed record MailSettings
{
    /// <summary>The address messages come from (<c>Atr:Smtp:Sender</c>).</summary>
    public string Sender { get; init; } = "atr@localhost";

    /// <summary>
    /// Domains mail may go to (<c>Atr:Mail:AllowedRecipientDomains</c>); a domain admits its subdomains, so
    /// <c>apache.org</c> admits <c>dev@widget.apache.org</c>. A message to any other domain is refused when it is composed.
    /// </summary>
    public IReadOnlyList<string> AllowedRecipientDomains { get; init; } = ["apache.org"];

    /// <summary>The address users reach Atr at, for the links in mail (<c>Atr:PublicBaseUrl</c>).</summary>
    public string PublicBaseUrl { get; init; } = "http://localhost:5080";

    /// <summary>The relay; without a host, messages wait in the outbox until one is configured.</summary>
    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>The public address of a page of Atr, e.g. <c>/releases/widget/1.0/vote</c>.</summary>
    public string LinkTo(string path) => PublicBaseUrl.TrimEnd('/') + path;

    /// <summary>Null when <paramref name="address"/> may receive mail, else why not.</summary>
    public string? RecipientProblem(string address)
    {
        if (!MimeKit.MailboxAddress.TryParse(address, out var mailbox) || mailbox.Address != address.Trim()
            || mailbox.Domain is not { Length: > 0 } domain || mailbox.LocalPart.Length == 0)
        {
            return $"'{address}' is not a mail address";
        }

        var allowed = AllowedRecipientDomains.Any(d =>
            domain.Equals(d, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
        return allowed
            ? null
            : $"Atr does not send mail to {domain}: the allowed recipient domains are {string.Join(", ", AllowedRecipientDomains)}";
    }
}

/// <summary>The SMTP relay (<c>Atr:Smtp</c>).</summary>
public sealed record SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTlsWhenAvailable;

    public string? UserName { get; init; }

    public string? Password { get; init; }
}

public enum SmtpSecurity
{
    /// <summary>Plain SMTP, for a relay on the same host or network.</summary>
    None,

    /// <summary>STARTTLS when the server offers it.</summary>
    StartTlsWhenAvailable,

    /// <summary>STARTTLS, refusing a server without it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
