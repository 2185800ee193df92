using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Atr.Domain.Data;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Api;

/// <summary>The check engine in the real app, run as a child process: live events over SignalR, and recovery after SIGKILL.</summary>
public sealed class CheckEngineProcessTests : IAsyncLifetime
{
    private const string Draft = "/api/v1/projects/widget/releases/2.0.0-M1";

    private readonly string _state = Directory.CreateTempSubdirectory("atr-engine-").FullName;
    private string _token = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await DemoDatabaseTemplate.CopySharedToAsync(_state);
        var created = await AppCommand.RunAsync(_state, "token", "create", "--user", "carl", "--label", "engine tests");
        Assert.True(created.ExitCode == 0, created.Errors);
        _token = created.Output.Trim();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_state, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Hub_SendsTheJoinedReleasesPlanningAndEachTaskChange()
    {
        await using var app = await AppProcess.StartAsync(_state, cancellationToken: Cancel);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "hubs/releases"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token))
            .Build();
        var messages = Channel.CreateUnbounded<(string Name, JsonElement Body)>();
        foreach (var name in new[] { "taskChanged", "checksPlanned", "releaseDeleted" })
        {
            hub.On<JsonElement>(name, body => messages.Writer.TryWrite((name, body)));
        }

        await hub.StartAsync(Cancel);
        await hub.InvokeAsync("JoinRelease", "widget", "2.0.0-M1", Cancel);
        using var http = Client(app);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("archive"u8.ToArray()), "file", "apache-widget-2.0.0-M1-live.tar.gz" },
            { new StringContent(new string('0', 128)), "file", "apache-widget-2.0.0-M1-live.tar.gz.sha512" },
        };
        using (var upload = await http.PostAsync($"{Draft}/files", form, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var planned = await NextAsync(messages, "checksPlanned");
        Assert.Equal(("widget", "2.0.0-M1", "00004"), (Text(planned, "project"), Text(planned, "version"), Text(planned, "revision")));
        Assert.True(planned.GetProperty("queued").GetInt32() >= 2, planned.ToString());
        var states = new List<string>();
        while (states.LastOrDefault() is not ("Completed" or "Failed"))
        {
            var changed = await NextAsync(messages, "taskChanged", m => Text(m, "path") == "apache-widget-2.0.0-M1-live.tar.gz.sha512");
            Assert.Equal(("HashingCheck", "widget", "2.0.0-M1", "00004"),
                (Text(changed, "taskType"), Text(changed, "project"), Text(changed, "version"), Text(changed, "revision")));
            Assert.True(changed.GetProperty("taskId").GetInt32() > 0);
            states.Add(Text(changed, "status")!);
        }

        Assert.Equal(["Active", "Completed"], states);
    }

    [Fact]
    public async Task Hub_RefusesToJoinAReleaseTheCallerMayNotFollow()
    {
        await using var app = await AppProcess.StartAsync(_state, cancellationToken: Cancel);
        await using var carl = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "hubs/releases"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(_token))
            .Build();
        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "hubs/releases")).Build();
        await carl.StartAsync(Cancel);
        await anonymous.StartAsync(Cancel);

        var otherCommittee = await Assert.ThrowsAsync<HubException>(() => carl.InvokeAsync("JoinRelease", "gizmo", "0.3.0-incubating", Cancel));
        var signedOut = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("JoinRelease", "widget", "2.0.0-M1", Cancel));
        var missing = await Assert.ThrowsAsync<HubException>(() => carl.InvokeAsync("JoinRelease", "widget", "9.9.9", Cancel));

        Assert.Contains("see the checks of gizmo 0.3.0-incubating", otherCommittee.Message, StringComparison.Ordinal);
        Assert.Contains("see the checks of widget 2.0.0-M1", signedOut.Message, StringComparison.Ordinal);
        Assert.Contains("widget 9.9.9", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", otherCommittee.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Kills the app (SIGKILL) while checks run, then starts it again on the same state folder. To be sure a check is
    /// mid-run at the kill, the test holds SQLite's write lock once a task is ACTIVE: the running check cannot record
    /// its outcome, exactly as if its input were slow. After the restart every task must end, the interrupted ones on
    /// their second attempt, with exactly one result row per checksum file.
    /// </summary>
    [Fact]
    public async Task KilledWhileChecksRun_TheRestartedAppFinishesEveryTaskOnce()
    {
        const int Files = 60;
        var single = new Dictionary<string, string> { ["Atr__Checks__Concurrency"] = "1" };
        var app = await AppProcess.StartAsync(_state, single, Cancel);
        List<long> interrupted;
        try
        {
            using var http = Client(app);
            using var form = new MultipartFormDataContent();
            for (var i = 0; i < Files; i++)
            {
                form.Add(new ByteArrayContent([(byte)i]), "file", $"part-{i:00}.bin");
                form.Add(new StringContent(new string('0', 128)), "file", $"part-{i:00}.bin.sha512");
            }

            using (var upload = await http.PostAsync($"{Draft}/files", form, Cancel))
            {
                Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            }

            interrupted = await KillMidCheckAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.NotEmpty(interrupted);
        await using var restarted = await AppProcess.StartAsync(_state, single, Cancel);
        using (var http = Client(restarted))
        {
            var checks = await http.GetFromJsonAsync($"{Draft}/revisions/00004/checks?wait=60", Cancel);
            Assert.True(checks.GetProperty("complete").GetBoolean(), checks.ToString());
        }

        await using var connection = Open();
        var tasks = await QueryAsync(connection,
            "SELECT Id, Status, Attempts, PrimaryRelPath FROM Task WHERE VersionName = '2.0.0-M1' AND RevisionNumber = '00004'",
            r => (Id: r.GetInt64(0), Status: r.GetString(1), Attempts: r.GetInt32(2), Path: r.IsDBNull(3) ? null : r.GetString(3)));
        Assert.Equal(Files, tasks.Count(t => t.Path?.StartsWith("part-", StringComparison.Ordinal) == true));
        Assert.All(tasks, t => Assert.True(t.Status is "Completed" or "Failed", $"task {t.Id} is {t.Status}"));
        Assert.All(tasks.Where(t => interrupted.Contains(t.Id)), t => Assert.Equal(("Completed", 2), (t.Status, t.Attempts)));
        var hashingResults = await QueryAsync(connection,
            "SELECT PrimaryRelPath, COUNT(*) FROM CheckResult WHERE ReleaseName = 'widget-2.0.0-M1' AND RevisionNumber = '00004' "
            + "AND Checker = 'hashing' GROUP BY PrimaryRelPath",
            r => (Path: r.GetString(0), Rows: r.GetInt32(1)));
        Assert.Equal(Files, hashingResults.Count(r => r.Path.StartsWith("part-", StringComparison.Ordinal)));
        Assert.All(hashingResults, r => Assert.Equal(1, r.Rows));
    }

    /// <summary>Waits for an ACTIVE task of the new revision, freezes it by taking the write lock, and kills the app.</summary>
    private async Task<List<long>> KillMidCheckAsync(AppProcess app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = Open();
            await ExecuteAsync(connection, "BEGIN IMMEDIATE");
            var active = await QueryAsync(connection,
                "SELECT Id FROM Task WHERE VersionName = '2.0.0-M1' AND RevisionNumber = '00004' AND Status = 'Active'", r => r.GetInt64(0));
            if (active.Count > 0)
            {
                await app.KillAsync();
                await ExecuteAsync(connection, "ROLLBACK");
                return active;
            }

            await ExecuteAsync(connection, "ROLLBACK");
            await Task.Delay(10, Cancel);
        }

        throw new TimeoutException($"No check task became active within a minute:\n{app.Output}");
    }

    private HttpClient Client(AppProcess app)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return http;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(AtrDatabase.ConnectionStringFor(Path.Combine(_state, AtrDatabase.FileName)));
        connection.Open();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = new List<T>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task<JsonElement> NextAsync(
        Channel<(string Name, JsonElement Body)> messages, string name, Func<JsonElement, bool>? matches = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (received, body) = await messages.Reader.ReadAsync(timeout.Token);
            if (received == name && (matches is null || matches(body)))
            {
                return body;
            }
        }
    }

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();
}

file static class HttpJson
{
    public static async Task<JsonElement> GetFromJsonAsync(this HttpClient http, string uri, CancellationToken cancellationToken) =>
        await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(http, uri, cancellationToken);
}
