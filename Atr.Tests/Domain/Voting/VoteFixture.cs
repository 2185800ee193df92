using Atr.Domain.Access;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Mail;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Voting;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Atr.Tests.Domain.Voting;

/// <summary>
/// A database with the incubator (members ian, ivy, iris), widget (members rita, mike, maria, matt; committer carl;
/// release manager rachel) and the podling gizmo (members paula, pete, pia), each with a project of the same name.
/// The release under test has an empty first revision and a second with files, and no checks.
/// </summary>
public sealed class VoteFixture : IAsyncDisposable
{
    private VoteFixture(TestDatabase database, RecordingPublisher events, string project)
    {
        Database = database;
        Events = events;
        Project = project;
    }

    public const string Version = "1.0.0";

    public TestDatabase Database { get; }

    public RecordingPublisher Events { get; }

    public string Project { get; }

    public VoteService Votes => Database.Get<VoteService>();

    public static CancellationToken Cancel => TestDatabase.CancellationToken;

    /// <param name="project">"widget" or the podling "gizmo".</param>
    /// <param name="files">The files of the second revision; by default an archive and its checksum.</param>
    public static async Task<VoteFixture> CreateAsync(string project = "widget", ReleasePolicy? policy = null, bool withRevision = true,
        Action<IServiceCollection>? configure = null, IReadOnlyList<string>? files = null)
    {
        var events = new RecordingPublisher();
        var database = await TestDatabase.CreateAsync(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IDomainEventPublisher>(events));
            configure?.Invoke(services);
        });
        await using (var db = await database.ContextAsync())
        {
            var incubator = new Committee("incubator", "Incubator");
            incubator.SetRoster(["ian", "ivy", "iris"], [], []);
            var widget = new Committee("widget");
            widget.SetRoster(["rita", "mike", "maria", "matt"], ["carl"], ["rachel"]);
            var gizmo = new Committee("gizmo", null, isPodling: true, parentCommitteeName: "incubator");
            gizmo.SetRoster(["paula", "pete", "pia"], [], []);
            db.Committees.AddRange(incubator, widget, gizmo);
            db.Projects.Add(new Atr.Domain.Projects.Project("widget", "Apache Widget", widget, Seed.Now, "rita")
                { ReleasePolicy = project == "widget" ? policy : null });
            db.Projects.Add(new Atr.Domain.Projects.Project("gizmo", "Apache Gizmo", gizmo, Seed.Now, "paula")
                { ReleasePolicy = project == "gizmo" ? policy : null });
            await db.SaveChangesAsync(Cancel);
        }

        var release = await Seed.ReleaseAsync(database, project, Version);
        await Seed.RevisionAsync(database, release);
        if (withRevision)
        {
            var paths = files ?? [$"{project}-1.0.0.tar.gz", $"{project}-1.0.0.tar.gz.sha512"];
            var entries = new List<ManifestEntry>();
            foreach (var path in paths)
            {
                var content = System.Text.Encoding.UTF8.GetBytes("content of " + path);
                var blob = await database.Get<ArtifactStore>().StoreAsync(new MemoryStream(content), content.Length, null, Cancel);
                entries.Add(new ManifestEntry(path, blob.Size, blob.Sha256, blob.Sha512));
            }

            await Seed.RevisionAsync(database, release, [.. entries]);
        }

        return new VoteFixture(database, events, project);
    }

    /// <summary>Votes the release through (three binding +1, duration elapsed): it is in Finish, with revision 00003.</summary>
    public async Task PassAsync()
    {
        await StartAsync();
        foreach (var member in new[] { "mike", "maria", "matt" })
        {
            await CastAsync(member, VoteValue.For);
        }

        Advance(TimeSpan.FromHours(72));
        await ResolveAsync("rita", passed: true);
    }

    public Task<Actor> ActorAsync(string user) => Database.Get<UserDirectory>().ResolveAsync(user, Cancel);

    public async Task<VoteRoundView> StartAsync(string user = "rita", int hours = 72, string? revision = "00002", string? list = null, string? subject = null,
        string? body = null) =>
        await Votes.StartAsync(await ActorAsync(user), Project, Version,
            new StartVoteRequest(revision!, list ?? $"dev@{Project}.apache.org", hours, subject, body), Cancel);

    public async Task<BallotView> CastAsync(string user, VoteValue value, string? comment = null) =>
        await Votes.CastAsync(await ActorAsync(user), Project, Version, value, comment, Cancel);

    public async Task<VoteRoundView> ResolveAsync(string user, bool passed, string? voteThread = null, string? resultThread = null) =>
        await Votes.ResolveAsync(await ActorAsync(user), Project, Version, new ResolveVoteRequest(passed, voteThread, resultThread), Cancel);

    public Task<ReleaseVoting> VotingAsync() => Votes.VotingAsync(Project, Version, Cancel);

    public void Advance(TimeSpan span) => Database.Time.Advance(span);

    public async Task<Release> ReleaseAsync()
    {
        await using var db = await Database.ContextAsync();
        return await db.Releases.AsNoTracking().SingleAsync(r => r.ProjectName == Project && r.Version == Version, Cancel);
    }

    public async Task<List<OutboundMessage>> OutboxAsync()
    {
        await using var db = await Database.ContextAsync();
        return await db.OutboundMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(Cancel);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
