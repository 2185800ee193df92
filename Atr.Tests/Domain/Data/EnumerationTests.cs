using System.Text.RegularExpressions;
using Atr.Domain.Checks;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Domain.Data;

public sealed partial class EnumerationTests
{
    [Fact]
    public void ReleasePhase_HasTheFourPhasesInLifecycleOrder()
    {
        Assert.Equal(
            ["release_candidate_draft", "release_candidate", "release_preview", "release"],
            Enum.GetValues<ReleasePhase>().Select(p => p.SeedName()));
        Assert.Equal(["Compose", "Vote", "Finish", "Released"], Enum.GetValues<ReleasePhase>().Select(p => p.StepName()));
    }

    [Fact]
    public void TaskType_HasEveryTypeOfTheReference()
    {
        string[] reference =
        [
            "hashing_check", "keys_import_file", "license_files", "license_headers", "message_send", "metadata_update",
            "paths_check", "rat_check", "sbom_augment", "sbom_generate_cyclonedx", "sbom_osv_scan", "sbom_qs_score",
            "sbom_tool_score", "signature_check", "svn_import_files", "targz_integrity", "targz_structure", "vote_initiate",
            "zipformat_integrity", "zipformat_structure",
        ];

        var ours = Enum.GetNames<TaskType>().Select(n => CapitalBoundary().Replace(n, "_$1").ToLowerInvariant()).ToList();

        Assert.Equal(reference.Order(), ours.Order());
        Assert.All(Enum.GetValues<TaskType>(), t => Assert.False(string.IsNullOrWhiteSpace(t.Label())));
    }

    [Fact]
    public void StatusEnumerations_HaveTheReferenceValues()
    {
        Assert.Equal(["Queued", "Active", "Completed", "Failed"], Enum.GetNames<BackgroundTaskStatus>());
        // Skipped is Atr's own: a check the policy skips says so (the reference wrote nothing, §11.7).
        Assert.Equal(["Exception", "Failure", "Skipped", "Success", "Warning"], Enum.GetNames<CheckResultStatus>());
        Assert.Equal(["Exception", "Failure", "Warning"], Enum.GetNames<CheckResultStatusIgnore>());
        Assert.Equal(["Active", "Dormant", "Retired", "Standing"], Enum.GetNames<ProjectStatus>());
    }

    [Fact]
    public async Task Enumerations_AreStoredAsTheirNames()
    {
        await using var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        await Seed.ReleaseAsync(database, "widget", "1.2.0");

        await using var connection = database.OpenConnection();
        Assert.Equal("ReleaseCandidateDraft", Scalar(connection, "SELECT Phase FROM Release"));
        Assert.Equal("Active", Scalar(connection, "SELECT Status FROM Project"));
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex CapitalBoundary();
}
