using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Atr.Domain.Revisions;

namespace Atr.Domain.Checks;

/// <summary>One finding, before it is stored: the same shape wherever checks run (engine, command line).</summary>
/// <param name="Evidence">What the check found (expected and computed hash, signer, counts, ...), or null.</param>
public sealed record CheckFinding(string Checker, string? PrimaryRelPath, string? MemberRelPath, CheckResultStatus Status, string Message, object? Evidence)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The evidence as JSON ("{}" when there is none), made only when asked for: the engine stores it, while the
    /// offline command never needs it, and so runs without reflection (it is compiled ahead of time).
    /// </summary>
    public string Data => Evidence is null ? "{}" : JsonSerializer.Serialize(Evidence, Json);

    /// <summary>What <see cref="object.ToString"/> shows: everything but the JSON, which would need reflection to make.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Checker = {Checker}, PrimaryRelPath = {PrimaryRelPath}, MemberRelPath = {MemberRelPath}, ")
            .Append(CultureInfo.InvariantCulture, $"Status = {Status}, Message = {Message}, Evidence = {Evidence}");
        return true;
    }
}

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
    private readonly List<CheckFinding> _findings = [];

    public CheckSubject Subject { get; } = subject;

    public IReadOnlyList<CheckFinding> Findings => _findings;

    public Task<Stream> OpenAsync(ManifestEntry file, CancellationToken cancellationToken) => open(file, cancellationToken);

    /// <summary>A hash, owned by the caller, that has read all of the file with the algorithm; null when none was kept.</summary>
    public IncrementalHash? HashedContent(ManifestEntry file, HashAlgorithmName algorithm) => hashed?.Invoke(file, algorithm);

    /// <param name="data">Evidence, stored as JSON (expected and computed hash, signer, counts, ...).</param>
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
            data));

    public void Success(string message, object? data = null, string? memberPath = null, string? primaryPath = null, string? checker = null) =>
        Report(CheckResultStatus.Success, message, data, memberPath, primaryPath, checker);

    public void Warning(string message, object? data = null, string? memberPath = null, string? primaryPath = null, string? checker = null) =>
        Report(CheckResultStatus.Warning, message, data, memberPath, primaryPath, checker);

    public void Failure(string message, object? data = null, string? memberPath = null, string? primaryPath = null, string? checker = null) =>
        Report(CheckResultStatus.Failure, message, data, memberPath, primaryPath, checker);
}
