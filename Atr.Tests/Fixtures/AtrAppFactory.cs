using System.Net.Http.Headers;
using Atr.Domain.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>A new personal access token of the user, as the API takes it.</summary>
    public async Task<string> TokenAsync(string userId)
    {
        var cancel = Xunit.TestContext.Current.CancellationToken;
        var actor = await Services.GetRequiredService<UserDirectory>().ResolveAsync(userId, cancel);
        return (await Services.GetRequiredService<TokenService>().CreateAsync(actor, "api test", 30, cancel)).Secret;
    }

    /// <summary>A client that calls the API with a new token of the user.</summary>
    public async Task<HttpClient> ClientAsAsync(string userId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userId));
        return client;
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
