using System.Security.Claims;
using Atr.App.Auth;
using Atr.App.Live;
using Atr.Domain;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Tasks;
using Atr.Tests.Fixtures;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Quartz;

namespace Atr.Tests.Components;

/// <summary>
/// bUnit with MudBlazor's services, loose JS interop, an interactive server renderer, and the domain services over
/// a real SQLite database (with the demo data when <see cref="SeedDemoData"/> is true). Nobody is signed in until
/// <see cref="SignIn"/>.
/// </summary>
public abstract class AtrComponentContext : BunitContext, IAsyncLifetime
{
    private BunitAuthorizationContext _authorization = null!;

    protected AtrComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    protected TestDatabase Database { get; private set; } = null!;

    protected virtual bool SeedDemoData => false;

    /// <summary>The events pages hear: only what a test publishes here (the domain services publish to nobody).</summary>
    protected FakeLiveEvents Live { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Database = SeedDemoData ? await DemoDatabaseTemplate.SharedCopyAsync() : await TestDatabase.CreateAsync();

        Services.AddSingleton<TimeProvider>(Database.Time);
        foreach (var service in new[]
        {
            typeof(ReleaseService), typeof(ProjectService), typeof(CommitteeService), typeof(TaskService), typeof(UserDirectory),
            typeof(TokenService), typeof(AuditService), typeof(CheckService), typeof(CommitteeEditor), typeof(ProjectEditor),
            typeof(Atr.Domain.Health.DashboardService), typeof(MetadataImporter), typeof(AtrDomainSettings),
        })
        {
            Services.AddSingleton(service, Database.Services.GetRequiredService(service));
        }

        Services.AddSingleton<ILiveEvents>(Live);
        Services.AddQuartz();
        Services.AddSingleton<ActorResolver>();
        Services.AddScoped<CurrentActor>();
        _authorization = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Signs <paramref name="userId"/> in for the components rendered next.</summary>
    protected void SignIn(string userId)
    {
        _authorization.SetAuthorized(userId);
        _authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }
}

/// <summary>A stand-in for the live notifier: the test decides which events a page hears, and when.</summary>
public sealed class FakeLiveEvents : ILiveEvents
{
    private readonly List<Func<DomainEvent, Task>> _handlers = [];

    public int Subscribers
    {
        get
        {
            lock (_handlers)
            {
                return _handlers.Count;
            }
        }
    }

    public IDisposable Subscribe(Func<DomainEvent, Task> handler)
    {
        lock (_handlers)
        {
            _handlers.Add(handler);
        }

        return new Unsubscriber(() =>
        {
            lock (_handlers)
            {
                _handlers.Remove(handler);
            }
        });
    }

    public async Task PublishAsync(DomainEvent domainEvent)
    {
        Func<DomainEvent, Task>[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        foreach (var handler in handlers)
        {
            await handler(domainEvent);
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
