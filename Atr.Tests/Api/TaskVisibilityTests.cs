using System.Net;
using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Api;

/// <summary>
/// The tasks of a release that is not published show its files and findings: like the files, they are for the
/// committee's committers (and administrators), on the task list, the task page, the hub and the checks API.
/// </summary>
public sealed class TaskVisibilityTests : IAsyncLifetime
{
    private readonly AtrAppFactory _factory = new();
    private int _draftTask;
    private string _draftFile = null!;

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var connection = new SqliteConnection(AtrDatabase.ConnectionStringFor(Path.Combine(_factory.StateDirectory, AtrDatabase.FileName)));
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, PrimaryRelPath FROM Task WHERE VersionName = '2.0.0-M1' AND PrimaryRelPath IS NOT NULL ORDER BY Id LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        (_draftTask, _draftFile) = (reader.GetInt32(0), reader.GetString(1));
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("oscar")]
    public async Task TaskList_ForOutsiders_HoldsNoTaskOfADraft(string? userId)
    {
        var actor = await _factory.Services.GetRequiredService<UserDirectory>().ResolveAsync(userId, Cancel);
        var tasks = _factory.Services.GetRequiredService<TaskService>();

        var page = await tasks.SearchAsync(actor, new PageRequest(0, 1000), new TaskFilter(), Cancel);
        var committer = await tasks.SearchAsync(await _factory.Services.GetRequiredService<UserDirectory>().ResolveAsync("carl", Cancel),
            new PageRequest(0, 1000), new TaskFilter(), Cancel);

        Assert.DoesNotContain(page.Items, t => t.VersionName == "2.0.0-M1");
        Assert.Contains(page.Items, t => t.VersionName == "1.1.0");
        Assert.Contains(committer.Items, t => t.Id == _draftTask);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("oscar")]
    public async Task TaskPage_OfADraft_ForOutsiders_SaysWhoMayReadItAndShowsNothingOfIt(string? userId)
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        if (userId is not null)
        {
            await WebSession.SignInAsync(browser, userId);
        }

        using var response = await browser.GetAsync(new Uri($"/tasks/{_draftTask}", UriKind.Relative), Cancel);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Contains("data-testid=\"denied\"", page, StringComparison.Ordinal);
        Assert.Contains("see the checks of widget 2.0.0-M1", page, StringComparison.Ordinal);
        Assert.DoesNotContain(_draftFile, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskPage_OfADraft_ForACommitter_ShowsTheTask()
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await WebSession.SignInAsync(browser, "carl");

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/tasks/{_draftTask}", UriKind.Relative), Cancel));

        Assert.Contains(_draftFile, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChecksApi_OfADraft_ForAnotherCommitteesCommitter_Answers403()
    {
        using var client = await _factory.ClientAsAsync("oscar");

        using var response = await client.GetAsync("/api/v1/projects/widget/releases/2.0.0-M1/revisions/latest/checks", Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(_draftFile, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
