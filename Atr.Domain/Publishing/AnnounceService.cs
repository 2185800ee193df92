using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Mail;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Publishing;

/// <summary>
/// Announcing a finished release, which publishes its files. The order makes a crash harmless: the publication is
/// recorded first; the files are placed in a staging folder under <c>state/downloads</c> and moved into place with one
/// rename; only then, in one transaction, the release becomes published and the announcement is queued. Files are
/// served only for published releases, a download folder is never reused, and so no file is ever overwritten.
/// </summary>
public sealed class AnnounceService(
    IDbContextFactory<AtrDbContext> factory,
    ArtifactStore store,
    Outbox outbox,
    AtrDomainSettings settings,
    IDomainEventPublisher events,
    TimeProvider time,
    ILogger<AnnounceService> logger) : IDisposable
{
    /// <summary>The list announcements may also go to, besides the project's own lists.</summary>
    public const string AnnounceList = "announce@apache.org";

    /// <summary>The folder published files live in (<c>state/downloads</c>).</summary>
    public string DownloadsDirectory { get; } = Path.Combine(settings.StateDirectory, "downloads");

    private string StagingDirectory => Path.Combine(DownloadsDirectory, ".staging");

    private readonly SemaphoreSlim _publishing = new(1, 1);

    /// <summary>Runs before each step; tests make it throw to stop a publication half-way.</summary>
    internal Func<PublishStep, Task> BeforeStep { get; set; } = _ => Task.CompletedTask;

    public void Dispose() => _publishing.Dispose();

    /// <summary>The choices, defaults and blockers of the announce form (committee members).</summary>
    public async Task<AnnounceForm> FormAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
        var manager = await RequireAnnouncerAsync(db, release, actor, cancellationToken);
        var revision = release.LatestRevisionNumber;
        var controls = ReleasePath.ControlFolder + "/";
        var files = revision is null
            ? 0
            : await db.RevisionFiles.CountAsync(f => f.RevisionName == Revision.MakeName(release.Name, revision) && !f.Path.StartsWith(controls), cancellationToken);
        var problems = new List<string>();
        if (release.Phase != ReleasePhase.ReleasePreview)
        {
            problems.Add($"{projectName} {version} is in the {release.Phase.StepName()} phase; a release is announced from Finish");
        }
        else if (files == 0)
        {
            problems.Add($"Revision {revision} of {projectName} {version} has no files to publish");
        }

        if (PausedFor(release, actor, manager) is { } paused)
        {
            problems.Add(paused);
        }

        var pending = await PendingAsync(db, release, cancellationToken);
        return new AnnounceForm(
            projectName,
            version,
            release.Project.DisplayName,
            revision,
            files,
            MailingLists(release),
            DefaultSubject(release),
            release.Project.Policy.AnnounceReleaseTemplate,
            DefaultPath(release),
            outbox.Settings.LinkTo("/downloads/" + CommitteeArea(release)),
            Values(release, actor),
            problems,
            pending is null ? null : $"The announcement {pending.RequestedBy} made {pending.Requested:yyyy-MM-dd HH:mm} UTC did not complete; announcing completes it as it was made");
    }

    /// <summary>
    /// Publishes the newest revision under the committee's download area and queues the announcement (committee
    /// members, release in Finish). When an earlier announcement of the release did not complete, that one is
    /// completed instead.
    /// </summary>
    public async Task<Published> AnnounceAsync(Actor actor, string projectName, string version, AnnounceRequest request, CancellationToken cancellationToken)
    {
        Publication publication;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var release = await db.FindReleaseAsync(projectName, version, cancellationToken, tracked: true);
            var manager = await RequireAnnouncerAsync(db, release, actor, cancellationToken);
            if (PausedFor(release, actor, manager) is { } paused)
            {
                throw new DomainException(paused) { RuleKind = "precondition" };
            }

            if (await PendingAsync(db, release, cancellationToken) is { } pending)
            {
                publication = pending;
            }
            else
            {
                publication = await RecordAsync(db, release, actor, request, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        // Once recorded, the publication runs to its end even if the caller goes away: a half-placed folder waits for
        // nobody. An IO failure leaves it recorded, for the next announce or start to complete.
        try
        {
            return await PublishAsync(publication.Id, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Publication {Id} of {Project} {Version} stopped", publication.Id, projectName, version);
            throw new DomainException(
                $"The files of {projectName} {version} could not be placed ({e.Message}); the announcement is recorded and completes when you announce again or when Atr next starts",
                e);
        }
    }

    /// <summary>Completes every publication a crash or an error left unfinished; returns how many it completed.</summary>
    public async Task<int> ResumePendingAsync(CancellationToken cancellationToken)
    {
        List<int> pending;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            pending = await db.Publications.Where(p => p.Completed == null).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        var completed = 0;
        foreach (var id in pending)
        {
            try
            {
                await PublishAsync(id, cancellationToken);
                completed++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Publication {Id} could not be completed", id);
            }
        }

        return completed;
    }

    /// <summary>The folder part of a download path, normalised to "/a/b/"; null for empty input.</summary>
    public static string? NormalisePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var trimmed = path.Trim();
        if (trimmed.Contains("//", StringComparison.Ordinal))
        {
            throw new DomainException($"The download path '{trimmed}' has an empty folder name (//)");
        }

        var inner = trimmed.Trim('/');
        if (inner.Length == 0)
        {
            throw new DomainException("A release is published in a folder of its own, not at the top of the committee's download area");
        }

        ReleasePath.Validate(inner);
        if (inner.Split('/').Any(segment => segment.StartsWith('.')))
        {
            throw new DomainException($"The download path '{trimmed}' has a folder starting with '.'");
        }
        return $"/{inner}/";
    }

    /// <summary>
    /// Throws unless the actor may announce: committee members may; under the policy's "pause for the release
    /// manager", so may whoever called the vote as one of the committee's release managers. Returns that caller.
    /// </summary>
    private static async Task<string?> RequireAnnouncerAsync(AtrDbContext db, Release release, Actor actor, CancellationToken cancellationToken)
    {
        var manager = release.Project.Policy.PauseForRm
            ? await db.VoteRounds.AsNoTracking()
                .Where(r => r.ReleaseName == release.Name && r.Stage == 1 && r.Passed == true)
                .OrderByDescending(r => r.Id)
                .Select(r => r.StartedBy)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var calledAsReleaseManager = manager is not null && manager == actor.UserId && release.Project.Committee?.ReleaseManagers.Contains(manager) == true;
        if (!calledAsReleaseManager)
        {
            actor.Require(AccessLevel.Member, release.Project.Committee, $"announce {release.ProjectName} {release.Version}");
        }

        return manager;
    }

    /// <summary>
    /// Under the policy's "pause for the release manager", why the actor may not announce: after the vote, the release
    /// waits for <paramref name="manager"/>, who called it (administrators excepted). Null when the actor may.
    /// </summary>
    private static string? PausedFor(Release release, Actor actor, string? manager) =>
        !release.Project.Policy.PauseForRm || actor.IsAdmin || manager is null || manager == actor.UserId
            ? null
            : $"The policy of {release.ProjectName} pauses after the vote for its release manager, {manager}: they (or an administrator) announce it";

    private async Task<Publication> RecordAsync(AtrDbContext db, Release release, Actor actor, AnnounceRequest request, CancellationToken cancellationToken)
    {
        var name = $"{release.ProjectName} {release.Version}";
        if (release.Phase != ReleasePhase.ReleasePreview)
        {
            throw new DomainException($"{name} is in the {release.Phase.StepName()} phase; a release is announced from Finish") { RuleKind = "phase" };
        }

        var revision = request.Revision ?? release.LatestRevisionNumber ?? "";
        if (release.LatestRevisionNumber != revision)
        {
            throw new DomainException($"Revision {release.LatestRevisionNumber} of {name} appeared after revision {request.Revision}; review it and announce it")
            { RuleKind = "precondition" };
        }

        if (!await db.RevisionFiles.AnyAsync(f => f.RevisionName == Revision.MakeName(release.Name, revision), cancellationToken))
        {
            throw new DomainException($"Revision {revision} of {name} has no files to publish") { RuleKind = "precondition" };
        }

        var lists = MailingLists(release);
        if (!lists.Contains(request.MailingList, StringComparer.OrdinalIgnoreCase))
        {
            throw new DomainException($"An announcement of {release.ProjectName} goes to one of {string.Join(", ", lists)}; '{request.MailingList}' is not one of them");
        }

        var path = NormalisePath(request.DownloadPath) ?? DefaultPath(release);
        var folder = CommitteeArea(release) + path.TrimEnd('/');
        if (Directory.Exists(Path.Combine(DownloadsDirectory, folder))
            || await db.Publications.AnyAsync(p => p.DownloadFolder == folder || folder.StartsWith(p.DownloadFolder + "/") || p.DownloadFolder.StartsWith(folder + "/"),
                cancellationToken))
        {
            throw new DomainException($"/downloads/{folder}/ is taken: published files are never replaced, so choose another download path")
            { RuleKind = "precondition" };
        }

        var subject = string.IsNullOrWhiteSpace(request.Subject) ? DefaultSubject(release) : request.Subject.Trim();
        var values = new Dictionary<string, string>(Values(release, actor)) { ["[DOWNLOAD_URL]"] = outbox.Settings.LinkTo($"/downloads/{folder}/") };
        var body = VoteTemplates.Render(request.Body is { Length: > 0 } custom ? custom : release.Project.Policy.AnnounceReleaseTemplate, values);
        outbox.Validate([request.MailingList], subject, body);
        var publication = new Publication(release, revision, folder, request.MailingList.Trim(), subject, body, actor.UserId!, actor.FullName,
            actor.Email, time.GetUtcNow().UtcDateTime);
        db.Publications.Add(publication);
        return publication;
    }

    /// <summary>Steps 2 to 4: place the files in staging, rename the staging folder into place, mark the release published.</summary>
    /// <param name="at">When the release counts as published; now unless given (the demo's releases are older).</param>
    internal async Task<Published> PublishAsync(int publicationId, CancellationToken cancellationToken, DateTime? at = null)
    {
        // One publication at a time in this process, so that two announcements of one release never share its staging
        // folder. (Several nodes would claim the publication in the database instead.)
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            return await PublishAloneAsync(publicationId, at, cancellationToken);
        }
        finally
        {
            _publishing.Release();
        }
    }

    private async Task<Published> PublishAloneAsync(int publicationId, DateTime? at, CancellationToken cancellationToken)
    {
        Publication publication;
        Manifest manifest;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            publication = await db.Publications.AsNoTracking().SingleAsync(p => p.Id == publicationId, cancellationToken);
            if (publication.Completed is not null)
            {
                var count = await db.RevisionFiles.CountAsync(
                    f => f.RevisionName == Revision.MakeName(publication.ReleaseName, publication.RevisionNumber) && !f.Path.StartsWith(ReleasePath.ControlFolder + "/"),
                    cancellationToken);
                return new Published(outbox.Settings.LinkTo($"/downloads/{publication.DownloadFolder}/"), count);
            }

            // Atr's control files (.atr/) are for the checks, not for users.
            var files = await RevisionWriter.LoadManifestAsync(db, Revision.MakeName(publication.ReleaseName, publication.RevisionNumber), cancellationToken);
            manifest = new Manifest(files.Files.Where(f => !ReleasePath.IsControlFile(f.Path)));
        }

        var target = Path.Combine(DownloadsDirectory, publication.DownloadFolder);
        if (!Placed(target, manifest))
        {
            await BeforeStep(PublishStep.Materialise);
            var staging = Path.Combine(StagingDirectory, publication.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            foreach (var file in manifest.Files)
            {
                var path = Path.Combine(staging, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                HardLinks.LinkOrCopy(store.PathOf(file.Sha256), path);
            }

            await BeforeStep(PublishStep.Rename);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(staging, target);
        }

        await BeforeStep(PublishStep.MarkPublished);
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var pending = await db.Publications.SingleAsync(p => p.Id == publicationId, cancellationToken);
            var release = await db.Releases.Include(r => r.Project).SingleAsync(r => r.Name == pending.ReleaseName, cancellationToken);
            var now = at ?? time.GetUtcNow().UtcDateTime;
            release.Announce(now, pending.DownloadFolder);
            pending.Complete(now);
            var author = new Actor { UserId = pending.RequestedBy, FullName = pending.RequestedByName, Email = pending.RequestedByEmail };
            outbox.Queue(db, MailKind.Announcement, release.Name, author, [pending.MailingList], pending.Subject, pending.Body, now);
            db.Audit(author, now, "release.announce", nameof(Release), release.Describe(), release.Project.CommitteeName,
                after: new { revision = pending.RevisionNumber, downloads = $"/downloads/{pending.DownloadFolder}/", files = manifest.Count, mailingList = pending.MailingList });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            events.Publish(new ReleasePublished(release.ProjectName, release.Version));
            events.Publish(new MailQueued());
        }

        return new Published(outbox.Settings.LinkTo($"/downloads/{publication.DownloadFolder}/"), manifest.Count);
    }

    /// <summary>Whether the folder holds exactly the revision's files: a publication stopped after its rename.</summary>
    private static bool Placed(string target, Manifest manifest) =>
        Directory.Exists(target)
        && manifest.Files.All(f => new FileInfo(Path.Combine(target, f.Path)) is { Exists: true } info && info.Length == f.Size)
        && Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count() == manifest.Count;

    private static Task<Publication?> PendingAsync(AtrDbContext db, Release release, CancellationToken cancellationToken) =>
        db.Publications.AsNoTracking().Where(p => p.ReleaseName == release.Name && p.Completed == null).OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);

    private static IReadOnlyList<string> MailingLists(Release release) =>
        [.. release.Project.Policy.PublicMailingLists, AnnounceList];

    /// <summary>The committee's download area: "widget", or "incubator/gizmo" for a podling.</summary>
    internal static string CommitteeArea(Release release) =>
        Committee.DownloadAreaOf(release.Project.CommitteeName ?? release.ProjectName, release.Project.Committee?.IsPodling == true);

    internal static string DefaultPath(Release release) => $"/{release.ProjectName}-{release.Version}/";

    private static string DefaultSubject(Release release) => $"[ANNOUNCE] {release.Project.DisplayName} {release.Version} released";

    private static Dictionary<string, string> Values(Release release, Actor actor) => new()
    {
        ["[COMMITTEE]"] = release.Project.Committee?.DisplayName ?? release.ProjectName,
        ["[PROJECT]"] = release.Project.ShortDisplayName,
        ["[VERSION]"] = release.Version,
        ["[YOUR_ASF_ID]"] = actor.UserId ?? "",
        ["[YOUR_FULL_NAME]"] = actor.FullName is { Length: > 0 } name ? name : actor.UserId ?? "",
    };

}
