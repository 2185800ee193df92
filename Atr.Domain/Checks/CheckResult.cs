using System.Text.Json;
using Atr.Domain.Common;
using Atr.Domain.Releases;

namespace Atr.Domain.Checks;

/// <summary>One finding of a check: about a file of a revision, or a member inside an archive file.</summary>
public sealed class CheckResult : IDescribedEntity
{
    public const int CheckerMaxLength = 100;
    public const int PathMaxLength = 1024;
    public const int MessageMaxLength = 4000;

    private CheckResult()
    {
    }

    public CheckResult(
        string releaseName,
        string revisionNumber,
        string checker,
        string? primaryRelPath,
        string? memberRelPath,
        CheckResultStatus status,
        string message,
        DateTime created,
        string data = "{}",
        int? taskId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checker);
        // Parsing proves the evidence is JSON before it is stored; the document itself is not needed.
        JsonDocument.Parse(data).Dispose();

        ReleaseName = releaseName;
        RevisionNumber = revisionNumber;
        Checker = checker;
        PrimaryRelPath = primaryRelPath;
        MemberRelPath = memberRelPath;
        Status = status;
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
        Created = created;
        Data = data;
        TaskId = taskId;
    }

    public int Id { get; private set; }

    public string ReleaseName { get; private set; } = null!;

    public Release Release { get; private set; } = null!;

    /// <summary>The task that found this; a revision shows the results of its tasks, or of the tasks they reuse.</summary>
    public int? TaskId { get; private set; }

    public string? RevisionNumber { get; private set; }

    /// <summary>The checker key, e.g. <c>signature</c> or <c>license.files</c>.</summary>
    public string Checker { get; private set; } = null!;

    /// <summary>The file of the revision the finding is about.</summary>
    public string? PrimaryRelPath { get; private set; }

    /// <summary>The member inside the archive at <see cref="PrimaryRelPath"/>, when the finding is about one.</summary>
    public string? MemberRelPath { get; private set; }

    public DateTime Created { get; private set; }

    public CheckResultStatus Status { get; private set; }

    public string Message { get; private set; } = null!;

    /// <summary>Evidence as a JSON object (computed hashes, signer, offending lines, ...).</summary>
    public string Data { get; private set; } = "{}";

    public string Describe() => $"check result {Id}";
}
