using System.Diagnostics;

namespace Atr.Tests.Fixtures;

/// <summary>Runs <c>dotnet Atr.App.dll &lt;args&gt;</c> as a command-line program and collects what it printed.</summary>
public static class AppCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Errors);

    public static async Task<Outcome> RunAsync(string stateDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.AppOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(Repository.AppOutput, "Atr.App.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Atr__StateDirectory"] = stateDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var cancel = Xunit.TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var errors = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        return new Outcome(process.ExitCode, await output, await errors);
    }
}
