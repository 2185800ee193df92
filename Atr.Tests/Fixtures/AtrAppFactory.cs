using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Fixtures;

/// <summary>
/// The app in-process on a temporary state folder, with or without demo data. The demo data is a copy of the test
/// run's demo database (seeded once), so that each app starts in moments.
/// </summary>
public class AtrAppFactory(bool demoData = true, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public string StateDirectory { get; } = NewState(demoData);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Atr:StateDirectory", StateDirectory);
        builder.UseSetting("Atr:DemoData", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    private static string NewState(bool demoData)
    {
        var folder = Directory.CreateTempSubdirectory("atr-web-").FullName;
        if (demoData)
        {
            DemoDatabaseTemplate.CopySharedToAsync(folder).GetAwaiter().GetResult();
        }

        return folder;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
