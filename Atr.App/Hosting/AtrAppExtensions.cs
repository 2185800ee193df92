using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Atr.App.Api;
using Atr.App.Auth;
using Atr.App.Downloads;
using Atr.App.Health;
using Atr.App.Jobs;
using Atr.App.Live;
using Atr.Domain;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Demo;
using Atr.Domain.Publishing;
using Atr.Domain.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
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

        // Keys beside the data, so sessions and forms survive a restart or a new container. They are kept as they are,
        // readable by the app's user alone like the database beside them: a key to encrypt them would have to be kept in
        // the same place, so Data Protection's warning that they are not encrypted is not shown.
        var keys = Directory.CreateDirectory(Path.Combine(settings.StateDirectory, "keys"));
        if (!OperatingSystem.IsWindows())
        {
            keys.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        builder.Services.AddDataProtection().PersistKeysToFileSystem(keys);
        builder.Logging.AddFilter(typeof(XmlKeyManager).FullName, LogLevel.Error);
        builder.AddAtrAuthentication();

        // Allocating the receive buffer before data arrives roughly doubles upload throughput on loopback and LAN
        // (measured in bench/upload.sh); the cost is one buffer per idle connection.
        builder.WebHost.UseSockets(options => options.WaitForDataBeforeAllocatingBuffer = false);

        builder.AddForwardedHeaders();
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
        builder.AddCheckEngine();
        return builder;
    }

    /// <summary>
    /// Client address and scheme from the <c>X-Forwarded-*</c> headers of trusted proxies only (loopback and
    /// <c>Atr:ForwardedHeaders</c>), through a chain of them: rate limits then count per client, not per proxy, and a
    /// request that reached the proxy over TLS counts as https (HSTS, secure cookies).
    /// </summary>
    private static void AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        var section = $"{AtrOptions.Section}:{nameof(AtrOptions.ForwardedHeaders)}";
        var trusted = builder.Configuration.GetSection(section).Get<ForwardedHeadersSettings>() ?? new();
        var proxies = trusted.KnownProxies.Select(address => IPAddress.TryParse(address, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{section}:KnownProxies: '{address}' is not an IP address")).ToList();
        var networks = trusted.KnownNetworks.Select(network => System.Net.IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{section}:KnownNetworks: '{network}' is not a network in CIDR notation (such as 10.0.0.0/8)")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
    }

    /// <summary>
    /// The live side: the notifier every domain event goes through, the check engine on Quartz (its thread pool sized
    /// to <c>Atr:Checks:Concurrency</c>, plus one for the daily sweep and one for mail) and the SignalR hub.
    /// </summary>
    private static void AddCheckEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CheckOptions>().BindConfiguration(CheckOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var concurrency = builder.Configuration.GetSection(CheckOptions.Section).Get<CheckOptions>()?.Concurrency ?? Environment.ProcessorCount;

        builder.Services.AddSingleton<LiveNotifier>();
        builder.Services.AddSingleton<IDomainEventPublisher>(services => services.GetRequiredService<LiveNotifier>());
        builder.Services.AddSingleton<ILiveEvents>(services => services.GetRequiredService<LiveNotifier>());
        builder.Services.AddSingleton<CheckEngine>();
        builder.Services.AddSingleton<IDomainEventListener>(services => services.GetRequiredService<CheckEngine>());
        builder.Services.AddSingleton<IDomainEventListener, HubBridge>();
        builder.Services.AddSingleton<IDomainEventListener, MailTrigger>();
        builder.Services.AddSignalR().AddJsonProtocol(json => json.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);

        builder.Services.AddQuartz(quartz => quartz
            .UseDefaultThreadPool(pool => pool.MaxConcurrency = concurrency + 2)
            .AddJob<CheckTaskJob>(job => job.WithIdentity(CheckTaskJob.Key).StoreDurably())
            .AddJob<StorageSweepJob>(job => job.WithIdentity(StorageSweepJob.Key))
            .AddJob<MailDeliveryJob>(job => job.WithIdentity(MailDeliveryJob.Key))
            .AddJob<StorageCheckJob>(job => job.WithIdentity(StorageCheckJob.Key))
            .AddJob<MetadataImportJob>(job => job.WithIdentity(MetadataImportJob.Key))
            .AddTrigger(trigger => trigger
                .ForJob(MailDeliveryJob.Key)
                .WithIdentity("mail-delivery-retries")
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()))
            .AddTrigger(trigger => trigger
                .ForJob(StorageSweepJob.Key)
                .WithIdentity("storage-sweep-daily")
                .WithCronSchedule("0 30 3 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc)))
            .AddTrigger(trigger => trigger
                .ForJob(StorageCheckJob.Key)
                .WithIdentity("storage-check-nightly")
                .WithCronSchedule("0 15 4 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc)))
            .AddTrigger(trigger => trigger
                .ForJob(MetadataImportJob.Key)
                .WithIdentity("metadata-import-daily")
                .WithCronSchedule("0 0 5 * * ?", cron => cron.InTimeZone(TimeZoneInfo.Utc))));
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

        // After Quartz's own hosted service, so that recovered tasks are queued on a running scheduler.
        builder.Services.AddHostedService(services => services.GetRequiredService<CheckEngine>());
    }

    /// <summary>Brings the database up to date, seeds the demo data when asked for, and completes interrupted announcements.</summary>
    public static async Task InitializeAtrAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(app.Services.GetRequiredService<AtrDomainSettings>().StateDirectory);

        // Uploads cut off by a crash or a kill leave partial files behind; no upload of this process has begun yet.
        var (leftovers, bytes) = app.Services.GetRequiredService<ArtifactStore>().RemoveLeftoverTemporaryFiles();
        if (leftovers > 0)
        {
            app.Logger.LogInformation("Removed {Files} temporary file(s) ({Bytes} bytes) left by interrupted uploads", leftovers, bytes);
        }

        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);

        var demoData = app.Configuration.GetValue<bool?>($"{AtrOptions.Section}:{nameof(AtrOptions.DemoData)}")
            ?? app.Environment.IsDevelopment();
        if (demoData)
        {
            await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
        }

        // An announcement that a crash interrupted is completed before anyone can see the half-published release.
        await app.Services.GetRequiredService<AnnounceService>().ResumePendingAsync(cancellationToken);
    }

    public static WebApplication UseAtr(this WebApplication app)
    {
        app.UseForwardedHeaders();
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
        app.MapHub<ReleaseHub>(ReleaseHub.Path);
        app.MapRevisionDownloads();
        app.MapKeysFiles();
        app.MapPublishedDownloads();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        return app;
    }
}
