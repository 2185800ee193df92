using Atr.App.Auth;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Microsoft.AspNetCore.SignalR;

namespace Atr.App.Live;

/// <summary>
/// <c>/hubs/releases</c>: a client joins a release (<c>JoinRelease(project, version)</c>) and then receives its
/// events as JSON: <c>taskChanged</c>, <c>checksPlanned</c>, <c>releaseDeleted</c> (see README). Joining needs the
/// same right as reading the release's checks; browsers are signed in by their session, other clients send a
/// personal access token as <c>access_token</c>.
/// </summary>
public sealed class ReleaseHub(ActorResolver actors, CheckService checks) : Hub
{
    public const string Path = "/hubs/releases";

    public async Task JoinRelease(string project, string version)
    {
        var actor = await actors.ResolveAsync(Context.User ?? new System.Security.Claims.ClaimsPrincipal(), Context.ConnectionAborted);
        try
        {
            await checks.RequireFollowAsync(actor, project, version, Context.ConnectionAborted);
        }
        catch (DomainException e)
        {
            // The message names the rule (who may follow this release); no exception detail leaves the server.
            throw new HubException(e.Message);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(project, version), Context.ConnectionAborted);
    }

    public Task LeaveRelease(string project, string version) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(project, version), Context.ConnectionAborted);

    internal static string Group(string project, string version) => $"release:{project}/{version}";
}

/// <summary>The messages the hub sends.</summary>
public sealed record TaskChangedMessage(int TaskId, string TaskType, string Status, string? Project, string? Version, string? Revision, string? Path);

public sealed record ChecksPlannedMessage(string Project, string Version, string Revision, int Queued, int Reused);

public sealed record ReleaseDeletedMessage(string Project, string Version);

/// <summary>Forwards domain events to the clients that joined the release they concern.</summary>
public sealed class HubBridge(IHubContext<ReleaseHub> hub) : IDomainEventListener
{
    public Task OnEventAsync(DomainEvent domainEvent) => domainEvent switch
    {
        TaskChanged { ProjectName: { } project, VersionName: { } version } changed =>
            hub.Clients.Group(ReleaseHub.Group(project, version)).SendAsync("taskChanged", new TaskChangedMessage(
                changed.TaskId, changed.TaskType.ToString(), changed.Status.ToString(), project, version, changed.RevisionNumber, changed.PrimaryRelPath)),
        ChecksPlanned planned =>
            hub.Clients.Group(ReleaseHub.Group(planned.ProjectName, planned.VersionName)).SendAsync("checksPlanned", new ChecksPlannedMessage(
                planned.ProjectName, planned.VersionName, planned.RevisionNumber, planned.QueuedTaskIds.Count, planned.Reused)),
        ReleaseDeleted deleted =>
            hub.Clients.Group(ReleaseHub.Group(deleted.ProjectName, deleted.VersionName)).SendAsync("releaseDeleted",
                new ReleaseDeletedMessage(deleted.ProjectName, deleted.VersionName)),
        _ => Task.CompletedTask,
    };
}
