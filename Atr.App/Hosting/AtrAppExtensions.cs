using System.Threading.RateLimiting;
using Atr.App.Api;
using Atr.App.Auth;
using Atr.App.Downloads;
using Atr.App.Health;
using Atr.App.Jobs;
using Atr.Domain;
using Atr.Domain.Data;
using Atr.Domain.Demo;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using Quartz;

namespace Atr.App.Hosting;

public static class AtrAppExtensions
{
    /// <summary>Registers the domain on the configured SQLite database, sign-in, the UI, the API, health checks and the scheduler.</summary>
    public static WebApplicationBuilder AddAtr(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AtrOptions>()
            .BindConfiguration(AtrOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var settings = AtrState.Resolve(builder.Configuration, builder.Environment);
        builder.Services.AddAtrDomain(settings);

        // Keys beside the data, so sessions and forms survive a restart or a new container.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.StateDirectory, "keys")));
        builder.AddAtrAuthentication();

        // Allocating the receive buffer before data arrives roughly doubles upload throughput on loopback and LAN
        // (measured in bench/upload.sh); the cost is one buffer per idle connection.
        builder.WebHost.UseSockets(options => options.WaitForDataBeforeAllocatingBuffer = false);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(ApiEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.UserId() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 300, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddQuartz(quartz => quartz
            .AddJob<StorageSweepJob>(job => job.WithIdentity(StorageSweepJob.Key))
            .AddTrigger(trigger => trigger
                .ForJob(StorageSweepJob.Key)
                .WithIdentity("storage-sweep-daily")
                .WithCronSchedule("0 30 3 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc))));
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>Brings the database up to date and, when asked for, seeds the demo data.</summary>
    public static async Task InitializeAtrAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(app.Services.GetRequiredService<AtrDomainSettings>().StateDirectory);
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
        app.UseSecurityHeaders();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // Pages answer errors with the shell's own pages. The API answers with problem JSON, written by the inner
        // middleware first, so the outer one finds a body and leaves API responses alone.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapAccountEndpoints();
        app.MapAtrApi();
        app.MapRevisionDownloads();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
