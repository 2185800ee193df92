using System.Diagnostics;

namespace Atr.Tests.Fixtures;

/// <summary>GnuPG (<c>gpg</c>, which CI installs) in a throw-away home: what it takes from a KEYS file.</summary>
public static class GnuPG
{
    /// <summary>The primary-key fingerprints (lower case) GnuPG holds after importing <paramref name="keysFile"/>, in its listing order.</summary>
    public static async Task<List<string>> ImportedFingerprintsAsync(byte[] keysFile, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("atr-gnupg-");
        try
        {
            var file = Path.Combine(home.FullName, "KEYS");
            await File.WriteAllBytesAsync(file, keysFile, cancellationToken);

            // gpg exits 2 when it skipped a key; what it imported is what its listing shows.
            await RunAsync(home.FullName, cancellationToken, "--batch", "--import", file);
            var (_, listing) = await RunAsync(home.FullName, cancellationToken, "--batch", "--with-colons", "--list-keys");
            var lines = listing.Split('\n');
            return lines.Select((line, index) => (line, index)).Where(l => l.line.StartsWith("pub:", StringComparison.Ordinal))
                .Select(l => lines.Skip(l.index).First(x => x.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9].ToLowerInvariant())
                .ToList();
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string home, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("gpg", ["--homedir", home, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var gpg = Process.Start(start)!;
        var output = gpg.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await gpg.StandardError.ReadToEndAsync(cancellationToken);
        await gpg.WaitForExitAsync(cancellationToken);
        Assert.True(gpg.ExitCode is 0 or 2, $"gpg {string.Join(' ', arguments)}: {errors}");
        return (gpg.ExitCode, await output);
    }
}
