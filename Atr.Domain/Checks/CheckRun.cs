using System.Security.Cryptography;
using System.Text.Json;
using Atr.Domain.Revisions;

namespace Atr.Domain.Checks;

/// <summary>One finding, before it is stored: the same shape wherever checks run (engine, command line).</summary>
public sealed record CheckFinding(string Checker, string? PrimaryRelPath, string? MemberRelPath, CheckResultStatus Status, string Message, string Data);

/// <summary>
/// A running check's view of the world: its subject, a way to read file contents (from the artifact store, or from
/// a folder for the offline command), and where it reports findings.
/// </summary>
/// <param name="hashed">
/// A copy of a hash that has already read a file's whole content, when the runner kept one (the offline command
/// hashes every file before its checks run); null when it did not, and the check must read the file itself.
/// </param>
public sealed class CheckRun(
    ICheck check,
    CheckSubject subject,
    Func<ManifestEntry, CancellationToken, Task<Stream>> open,
    Func<ManifestEntry, HashAlgorithmName, IncrementalHash?>? hashed = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<CheckFinding> _findings = [];

    public CheckSubject Subject { get; } = subject;

    public IReadOnlyList<CheckFinding> Findings => _findings;

    public Task<Stream> OpenAsync(ManifestEntry file, CancellationToken cancellationToken) => open(file, cancellationToken);

    /// <summary>A hash, owned by the caller, that has read all of the file with the algorithm; null when none was kept.</summary>
    public IncrementalHash? HashedContent(ManifestEntry file, HashAlgorithmName algorithm) => hashed?.Invoke(file, algorithm);

    /// <param name="data">Evidence, serialised as JSON (expected and computed hash, signer, counts, ...).</param>
    /// <param name="primaryPath">The file the finding is about; the task's file when omitted.</param>
    /// <param name="checker">The checker key, when one pass of a check reports for several (an archive's rules).</param>
    public void Report(
        CheckResultStatus status, string message, object? data = null, string? memberPath = null, string? primaryPath = null, string? checker = null) =>
        _findings.Add(new CheckFinding(
            checker ?? check.Key,
            primaryPath ?? Subject.PrimaryPath,
            memberPath,
            status,
            message,
            data is null ? "{}" : JsonSerializer.Serialize(data, Json)));

    public void Success(string message, object? data = null, string? memberPath = null, string? primaryPath = null, string? checker = null) =>
        Report(CheckResultStatus.Success, message, data, memberPath, primaryPath, checker);

    public void Warning(string message, object? data = null, string? memberPath = null, string? primaryPath = null, string? checker = null) =>
        Report(CheckResultStatus.Warning, message, data, memberPath, primaryPath, checker);

    public void Failure(string message, object? data = null, string? memberPath = null, string? primaryPath = null, string? checker = null) =>
        Report(CheckResultStatus.Failure, message, data, memberPath, primaryPath, checker);
}
