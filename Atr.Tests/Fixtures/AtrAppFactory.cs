using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Atr.Tests.Fixtures;

/// <summary>The app in-process on a temporary state folder, with or without demo data.</summary>
public class AtrAppFactory(bool demoData = true, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("atr-web-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Atr:StateDirectory", StateDirectory);
        builder.UseSetting("Atr:DemoData", demoData ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
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
