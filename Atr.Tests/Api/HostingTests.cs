using System.Net;
using Atr.App.Jobs;
using Atr.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Atr.Tests.Api;

public sealed class HostingTests
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Healthz_DatabaseReachable_Answers200()
    {
        await using var factory = new AtrAppFactory(demoData: false);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Healthz_DatabaseGone_Answers503()
    {
        await using var factory = new AtrAppFactory(demoData: false);
        using var client = factory.CreateClient();
        SqliteConnection.ClearAllPools();
        Directory.Delete(factory.StateDirectory, recursive: true);

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Home_WithDemoData_Answers200WithReleasesAndTheShell()
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);

        Assert.Contains("Trusted releases", html, StringComparison.Ordinal);
        Assert.Contains("Apache Widget", html, StringComparison.Ordinal);
        Assert.Contains("releases/widget/1.2.0", html, StringComparison.Ordinal);
        Assert.Contains("Atr 0.1.0", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(factory.StateDirectory, "atr.db")), "The database lives in the state folder");
    }

    [Fact]
    public async Task Home_WithoutDemoData_SaysThereIsNothingYet()
    {
        await using var factory = new AtrAppFactory(demoData: false);
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);

        Assert.Contains("None at the moment.", html, StringComparison.Ordinal);
        Assert.Contains("Nothing has been published yet.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/committees/no-such-committee")]
    [InlineData("/projects/no-such-project")]
    [InlineData("/releases/widget/9.9.9")]
    public async Task UnknownAddress_Answers404WithTheNotFoundPage(string path)
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("There is nothing at this address.", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Main\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/committees", "Gizmo (PPMC)")]
    [InlineData("/committees/widget", "rita")]
    [InlineData("/projects", "Apache Widget Connectors")]
    [InlineData("/projects/widget-connectors", "Vote mailing lists")]
    [InlineData("/releases/gizmo/0.3.0-incubating", "Checks of the latest revision")]
    [InlineData("/releases", "Releases")]
    [InlineData("/tasks", "Tasks")]
    public async Task Pages_Answer200(string path, string expected)
    {
        await using var factory = new AtrAppFactory();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RemovesTemporaryFilesLeftByInterruptedUploads()
    {
        await using var factory = new AtrAppFactory(demoData: false);
        var temporary = Path.Combine(factory.StateDirectory, "tmp");
        Directory.CreateDirectory(temporary);
        await File.WriteAllBytesAsync(Path.Combine(temporary, "upload-0123456789abcdef0123456789abcdef"), new byte[10_000], Cancel);

        using var client = factory.CreateClient();
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(temporary));
    }

    [Fact]
    public async Task Start_InvalidPublicBaseUrl_IsRefusedWithTheSetting()
    {
        await using var factory = new AtrAppFactory(demoData: false, new Dictionary<string, string?> { ["Atr:PublicBaseUrl"] = "not a url" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduler_RunsTheStorageSweepDaily()
    {
        await using var factory = new AtrAppFactory(demoData: false);
        _ = factory.Server;
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Cancel);

        var trigger = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey("storage-sweep-daily"), Cancel), exactMatch: false);

        Assert.Equal(StorageSweepJob.Key, trigger.JobKey);
        Assert.Equal("0 30 3 * * ?", trigger.CronExpressionString);
        Assert.NotNull(await scheduler.GetJobDetail(StorageSweepJob.Key, Cancel));
    }

    [Fact]
    public async Task FirstStart_WithDemoData_LogsNoWarning_AndKeepsItsKeysPrivate()
    {
        await using var factory = new LoggedFactory();
        using var client = factory.CreateClient();

        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), Cancel);
        using var signIn = await client.GetAsync(new Uri("/signin", UriKind.Relative), Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (home.StatusCode, signIn.StatusCode));
        var logs = factory.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(logs, r => r.Message.StartsWith("Applied ", StringComparison.Ordinal));
        Assert.Empty(logs.Where(r => r.Level >= LogLevel.Warning).Select(r => $"{r.Category}: {r.Message}"));
        var keys = new DirectoryInfo(Path.Combine(factory.StateDirectory, "keys"));
        Assert.NotEmpty(keys.EnumerateFiles("key-*.xml"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, keys.UnixFileMode);
    }

    /// <summary>A first start as README's run command makes it: an empty state folder, demo data seeded, every log kept.</summary>
    private sealed class LoggedFactory() : AtrAppFactory(demoData: false, new Dictionary<string, string?> { ["Atr:DemoData"] = "true" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddFakeLogging());
        }
    }
}
