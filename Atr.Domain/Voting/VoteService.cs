using System.Globalization;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Mail;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Voting;

/// <summary>
/// The Vote phase: starting a vote on a draft's newest revision, casting votes, and resolving the vote, which moves
/// the release on to Finish or back to Compose. Every step writes its mail to the outbox in its own transaction.
/// </summary>
public sealed class VoteService(IDbContextFactory<AtrDbContext> factory, Outbox outbox, IDomainEventPublisher events, TimeProvider time)
{
    /// <summary>The longest vote Atr starts: 30 days.</summary>
    public const int MaxDurationHours = 720;

    /// <summary>The longest vote subject: replies add "Re: " and the result "[RESULT]".</summary>
    public const int MaxSubjectLength = OutboundMessage.SubjectMaxLength - 8;

    /// <summary>The committee whose members' votes bind in a podling's second round, when the podling names no parent.</summary>
    public const string Incubator = "incubator";

    /// <summary>The choices, defaults and blockers of the start-vote form (committee members and release managers).</summary>
    public async Task<VoteStartForm> StartFormAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
        RequireCaller(actor, release.Project.Committee, $"start a vote on {projectName} {version}");
        var policy = release.Project.Policy;
        var revision = release.LatestRevisionNumber;
        var files = revision is null ? 0 : await db.RevisionFiles.CountAsync(f => f.RevisionName == Revision.MakeName(release.Name, revision), cancellationToken);
        var readiness = await ReadinessAsync(db, release, revision, policy, cancellationToken);
        return new VoteStartForm(
            projectName,
            version,
            release.Project.DisplayName,
            revision,
            files,
            policy.PublicMailingLists,
            policy.MinHours,
            policy.ManualVote,
            DefaultSubject(release),
            policy.StartVoteTemplate,
            await ValuesAsync(db, release, actor, release.Project.Committee?.DisplayName ?? projectName, cancellationToken),
            readiness.Problems,
            readiness.Blockers);
    }

    /// <summary>
    /// Starts the vote: the release moves to Vote and the vote mail is queued, in one transaction, and only if
    /// <paramref name="request"/>'s revision is still the newest, the checks of it have finished and, under strict
    /// checking, none failed.
    /// </summary>
    public async Task<VoteRoundView> StartAsync(Actor actor, string projectName, string version, StartVoteRequest request, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken, tracked: true);
        var committee = release.Project.Committee;
        RequireCaller(actor, committee, $"start a vote on {projectName} {version}");
        var policy = release.Project.Policy;
        if (release.Phase == ReleasePhase.ReleaseCandidateDraft && release.LatestRevisionNumber != request.Revision)
        {
            throw new DomainException(
                $"Revision {release.LatestRevisionNumber} of {projectName} {version} appeared after revision {request.Revision}; review it and start the vote on it")
            { RuleKind = "precondition" };
        }

        if ((await ReadinessAsync(db, release, request.Revision, policy, cancellationToken)).Problems is { Count: > 0 } problems)
        {
            throw new DomainException(string.Join("; ", problems)) { RuleKind = release.Phase == ReleasePhase.ReleaseCandidateDraft ? "precondition" : "phase" };
        }

        ValidateDuration(request.DurationHours, policy.MinHours);
        var manual = policy.ManualVote;
        var lists = policy.PublicMailingLists;
        if (!manual && (request.MailingList is null || !lists.Contains(request.MailingList, StringComparer.OrdinalIgnoreCase)))
        {
            throw new DomainException(lists.Count == 0
                ? $"The release policy of {projectName} names no public mailing list for its votes (private lists are not for votes, which anyone may cast)"
                : $"A vote on {projectName} goes to one of its public mailing lists: {string.Join(", ", lists)}; '{request.MailingList}' is not one of them");
        }

        if (request.Subject?.Trim().Length > MaxSubjectLength)
        {
            throw new DomainException($"The subject must be at most {MaxSubjectLength} characters, so that replies and the result fit");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var subject = string.IsNullOrWhiteSpace(request.Subject) ? DefaultSubject(release) : request.Subject.Trim();
        var values = await ValuesAsync(db, release, actor, committee?.DisplayName ?? projectName, cancellationToken);
        var body = Render(request.Body is { Length: > 0 } custom ? custom : policy.StartVoteTemplate, values, request.DurationHours);
        var round = new VoteRound(release, 1, request.Revision, committee?.Name ?? projectName, manual ? null : request.MailingList!.Trim(),
            subject, body, request.DurationHours, manual, actor.UserId!, now);
        db.VoteRounds.Add(round);
        release.StartVote(now, manual);
        if (!manual)
        {
            round.CalledBy(outbox.Queue(db, MailKind.Vote, release.Name, actor, [round.MailingList!], subject, body, now).MessageId);
        }

        db.Audit(actor, now, "vote.start", nameof(Release), release.Describe(), committee?.Name,
            after: new { revision = request.Revision, mailingList = round.MailingList, durationHours = request.DurationHours, subject, manual });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Announce(release, mail: !manual);
        return View(round, []);
    }

    /// <summary>
    /// Casts the actor's vote in the open round; it binds when the actor is a member of the round's binding committee
    /// now, and replaces the actor's earlier vote in the round. The vote also goes to the thread as a reply.
    /// </summary>
    public async Task<BallotView> CastAsync(Actor actor, string projectName, string version, VoteValue value, string? comment, CancellationToken cancellationToken)
    {
        var voter = actor.RequireSignedIn($"vote on {projectName} {version}");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > Vote.CommentMaxLength)
        {
            throw new DomainException($"A comment must be at most {Vote.CommentMaxLength:N0} characters; it has {comment.Length:N0}");
        }

        if (!Enum.IsDefined(value))
        {
            throw new DomainException("A vote is +1, 0 or -1");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken, tracked: true);
        var round = await OpenRoundAsync(db, release, "vote on", cancellationToken);
        if (round.Manual)
        {
            throw new DomainException($"The vote on {projectName} {version} is held outside Atr; vote in its mailing list thread");
        }

        var binding = await db.Committees.AsNoTracking()
            .Where(c => c.Name == round.BindingCommittee)
            .Select(c => c.CommitteeMembers)
            .SingleOrDefaultAsync(cancellationToken) is { } members && members.Contains(voter);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var earlier in round.Votes.Where(v => v.Voter == voter && v.Replaced is null))
        {
            earlier.ReplaceAt(now);
        }

        var name = actor.FullName is { Length: > 0 } fullName ? fullName : voter;
        var vote = new Vote(round, voter, name, value, binding, comment, now);
        round.Votes.Add(vote);
        var text = $"{value.Label()} ({voter}) {name}{(binding ? " (binding)" : "")}\n" + (comment is null ? "" : $"\n{comment}\n");
        outbox.Queue(db, MailKind.VoteCast, release.Name, actor, [round.MailingList!], "Re: " + round.Subject, text, now,
            MailThread.Of(round.MessageId!));
        db.Audit(actor, now, "vote.cast", nameof(Release), release.Describe(), release.Project.CommitteeName,
            after: new { round = round.Stage, value = value.Label(), binding, comment });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Announce(release, mail: true);
        return Ballot(vote);
    }

    /// <summary>
    /// Resolves the open round (committee members). A pass needs the round's duration elapsed and the tally to pass,
    /// except for a vote held outside Atr, whose outcome and thread links are recorded as given. A podling's passed
    /// first round starts the incubator's round; any other pass moves the release to Finish with a new revision, and a
    /// failure moves it back to Compose. The result goes to the thread.
    /// </summary>
    public async Task<VoteRoundView> ResolveAsync(Actor actor, string projectName, string version, ResolveVoteRequest request, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken, tracked: true);
        var committee = release.Project.Committee;
        var round = await OpenRoundAsync(db, release, "resolve the vote on", cancellationToken);
        if (!(round.Stage == 2 && await IsMemberAsync(db, actor, round.BindingCommittee, cancellationToken)))
        {
            actor.Require(AccessLevel.Member, committee, $"resolve the vote on {projectName} {version}");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var tally = VoteTally.Of(round.Votes);
        if (round.Manual)
        {
            RequireThreadUrl(request.VoteThreadUrl, "vote thread");
            RequireThreadUrl(request.ResultThreadUrl, "result thread");
        }
        else if (request.Passed && now < round.Ends)
        {
            throw new DomainException(
                $"The vote on {projectName} {version} runs for {round.DurationHours} hours; it cannot pass for another {VoteTemplates.Duration(round.Ends - now)} (until {round.Ends:yyyy-MM-dd HH:mm} UTC)")
            { RuleKind = "precondition" };
        }
        else if (request.Passed && !tally.Passes)
        {
            throw new DomainException(
                $"The vote on {projectName} {version} has {tally.Describe()}; to pass it needs at least {VoteTally.RequiredBindingFor} binding +1 and more binding +1 than binding -1")
            { RuleKind = "precondition" };
        }

        round.Resolve(request.Passed, actor.UserId!, now, request.VoteThreadUrl?.Trim(), request.ResultThreadUrl?.Trim());
        var summary = round.Manual ? "Held outside Atr" : tally.Describe();
        release.RecordVote(new VoteEntry(request.Passed, summary, tally.BindingFor, tally.For, round.Started, now));
        if (!round.Manual)
        {
            var result = ResultBody(release, round, tally, request.Passed, actor);
            outbox.Queue(db, MailKind.VoteResult, release.Name, actor, [round.MailingList!], "[RESULT]" + round.Subject, result, now,
                MailThread.Of(round.MessageId!));
            if (round.Stage == 2 && request.Passed && await FirstRoundAsync(db, release, cancellationToken) is { MessageId: { } first } firstRound)
            {
                outbox.Queue(db, MailKind.VoteResult, release.Name, actor, [firstRound.MailingList!], "[RESULT]" + firstRound.Subject, result, now,
                    MailThread.Of(first));
            }
        }

        if (request.Passed && round.Stage == 1 && committee is { IsPodling: true })
        {
            release.RecordPodlingVotePassed(round.MessageId!);
            var incubator = committee.ParentCommitteeName ?? Incubator;
            var incubatorName = (await db.Committees.AsNoTracking().SingleOrDefaultAsync(c => c.Name == incubator, cancellationToken))?.DisplayName ?? "Incubator";
            var values = await ValuesAsync(db, release, actor, incubatorName, cancellationToken);
            var body = Render(release.Project.Policy.StartVoteTemplate, values, round.DurationHours);
            var second = new VoteRound(release, 2, round.RevisionNumber, incubator, $"general@{incubator}.apache.org", round.Subject, body,
                round.DurationHours, manual: false, actor.UserId!, now);
            db.VoteRounds.Add(second);
            second.CalledBy(outbox.Queue(db, MailKind.Vote, release.Name, actor, [second.MailingList!], second.Subject, body, now).MessageId);
        }
        else
        {
            release.ResolveVote(request.Passed, now);
            if (request.Passed)
            {
                var manifest = await RevisionWriter.LoadManifestAsync(db, release, cancellationToken);
                await RevisionWriter.InsertAsync(db, release, actor, now, $"The vote passed ({summary}); the files are ready to finish",
                    manifest, new Manifest(manifest.Files), cancellationToken);
            }
        }

        db.Audit(actor, now, "vote.resolve", nameof(Release), release.Describe(), committee?.Name,
            after: new { round = round.Stage, passed = request.Passed, tally = summary, phase = release.Phase.SeedName() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Announce(release, mail: !round.Manual);
        return View(round, []);
    }

    /// <summary>
    /// Lets the open round run <paramref name="hours"/> longer (whoever called it, or a committee member): it can pass
    /// that much later. The thread is told.
    /// </summary>
    public async Task<VoteRoundView> ExtendAsync(Actor actor, string projectName, string version, int hours, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken, tracked: true);
        var round = await OpenRoundAsync(db, release, "extend the vote on", cancellationToken);
        RequireCallerOrMember(actor, round, release.Project.Committee, $"extend the vote on {projectName} {version}");
        var most = MaxDurationHours - round.DurationHours;
        if (hours < 1 || hours > most)
        {
            throw new DomainException(most < 1
                ? $"The vote on {projectName} {version} already runs {MaxDurationHours} hours, the most a vote runs"
                : $"A vote is extended by 1 to {most} hours (a vote runs at most {MaxDurationHours} hours); {hours} is not");
        }

        var now = time.GetUtcNow().UtcDateTime;
        round.Extend(hours);
        if (!round.Manual)
        {
            outbox.Queue(db, MailKind.VoteNotice, release.Name, actor, [round.MailingList!], "Re: " + round.Subject,
                $"The vote is extended by {hours} hours: it runs until {round.Ends:yyyy-MM-dd HH:mm} UTC, {round.DurationHours} hours in all.\n\n{Signer(actor)}\n",
                now, MailThread.Of(round.MessageId!));
        }

        db.Audit(actor, now, "vote.extend", nameof(Release), release.Describe(), release.Project.CommitteeName,
            after: new { round = round.Stage, hours, durationHours = round.DurationHours, ends = round.Ends });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Announce(release, mail: !round.Manual);
        return View(round, []);
    }

    /// <summary>
    /// Calls off the open round (whoever called it, or a committee member): the release returns to Compose, the votes
    /// are kept, and the thread is told, with the reason when one is given.
    /// </summary>
    public async Task<VoteRoundView> CancelAsync(Actor actor, string projectName, string version, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken, tracked: true);
        var round = await OpenRoundAsync(db, release, "cancel the vote on", cancellationToken);
        RequireCallerOrMember(actor, round, release.Project.Committee, $"cancel the vote on {projectName} {version}");
        var now = time.GetUtcNow().UtcDateTime;
        var tally = VoteTally.Of(round.Votes);
        round.Cancel(actor.UserId!, now);
        release.RecordVote(new VoteEntry(false, $"Cancelled ({(round.Manual ? "held outside Atr" : tally.Describe())})", tally.BindingFor, tally.For, round.Started, now));
        release.ResolveVote(passed: false, now);
        var why = reason?.Trim() is { Length: > 0 } given ? given : null;
        if (!round.Manual)
        {
            outbox.Queue(db, MailKind.VoteNotice, release.Name, actor, [round.MailingList!], "[CANCEL]" + round.Subject,
                $"The vote is cancelled{(why is null ? "" : $": {why}")}.\nThe release candidate goes back to be composed again; the votes cast are kept.\n\n{Signer(actor)}\n",
                now, MailThread.Of(round.MessageId!));
        }

        db.Audit(actor, now, "vote.cancel", nameof(Release), release.Describe(), release.Project.CommitteeName,
            after: new { round = round.Stage, reason = why, tally = tally.Describe(), phase = release.Phase.SeedName() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Announce(release, mail: !round.Manual);
        return View(round, []);
    }

    /// <summary>Every round of the release's votes with their tallies and votes; public, as the votes are.</summary>
    public async Task<ReleaseVoting> VotingAsync(string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
        var rounds = await db.VoteRounds.AsNoTracking().Include(r => r.Votes)
            .Where(r => r.ReleaseName == release.Name)
            .OrderByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        var messageIds = rounds.Where(r => r.MessageId is not null).Select(r => r.MessageId).ToList();
        var mail = await db.OutboundMessages.AsNoTracking()
            .Where(m => messageIds.Contains(m.MessageId))
            .ToDictionaryAsync(m => m.MessageId, m => m.Status, cancellationToken);
        var views = rounds.Select(r => View(r, mail)).ToList();
        return new ReleaseVoting(
            projectName,
            version,
            release.Project.DisplayName,
            release.Project.CommitteeName ?? projectName,
            release.Project.Committee?.IsPodling == true,
            release.Phase,
            release.Phase == ReleasePhase.ReleaseCandidate ? views.FirstOrDefault(v => v.IsOpen) : null,
            views);
    }

    private static VoteRoundView View(VoteRound round, Dictionary<string, OutboundStatus> mail) => new(
        round.Id,
        round.Stage,
        round.RevisionNumber,
        round.BindingCommittee,
        round.MailingList,
        round.Subject,
        round.Body,
        round.DurationHours,
        round.Manual,
        round.StartedBy,
        round.Started,
        round.Ends,
        round.Resolved,
        round.Passed,
        round.ResolvedBy,
        round.VoteThreadUrl,
        round.ResultThreadUrl,
        VoteTally.Of(round.Votes),
        round.Votes.OrderByDescending(v => v.Cast).ThenByDescending(v => v.Id).Select(Ballot).ToList(),
        round.MessageId is { } id && mail.TryGetValue(id, out var status) ? status : round.Manual ? null : OutboundStatus.Queued);

    private static BallotView Ballot(Vote vote) => new(vote.Voter, vote.VoterName, vote.Value, vote.Binding, vote.Comment, vote.Cast, vote.Replaced);

    /// <summary>Committee members, the committee's release managers, and administrators call votes.</summary>
    private static void RequireCaller(Actor actor, Committee? committee, string action)
    {
        var releaseManager = actor.UserId is { } user && committee?.ReleaseManagers.Contains(user) == true;
        if (!releaseManager)
        {
            actor.Require(AccessLevel.Member, committee, action);
        }
    }

    /// <summary>Whoever called the round, or a member of the committee (or of the incubator, for its own round).</summary>
    private static void RequireCallerOrMember(Actor actor, VoteRound round, Committee? committee, string action)
    {
        if (actor.UserId != round.StartedBy && !actor.MemberOf.Contains(round.BindingCommittee))
        {
            actor.Require(AccessLevel.Member, committee, action);
        }
    }

    private static string Signer(Actor actor) => actor.FullName is { Length: > 0 } name ? $"{name} ({actor.UserId})" : actor.UserId!;

    private static async Task<bool> IsMemberAsync(AtrDbContext db, Actor actor, string committee, CancellationToken cancellationToken) =>
        actor.UserId is { } user
        && await db.Committees.AsNoTracking().Where(c => c.Name == committee).Select(c => c.CommitteeMembers).SingleOrDefaultAsync(cancellationToken) is { } members
        && members.Contains(user);

    /// <summary>
    /// Why the revision cannot go to a vote now (empty when it can), and under strict checking every result that
    /// blocks it: each file's failure or error that no ignore rule covers, and any finding in an archive member whose
    /// file's own result is not one.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Problems, IReadOnlyList<CheckResultView> Blockers)> ReadinessAsync(
        AtrDbContext db, Release release, string? revision, EffectiveReleasePolicy policy, CancellationToken cancellationToken)
    {
        var name = $"{release.ProjectName} {release.Version}";
        if (release.Phase != ReleasePhase.ReleaseCandidateDraft)
        {
            return ([$"{name} is in the {release.Phase.StepName()} phase; a vote starts from Compose"], []);
        }

        if (revision is null || !await db.RevisionFiles.AnyAsync(f => f.RevisionName == Revision.MakeName(release.Name, revision), cancellationToken))
        {
            return ([$"Revision {revision ?? "00001"} of {name} has no files; upload the release's files first"], []);
        }

        var problems = new List<string>();
        if (policy.ManualVote && release.Project.Committee?.IsPodling == true)
        {
            problems.Add($"{name} is a podling's release: its votes are held in Atr, so the policy's manual vote does not apply; ask an administrator to turn it off");
        }

        if (policy.SourceArtifactPaths.Count > 0)
        {
            var sources = new GitIgnorePatterns(policy.SourceArtifactPaths);
            var paths = await db.RevisionFiles.AsNoTracking().Where(f => f.RevisionName == Revision.MakeName(release.Name, revision)).Select(f => f.Path)
                .ToListAsync(cancellationToken);
            if (!paths.Any(sources.IsMatch))
            {
                problems.Add($"No file of revision {revision} matches the policy's source artifact patterns ({string.Join(", ", policy.SourceArtifactPaths)}): a release carries its source");
            }
        }

        var (pending, crashed, failures) = await CheckService.ReadinessAsync(db, release, revision, cancellationToken);
        if (pending > 0)
        {
            problems.Add($"{pending} {(pending == 1 ? "check" : "checks")} of revision {revision} {(pending == 1 ? "is" : "are")} still queued or running; the vote can start when they finish");
        }

        if (policy.StrictChecking && crashed > 0)
        {
            problems.Add($"Strict checking is on for {release.ProjectName}, and {crashed} {(crashed == 1 ? "check" : "checks")} of revision {revision} could not run to the end; retry the failed checks");
        }

        if (!policy.StrictChecking)
        {
            return (problems, []);
        }

        var fileResults = failures.Where(f => f.MemberRelPath is null).Select(f => (f.TaskId, f.Checker, f.PrimaryRelPath)).ToHashSet();
        var candidates = failures.Where(f => f.MemberRelPath is null || !fileResults.Contains((f.TaskId, f.Checker, f.PrimaryRelPath))).ToList();
        var blockers = candidates.Where(f => !f.Ignored)
            .OrderBy(f => f.PrimaryRelPath, StringComparer.Ordinal).ThenBy(f => f.Checker, StringComparer.Ordinal).ThenBy(f => f.MemberRelPath, StringComparer.Ordinal)
            .ToList();
        if (blockers.Count > 0)
        {
            var failed = blockers.Count(b => b.Status == CheckResultStatus.Failure);
            var errors = blockers.Count - failed;
            var counts = string.Join(" and ", new[] { failed > 0 ? Plural(failed, "failed result") : null, errors > 0 ? Plural(errors, "error") : null }.OfType<string>());
            var ignored = candidates.Count - blockers.Count;
            var files = blockers.GroupBy(b => b.PrimaryRelPath ?? "the revision")
                .Select(g => $"{g.Key} ({string.Join(", ", g.Select(b => b.Checker).Distinct(StringComparer.Ordinal))})");
            problems.Add(
                $"Strict checking is on for {release.ProjectName}, and revision {revision} has {counts} that no ignore rule covers"
                + (ignored > 0 ? $" ({ignored} more {(ignored == 1 ? "is" : "are")} ignored by the committee's rules)" : "") + $": {string.Join(", ", files)}");
        }

        return (problems, blockers);
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static void ValidateDuration(int hours, int minHours)
    {
        if (hours < minHours)
        {
            throw new DomainException($"A vote must run at least {minHours} hours, as the release policy says; {hours} is too short");
        }

        if (hours > MaxDurationHours)
        {
            throw new DomainException($"A vote runs at most {MaxDurationHours} hours (30 days); {hours} is too long");
        }
    }

    private static void RequireThreadUrl(string? url, string what)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || url.Length > VoteRound.UrlMaxLength)
        {
            throw new DomainException($"A vote held outside Atr is resolved with the https address of its {what}; '{url}' is not one");
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ValuesAsync(
        AtrDbContext db, Release release, Actor actor, string committeeDisplayName, CancellationToken cancellationToken)
    {
        var committee = release.Project.Committee;
        var committeeName = committee?.Name ?? release.ProjectName;
        var keysPath = $"/downloads/{Committee.DownloadAreaOf(committeeName, committee?.IsPodling == true)}/KEYS";
        var hasKeys = await db.KeyLinks.AnyAsync(k => k.CommitteeName == committeeName, cancellationToken);
        return new Dictionary<string, string>
        {
            ["[COMMITTEE]"] = committeeDisplayName,
            ["[KEYS_FILE]"] = hasKeys ? outbox.Settings.LinkTo(keysPath) : "[Sorry, the KEYS file is missing!]",
            ["[PROJECT]"] = release.Project.ShortDisplayName,
            ["[RELEASE_CHECKLIST]"] = release.Project.Policy.ReleaseChecklist,
            ["[REVIEW_URL]"] = outbox.Settings.LinkTo($"/releases/{release.ProjectName}/{release.Version}/vote"),
            ["[VERSION]"] = release.Version,
            ["[YOUR_ASF_ID]"] = actor.UserId ?? "",
            ["[YOUR_FULL_NAME]"] = actor.FullName is { Length: > 0 } name ? name : actor.UserId ?? "",
        };
    }

    private static string Render(string template, IReadOnlyDictionary<string, string> values, int hours) =>
        VoteTemplates.Render(template, new Dictionary<string, string>(values) { ["[DURATION]"] = hours.ToString(CultureInfo.InvariantCulture) });

    private static string DefaultSubject(Release release) => $"[VOTE] Release {release.Project.DisplayName} {release.Version}";

    private static string ResultBody(Release release, VoteRound round, VoteTally tally, bool passed, Actor actor)
    {
        var current = round.Votes.Where(v => v.Replaced is null).OrderBy(v => v.Cast).ToList();
        string List(bool binding) => string.Join("\n", current.Where(v => v.Binding == binding)
            .Select(v => $"  {v.Value.Label()} {v.VoterName} ({v.Voter})"));
        var binding = List(true);
        var others = List(false);
        return $"""
            The vote to release {release.Project.DisplayName} {release.Version} (revision {round.RevisionNumber}) has {(passed ? "passed" : "failed")}, with {tally.Describe()}.

            Binding votes:
            {(binding.Length == 0 ? "  none" : binding)}

            Non-binding votes:
            {(others.Length == 0 ? "  none" : others)}

            -- 
            {(actor.FullName is { Length: > 0 } name ? name : actor.UserId)} ({actor.UserId})

            """;
    }

    private static async Task<VoteRound> OpenRoundAsync(AtrDbContext db, Release release, string action, CancellationToken cancellationToken)
    {
        if (release.Phase != ReleasePhase.ReleaseCandidate)
        {
            throw new DomainException(
                $"{release.ProjectName} {release.Version} is in the {release.Phase.StepName()} phase; to {action} it it must be in the Vote phase")
            { RuleKind = "phase" };
        }

        return await db.VoteRounds.Include(r => r.Votes)
                .Where(r => r.ReleaseName == release.Name && r.Resolved == null)
                .OrderByDescending(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException($"{release.ProjectName} {release.Version} has no open vote") { RuleKind = "phase" };
    }

    private static Task<VoteRound?> FirstRoundAsync(AtrDbContext db, Release release, CancellationToken cancellationToken) =>
        db.VoteRounds.AsNoTracking()
            .Where(r => r.ReleaseName == release.Name && r.Stage == 1 && r.MessageId == release.PodlingThreadId)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);


    private void Announce(Release release, bool mail)
    {
        events.Publish(new VoteChanged(release.ProjectName, release.Version));
        if (mail)
        {
            events.Publish(new MailQueued());
        }
    }
}
