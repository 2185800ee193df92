using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Atr.Domain.Data;
using Atr.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Api;

/// <summary><c>Atr:Checks:Concurrency</c> is a hard cap: never more check tasks run at once, whatever Quartz's pool holds.</summary>
public sealed class CheckConcurrencyTests
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ManyQueuedChecks_NeverRunMoreAtOnceThanTheSetting(int concurrency)
    {
        await using var factory = new AtrAppFactory(settings: new Dictionary<string, string?> { ["Atr:Checks:Concurrency"] = $"{concurrency}" });
        using var client = await factory.ClientAsAsync("carl");
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 40; i++)
        {
            form.Add(new ByteArrayContent(new byte[20_000 + i]), "file", $"part-{i:00}.bin");
            form.Add(new StringContent(new string('0', 128)), "file", $"part-{i:00}.bin.sha512");
        }

        using (var upload = await client.PostAsync("/api/v1/projects/widget/releases/2.0.0-M1/files", form, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var checks = await client.GetFromJsonAsync<JsonElement>("/api/v1/projects/widget/releases/2.0.0-M1/revisions/00004/checks?wait=60", Cancel);
        Assert.True(checks.GetProperty("complete").GetBoolean(), checks.ToString());

        var runs = await RunsAsync(factory.StateDirectory);
        Assert.True(runs.Count >= 40, $"only {runs.Count} tasks ran");
        // The most running at once is reached at some task's start: count the tasks running at each start.
        var most = runs.Max(run => runs.Count(other => other.Started <= run.Started && run.Started < other.Completed));
        Assert.Equal(concurrency, most);
    }

    /// <summary>When each task of the new revision that ran (not reused) started and ended.</summary>
    private static async Task<List<(DateTime Started, DateTime Completed)>> RunsAsync(string state)
    {
        await using var connection = new SqliteConnection(AtrDatabase.ConnectionStringFor(Path.Combine(state, AtrDatabase.FileName)));
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Started, Completed FROM Task WHERE VersionName = '2.0.0-M1' AND RevisionNumber = '00004' "
            + "AND Started IS NOT NULL AND Completed IS NOT NULL AND ReusedTaskId IS NULL";
        var runs = new List<(DateTime, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            runs.Add((reader.GetDateTime(0), reader.GetDateTime(1)));
        }

        return runs;
    }
}
