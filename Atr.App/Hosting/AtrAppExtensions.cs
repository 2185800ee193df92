using Quartz;
using Atr.App.Health;
using Atr.Domain;
using Atr.Domain.Data;
using Atr.Domain.Demo;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;

namespace Atr.App.Hosting;

public static class AtrAppExtensions
{
    /// <summary>Registers the domain on the configured SQLite database, the UI, health checks and the scheduler.</summary>
    public static WebApplicationBuilder AddAtr(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AtrOptions>()
            .BindConfiguration(AtrOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var state = AtrState.Resolve(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(state);
        builder.Services.AddAtrDomain(state.ConnectionString);
        // Keys beside the data, so sessions and forms survive a restart or a new container.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(state.Directory, "keys")));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddQuartz();
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>Brings the database up to date and, when asked for, seeds the demo data.</summary>
    public static async Task InitializeAtrAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var state = app.Services.GetRequiredService<AtrState>();
        Directory.CreateDirectory(state.Directory);
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);

        var demoData = app.Configuration.GetValue<bool?>($"{AtrOptions.Section}:{nameof(AtrOptions.DemoData)}")
            ?? app.Environment.IsDevelopment();
        if (demoData)
        {
            await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
        }
    }

    public static WebApplication UseAtr(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
