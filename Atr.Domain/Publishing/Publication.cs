using Atr.Domain.Common;
using Atr.Domain.Releases;

namespace Atr.Domain.Publishing;

/// <summary>
/// An announcement in progress: written before any file is placed, completed in the transaction that marks the
/// release published. A publication that is not complete is finished by the next start (or the next announce).
/// </summary>
public sealed class Publication : IDescribedEntity
{
    public const int FolderMaxLength = 500;

    private Publication()
    {
    }

    internal Publication(
        Release release, string revisionNumber, string downloadFolder, string mailingList, string subject, string body, string requestedBy,
        string? requestedByName, string? requestedByEmail, DateTime requested)
    {
        ReleaseName = release.Name;
        RevisionNumber = revisionNumber;
        DownloadFolder = downloadFolder;
        MailingList = mailingList;
        Subject = subject;
        Body = body;
        RequestedBy = requestedBy;
        RequestedByName = requestedByName;
        RequestedByEmail = requestedByEmail;
        Requested = requested;
    }

    public int Id { get; private set; }

    public string ReleaseName { get; private set; } = null!;

    public Release Release { get; private set; } = null!;

    public string RevisionNumber { get; private set; } = null!;

    /// <summary>Where the files go, below <c>state/downloads</c> and <c>/downloads/</c>: "widget/widget-1.2.0".</summary>
    public string DownloadFolder { get; private set; } = null!;

    public string MailingList { get; private set; } = null!;

    public string Subject { get; private set; } = null!;

    /// <summary>The announcement with every placeholder substituted.</summary>
    public string Body { get; private set; } = null!;

    public string RequestedBy { get; private set; } = null!;

    public string? RequestedByName { get; private set; }

    public string? RequestedByEmail { get; private set; }

    public DateTime Requested { get; private set; }

    public DateTime? Completed { get; private set; }

    internal void Complete(DateTime now) => Completed = now;

    public string Describe() => $"publication of {ReleaseName} to {DownloadFolder}";
}
