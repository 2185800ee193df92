using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Distributions;
using Atr.Domain.Projects;
using Atr.Domain.Publishing;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Atr.Domain.Voting;
using Atr.Tests.Domain.Committees;
using Atr.Tests.Domain.Keys;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Access;

/// <summary>
/// Every domain operation that writes or reads non-public data, run by each kind of actor on a copy of the demo
/// database: allowed exactly when the actor's level reaches the operation's, and a refused call changes nothing.
/// A new operation joins by adding one line to <see cref="Operations"/>.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.Template template) : IClassFixture<AccessMatrixTests.Template>
{
    /// <summary>The actors of the matrix, from the demo data, with their level on the committee widget.</summary>
    public static readonly IReadOnlyList<(string? UserId, AccessLevel Level)> Actors =
    [
        (null, AccessLevel.Public),
        ("oscar", AccessLevel.Committer),
        ("carl", AccessLevel.Participant),
        (ReleaseManagerOnly, AccessLevel.Participant),
        ("mike", AccessLevel.Member),
        ("alice", AccessLevel.Admin),
    ];

    /// <summary>A release manager of widget who is neither its committer nor its member (added by <see cref="Template"/>).</summary>
    private const string ReleaseManagerOnly = "rick";

    /// <summary>Operations that a committee's release managers may run although they need a higher level (calling a vote).</summary>
    private static readonly HashSet<string> ReleaseManagerOperations = ["vote.start-form"];

    /// <summary>Each operation: its name, the level it needs, and how to run it as an actor.</summary>
    private static readonly IReadOnlyList<(string Name, AccessLevel Required, Func<TestDatabase, Actor, Task> Run)> Operations =
    [
        ("release.start", AccessLevel.Participant,
            (db, actor) => db.Get<ReleaseService>().StartAsync(actor, "widget", "3.0.0", TestDatabase.CancellationToken)),
        ("release.delete-draft", AccessLevel.Participant,
            (db, actor) => db.Get<ReleaseService>().DeleteDraftAsync(actor, "widget", "2.0.0-M1", TestDatabase.CancellationToken)),
        ("revision.upload", AccessLevel.Participant,
            async (db, actor) => await db.Get<RevisionService>().UploadAsync(actor, "widget", "2.0.0-M1",
                [new UploadedFile("extra.txt", await db.Get<ArtifactStore>().StoreAsync(new MemoryStream("extra"u8.ToArray()), 1024, null, TestDatabase.CancellationToken))],
                "the matrix", TestDatabase.CancellationToken)),
        ("revision.begin-upload", AccessLevel.Participant,
            async (db, actor) => await (await db.Get<RevisionService>().BeginUploadAsync(actor, "widget", "2.0.0-M1", "the matrix", TestDatabase.CancellationToken))
                .DisposeAsync()),
        ("revision.delete", AccessLevel.Participant,
            async (db, actor) => await db.Get<RevisionService>().DeleteAsync(actor, "widget", "2.0.0-M1", [await DraftFileAsync(db)], TestDatabase.CancellationToken)),
        ("revision.move", AccessLevel.Participant,
            async (db, actor) => await db.Get<RevisionService>().MoveAsync(actor, "widget", "2.0.0-M1", await DraftFileAsync(db), "moved/file", TestDatabase.CancellationToken)),
        ("revision.restore", AccessLevel.Participant,
            (db, actor) => db.Get<RevisionService>().RestoreAsync(actor, "widget", "2.0.0-M1", "00001", TestDatabase.CancellationToken)),
        ("revision.files (of a draft)", AccessLevel.Participant,
            (db, actor) => db.Get<RevisionService>().FilesAsync(actor, "widget", "2.0.0-M1", "latest", TestDatabase.CancellationToken)),
        ("revision.history (of a draft)", AccessLevel.Participant,
            (db, actor) => db.Get<RevisionService>().HistoryAsync(actor, "widget", "2.0.0-M1", TestDatabase.CancellationToken)),
        ("revision.compare (of a draft)", AccessLevel.Participant,
            (db, actor) => db.Get<RevisionService>().CompareAsync(actor, "widget", "2.0.0-M1", "00001", "00002", TestDatabase.CancellationToken)),
        ("key.add", AccessLevel.Committer,
            (db, actor) => db.Get<KeyService>().AddAsync(actor, KeyFixtures.Text("rsa4096.asc"), [], TestDatabase.CancellationToken)),
        ("key.add (linked to widget)", AccessLevel.Participant,
            (db, actor) => db.Get<KeyService>().AddAsync(actor, KeyFixtures.Text("rsa4096.asc"), ["widget"], TestDatabase.CancellationToken)),
        ("ignore.list", AccessLevel.Participant,
            (db, actor) => db.Get<IgnoreService>().ListAsync(actor, "widget", TestDatabase.CancellationToken)),
        ("ignore.add", AccessLevel.Member,
            (db, actor) => db.Get<IgnoreService>().AddAsync(actor, "widget", new IgnoreRuleInput(null, null, "paths", null, null, null, null), TestDatabase.CancellationToken)),
        ("token.create", AccessLevel.Committer,
            (db, actor) => db.Get<TokenService>().CreateAsync(actor, "matrix", 30, TestDatabase.CancellationToken)),
        ("token.list", AccessLevel.Committer,
            (db, actor) => db.Get<TokenService>().ListAsync(actor, TestDatabase.CancellationToken)),
        ("token.revoke (another user's)", AccessLevel.Admin,
            (db, actor) => db.Get<TokenService>().RevokeAsync(actor, RitasTokenId, TestDatabase.CancellationToken)),
        ("audit.search", AccessLevel.Admin,
            (db, actor) => db.Get<AuditService>().SearchAsync(actor, new AuditQuery(new PageRequest(0, 10)), TestDatabase.CancellationToken)),
        ("audit.actions", AccessLevel.Admin,
            (db, actor) => db.Get<AuditService>().ActionsAsync(actor, TestDatabase.CancellationToken)),
        ("checks.read", AccessLevel.Participant,
            (db, actor) => db.Get<CheckService>().RevisionChecksAsync(actor, "widget", "2.0.0-M1", "latest", TestDatabase.CancellationToken)),
        ("checks.retry", AccessLevel.Participant,
            (db, actor) => db.Get<CheckService>().RetryFailedAsync(actor, "widget", "2.0.0-M1", TestDatabase.CancellationToken)),
        ("checks.restart", AccessLevel.Admin,
            (db, actor) => db.Get<CheckService>().RestartAllAsync(actor, "widget", "2.0.0-M1", TestDatabase.CancellationToken)),
        ("vote.start-form", AccessLevel.Member,
            (db, actor) => db.Get<VoteService>().StartFormAsync(actor, "widget", "2.0.0-M1", TestDatabase.CancellationToken)),
        ("vote.cast", AccessLevel.Committer,
            (db, actor) => db.Get<VoteService>().CastAsync(actor, "widget", "1.2.0", VoteValue.For, null, TestDatabase.CancellationToken)),
        ("vote.resolve (failed)", AccessLevel.Member,
            (db, actor) => db.Get<VoteService>().ResolveAsync(actor, "widget", "1.2.0", new ResolveVoteRequest(false), TestDatabase.CancellationToken)),
        ("vote.extend", AccessLevel.Member,
            (db, actor) => db.Get<VoteService>().ExtendAsync(actor, "widget", "1.2.0", 24, TestDatabase.CancellationToken)),
        ("vote.cancel", AccessLevel.Member,
            (db, actor) => db.Get<VoteService>().CancelAsync(actor, "widget", "1.2.0", "matrix", TestDatabase.CancellationToken)),
        ("finish.restore", AccessLevel.Member,
            (db, actor) => db.Get<FinishService>().RestoreAsync(actor, "widget-connectors", "0.9.0", "00004", TestDatabase.CancellationToken)),
        ("finish.renames", AccessLevel.Member,
            (db, actor) => db.Get<FinishService>().CandidateMarkerRenamesAsync(actor, "widget-connectors", "0.9.0", TestDatabase.CancellationToken)),
        ("announce.form", AccessLevel.Member,
            (db, actor) => db.Get<AnnounceService>().FormAsync(actor, "widget-connectors", "0.9.0", TestDatabase.CancellationToken)),
        ("announce", AccessLevel.Member,
            (db, actor) => db.Get<AnnounceService>().AnnounceAsync(actor, "widget-connectors", "0.9.0",
                new AnnounceRequest(null, AnnounceService.AnnounceList), TestDatabase.CancellationToken)),
        ("distributions.list (of a draft)", AccessLevel.Participant,
            (db, actor) => db.Get<DistributionService>().ListAsync(actor, "widget", "2.0.0-M1", TestDatabase.CancellationToken)),
        ("policy.update", AccessLevel.Member,
            (db, actor) => db.Get<PolicyService>().UpdateAsync(actor, "widget", new PolicyInput(MinHours: 96), TestDatabase.CancellationToken)),
        ("committee.create", AccessLevel.Admin,
            (db, actor) => db.Get<CommitteeEditor>().CreateAsync(actor, new CommitteeInput("sprocket", null, false, null, ["sam"], [], []), TestDatabase.CancellationToken)),
        ("committee.update", AccessLevel.Admin,
            async (db, actor) => await db.Get<CommitteeEditor>().UpdateAsync(actor, "widget",
                await db.Get<CommitteeEditor>().GetAsync(Actor.System, "widget", TestDatabase.CancellationToken), TestDatabase.CancellationToken)),
        ("metadata.import", AccessLevel.Admin,
            (db, actor) => db.Get<MetadataImporter>().ImportAsync(actor, MetadataImportTests.Sources, TestDatabase.CancellationToken)),
        ("committee.delete (refused after access: it has projects)", AccessLevel.Admin,
            (db, actor) => RefusedPastAccessAsync(() => db.Get<CommitteeEditor>().DeleteAsync(actor, "widget", TestDatabase.CancellationToken))),
        ("project.add", AccessLevel.Member,
            (db, actor) => db.Get<ProjectEditor>().AddAsync(actor, "widget", new ProjectInput("widget-tools", "Apache Widget Tools"), TestDatabase.CancellationToken)),
        ("project.update", AccessLevel.Member,
            async (db, actor) => await db.Get<ProjectEditor>().UpdateAsync(actor, "widget-connectors",
                (await db.Get<ProjectEditor>().GetAsync(Actor.System, "widget-connectors", TestDatabase.CancellationToken)).Input, TestDatabase.CancellationToken)),
        ("project.delete (refused after access: it has releases)", AccessLevel.Member,
            (db, actor) => RefusedPastAccessAsync(() => db.Get<ProjectEditor>().DeleteAsync(actor, "widget", TestDatabase.CancellationToken))),
        ("task.cancel (refused after access: it has finished)", AccessLevel.Admin,
            async (db, actor) => await RefusedPastAccessAsync(async () => await db.Get<TaskService>().CancelAsync(actor, await DraftTaskAsync(db), TestDatabase.CancellationToken))),
        ("task.retry (refused after access: it has not failed)", AccessLevel.Admin,
            async (db, actor) => await RefusedPastAccessAsync(async () => await db.Get<CheckService>().RetryTaskAsync(actor, await DraftTaskAsync(db), TestDatabase.CancellationToken))),
        ("storage.check", AccessLevel.Admin,
            (db, actor) => db.Get<StorageConsistency>().CheckAsync(actor, TestDatabase.CancellationToken)),
        ("dashboard", AccessLevel.Admin,
            (db, actor) => db.Get<Atr.Domain.Health.DashboardService>().GetAsync(actor, TestDatabase.CancellationToken)),
        ("policy.history", AccessLevel.Participant,
            (db, actor) => db.Get<PolicyService>().HistoryAsync(actor, "widget", TestDatabase.CancellationToken)),
        ("task.detail (of a draft)", AccessLevel.Participant,
            async (db, actor) => await db.Get<CheckService>().TaskAsync(actor, await DraftTaskAsync(db), TestDatabase.CancellationToken)),
    ];

    /// <summary>The token rita (not one of the matrix's actors) has in the template database.</summary>
    private const int RitasTokenId = 1;

    public static TheoryData<string, string?> Cases()
    {
        var cases = new TheoryData<string, string?>();
        foreach (var operation in Operations)
        {
            foreach (var (userId, _) in Actors)
            {
                cases.Add(operation.Name, userId);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_IsAllowedExactlyFromItsLevel_AndARefusalChangesNothing(string operationName, string? userId)
    {
        var operation = Operations.Single(o => o.Name == operationName);
        var level = Actors.Single(a => a.UserId == userId).Level;
        await using var database = await template.CopyAsync();
        var actor = await database.Get<UserDirectory>().ResolveAsync(userId, TestDatabase.CancellationToken);
        Assert.Equal(level, actor.LevelIn(await CommitteeAsync(database, "widget")));

        if (level >= operation.Required || (userId == ReleaseManagerOnly && ReleaseManagerOperations.Contains(operationName)))
        {
            await operation.Run(database, actor);
            return;
        }

        var before = await database.ContentHashAsync();
        var refusal = await Record.ExceptionAsync(() => operation.Run(database, actor));
        switch (refusal)
        {
            case AccessDeniedException denied:
                Assert.True(denied.Required > level, $"{operationName} refused {userId} for needing {denied.Required}");
                Assert.StartsWith("To ", denied.Message, StringComparison.Ordinal);
                break;
            case NotFoundException:
                // Another user's token is reported as missing, so that token ids reveal nothing: a refusal too.
                Assert.Equal("token.revoke (another user's)", operationName);
                break;
            default:
                Assert.Fail($"{operationName} by {userId ?? "anonymous"} was not refused ({refusal?.GetType().Name ?? "no exception"})");
                break;
        }

        Assert.Equal(before, await database.ContentHashAsync());
    }

    [Fact]
    public void Matrix_CoversEveryOperationForEveryActor() =>
        Assert.Equal(Operations.Count * Actors.Count, Cases().Count);

    private static async Task<Atr.Domain.Committees.Committee> CommitteeAsync(TestDatabase database, string name)
    {
        await using var db = await database.ContextAsync();
        return (await db.Committees.FindAsync([name], TestDatabase.CancellationToken))!;
    }

    /// <summary>An operation whose precondition fails on the demo data: an access refusal propagates; past access, the precondition refuses.</summary>
    private static async Task RefusedPastAccessAsync(Func<Task> operation)
    {
        var refusal = await Record.ExceptionAsync(operation);
        if (refusal is AccessDeniedException)
        {
            throw refusal;
        }

        Assert.Equal("precondition", Assert.IsType<DomainException>(refusal).RuleKind);
    }

    private static async Task<int> DraftTaskAsync(TestDatabase database)
    {
        await using var db = await database.ContextAsync();
        return await db.Tasks.Where(t => t.ProjectName == "widget" && t.VersionName == "2.0.0-M1").Select(t => t.Id).FirstAsync(TestDatabase.CancellationToken);
    }

    private static async Task<string> DraftFileAsync(TestDatabase database)
    {
        await using var db = await database.ContextAsync();
        return await db.RevisionFiles.Where(f => f.RevisionName == "widget-2.0.0-M1 00002").OrderBy(f => f.Path).Select(f => f.Path)
            .FirstAsync(TestDatabase.CancellationToken);
    }

    /// <summary>The demo database plus a token of rita's, for the revoke case, and a release manager of widget who is nothing else.</summary>
    public sealed class Template : DemoDatabaseTemplate
    {
        protected override async Task PrepareAsync(TestDatabase database)
        {
            var rita = await database.Get<UserDirectory>().ResolveAsync("rita", TestDatabase.CancellationToken);
            var token = await database.Get<TokenService>().CreateAsync(rita, "rita's", 30, TestDatabase.CancellationToken);
            Assert.Equal(RitasTokenId, token.Token.Id);
            var editor = database.Get<CommitteeEditor>();
            var widget = await editor.GetAsync(Actor.System, "widget", TestDatabase.CancellationToken);
            await editor.UpdateAsync(Actor.System, "widget", widget with { ReleaseManagers = [.. widget.ReleaseManagers, ReleaseManagerOnly] }, TestDatabase.CancellationToken);
        }
    }
}
