using System.Text.Json;
using System.Text.Json.Serialization;

namespace Atr.Domain.Tasks;

/// <summary>
/// What a finished task produced. Stored as JSON in <c>Task.Result</c>; the <c>kind</c> property says which
/// record to read it back as.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CheckTaskResult), "check")]
[JsonDerivedType(typeof(MessageSendResult), "message_send")]
[JsonDerivedType(typeof(MetadataUpdateResult), "metadata_update")]
[JsonDerivedType(typeof(VoteInitiateResult), "vote_initiate")]
public abstract record TaskResult;

/// <summary>
/// A check ran over a file (or a revision) and recorded this many results of each status; or, with
/// <paramref name="ReusedFromTask"/>, stands for an earlier task with the same inputs and its results.
/// </summary>
public sealed record CheckTaskResult(
    string Checker,
    string CheckerVersion,
    int Successes,
    int Warnings,
    int Failures,
    int Exceptions,
    int? ReusedFromTask = null) : TaskResult;

/// <summary>A mail was handed to the relay.</summary>
public sealed record MessageSendResult(string MessageId, IReadOnlyList<string> MailSendWarnings) : TaskResult;

/// <summary>Committee and project metadata was imported.</summary>
public sealed record MetadataUpdateResult(int AddedCount, int UpdatedCount) : TaskResult;

/// <summary>A vote was opened by mail.</summary>
public sealed record VoteInitiateResult(
    string Message,
    string EmailTo,
    DateTime VoteEnd,
    string Subject,
    string? MessageId,
    IReadOnlyList<string> MailSendWarnings) : TaskResult;

/// <summary>Writes and reads <see cref="TaskResult"/> JSON.</summary>
public static class TaskResultJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Write(TaskResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>Reads a stored result; an unreadable payload gives null and the reason in <paramref name="problem"/>.</summary>
    public static TaskResult? TryRead(string json, out string? problem)
    {
        try
        {
            problem = null;
            return JsonSerializer.Deserialize<TaskResult>(json, Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            problem = e.Message;
            return null;
        }
    }
}
