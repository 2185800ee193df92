using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Fixtures;

/// <summary>
/// The real app as a child process (<c>dotnet Atr.App.dll</c>) on a free loopback port, with its own state folder.
/// It runs in the Development environment so that static assets come from the build output's manifest.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly bool _ownsState;

    private AppProcess(Process process, StringBuilder output, Uri baseAddress, string stateDirectory, bool ownsState)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        StateDirectory = stateDirectory;
        _ownsState = ownsState;
    }

    public Uri BaseAddress { get; }

    public string StateDirectory { get; }

    /// <summary>The app's database, opened beside it (for what a test arranges that no page or API does).</summary>
    public Atr.Domain.Data.AtrDbContext OpenDatabase() =>
        new(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Atr.Domain.Data.AtrDbContext>()
            .UseSqlite(Atr.Domain.Data.AtrDatabase.ConnectionStringFor(Path.Combine(StateDirectory, Atr.Domain.Data.AtrDatabase.FileName)))
            .ConfigureWarnings(warnings => warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.ManyServiceProvidersCreatedWarning))
            .Options);

    /// <summary>A client of the app's API with a new token of the user, made by the app's own token command.</summary>
    public async Task<HttpClient> ApiClientAsync(string userId)
    {
        var created = await AppCommand.RunAsync(StateDirectory, "token", "create", "--user", userId, "--label", "e2e");
        Xunit.Assert.True(created.ExitCode == 0, created.Errors);
        var api = new HttpClient { BaseAddress = BaseAddress };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.Output.Trim());
        return api;
    }

    /// <summary>What the app has written to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits until /healthz answers 200.</summary>
    /// <param name="stateDirectory">An existing state folder to reuse; a new temporary one when null.</param>
    public static async Task<AppProcess> StartAsync(
        string? stateDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var ownsState = stateDirectory is null;
        stateDirectory ??= Directory.CreateTempSubdirectory("atr-app-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.AppOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Repository.AppOutput, "Atr.App.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Atr__StateDirectory"] = stateDirectory;
        start.Environment["Atr__DemoData"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, output, baseAddress, stateDirectory, ownsState);
        try
        {
            await app.WaitUntilHealthyAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Ends the app at once, as a crash would (SIGKILL), leaving its state folder behind.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (_ownsState)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Atr.App exited with code {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"Atr.App did not become healthy within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
