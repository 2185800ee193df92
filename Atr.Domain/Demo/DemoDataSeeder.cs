using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Checks;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Keys;
using Atr.Domain.Mail;
using Atr.Domain.Projects;
using Atr.Domain.Publishing;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Atr.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Demo;

/// <summary>
/// Fills an empty database with a small, realistic foundation so that a newcomer's first page shows real content.
/// The identities are fixed and documented in README.md: committees widget, incubator, gizmo (a podling) and other;
/// projects widget, widget-connectors and gizmo; users alice, rita, mike, maria, matt, carl, paula, ian and oscar.
/// </summary>
public sealed class DemoDataSeeder(
    IDbContextFactory<AtrDbContext> factory,
    RevisionWriter revisions,
    ArtifactStore store,
    CheckPlanner planner,
    CheckRunner runner,
    Outbox outbox,
    AnnounceService announcements,
    TimeProvider time,
    ILogger<DemoDataSeeder> logger)
{
    /// <summary>The worker id the demo's checks run under (a task's pid records it).</summary>
    private const int DemoWorker = 1;

    /// <summary>Seeds the demo data when the database has no committee yet; returns whether it did.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Committees.AnyAsync(cancellationToken))
            {
                return false;
            }

            AddFoundation(db, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        var managers = DemoReleases.All.Select(r => r.Manager).ToHashSet(StringComparer.Ordinal);
        var keys = new DemoKeys(DemoUsers.All.Where(u => managers.Contains(u.Id)), now.AddDays(-500));
        await AddKeysAsync(keys, now, cancellationToken);
        foreach (var plan in DemoReleases.All)
        {
            await SeedReleaseAsync(plan, keys, now, cancellationToken);
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // The demo's mail went out when its releases were made.
            foreach (var message in await db.OutboundMessages.Where(m => m.Status == OutboundStatus.Queued).ToListAsync(cancellationToken))
            {
                message.MarkSent(message.Created);
            }

            db.Audit(Actor.System, now, "demo.seed", "Database", AtrDatabase.FileName, null,
                after: new { committees = 4, projects = 3, releases = DemoReleases.All.Count, users = DemoUsers.All.Count });
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Seeded demo data: 4 committees, 3 projects, {Count} releases", DemoReleases.All.Count);
        return true;
    }

    private static void AddFoundation(AtrDbContext db, DateTime now)
    {
        db.UserAccounts.AddRange(DemoUsers.All.Select(u => new UserAccount(u.Id, u.FullName, u.Email, now)));

        var widget = new Committee("widget", "Widget");
        widget.SetRoster(["rita", "mike", "maria", "matt"], ["rita", "mike", "maria", "matt", "carl"], ["rita"]);
        var incubator = new Committee("incubator", "Incubator");
        incubator.SetRoster(["ian", "alice"], ["ian", "alice"], []);
        var gizmo = new Committee("gizmo", "Gizmo", isPodling: true, parentCommitteeName: "incubator");
        gizmo.SetRoster(["paula"], ["paula"], []);
        var other = new Committee("other", "Other");
        other.SetRoster(["oscar"], ["oscar"], []);
        db.Committees.AddRange(widget, incubator, gizmo, other);

        var widgetProject = new Project("widget", "Apache Widget", widget, now.AddDays(-400), "rita")
        {
            Description = "A toolkit of reusable user-interface widgets.",
            Category = "library",
            ProgrammingLanguages = "java, typescript",
            ReleasePolicy = new ReleasePolicy
            {
                MailtoAddresses = ["dev@widget.apache.org"],
                StrictChecking = true,
                ReleaseChecklist = "- Build from the source archive\n- Run the test suite\n- Check LICENSE and NOTICE",
                BinaryArtifactPaths = ["*-bin.tar.gz"],
            },
        };
        var connectors = new Project("widget-connectors", "Apache Widget Connectors", widget, now.AddDays(-300), "mike")
        {
            Description = "Connectors that bind widgets to common data sources.",
            Category = "library",
            ProgrammingLanguages = "java",
        };
        connectors.MakeSubProjectOf(widgetProject);
        var gizmoProject = new Project("gizmo", "Apache Gizmo", gizmo, now.AddDays(-200), "paula")
        {
            Description = "A command-line gadget builder, incubating.",
            Category = "build-management",
            ProgrammingLanguages = "go",
            ReleasePolicy = new ReleasePolicy { MinHours = 96 },
        };
        db.Projects.AddRange(widgetProject, connectors, gizmoProject);
    }

    /// <summary>Each release manager's key, linked to the committees whose releases they manage.</summary>
    private async Task AddKeysAsync(DemoKeys keys, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var committees = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Name, p => p.CommitteeName, cancellationToken);
        foreach (var owner in keys.Owners)
        {
            var parsed = KeyParser.Read(keys.Armor(owner));
            var key = new PublicSigningKey(parsed.Fingerprint, parsed.Algorithm, parsed.Length, parsed.Created, parsed.Armor)
            {
                ApacheUid = owner,
                Curve = parsed.Curve,
                LatestSelfSignature = parsed.LatestSelfSignature,
                PrimaryDeclaredUid = parsed.UserIds[0],
            };
            foreach (var committee in DemoReleases.All.Where(r => r.Manager == owner).Select(r => committees[r.Project]).OfType<string>().Distinct())
            {
                key.CommitteeLinks.Add(new KeyLink(committee, key.Fingerprint));
            }

            db.PublicSigningKeys.Add(key);
            db.Audit(new Actor { UserId = owner }, now, "key.add", "PublicSigningKey", key.Fingerprint, null);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedReleaseAsync(DemoRelease plan, DemoKeys keys, DateTime now, CancellationToken cancellationToken)
    {
        var started = now.AddDays(-plan.DaysAgo);
        string releaseName;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var project = await db.Projects.SingleAsync(p => p.Name == plan.Project, cancellationToken);
            var release = new Release(project, plan.Version, started);
            db.Releases.Add(release);
            await db.SaveChangesAsync(cancellationToken);
            releaseName = release.Name;
        }

        // Compose: an empty first revision, then uploads; each upload's revision is checked by the real checks.
        var at = started;
        await RevisionAsync(releaseName, plan.Manager, at, "Release started", [], cancellationToken);
        IReadOnlyList<ManifestEntry> files = [];
        var candidate = "";
        for (var upload = 1; upload <= plan.Uploads; upload++)
        {
            at = at.AddHours(5);
            var signed = at;
            files = await StoreAsync(plan.Files(upload, content => keys.Sign(plan.Manager, content, signed)), cancellationToken);
            var number = await RevisionAsync(releaseName, plan.Manager, at,
                upload == 1 ? $"Upload of {files.Count} files through the web interface" : $"Replaced artifacts (attempt {upload})",
                files, cancellationToken, check: true);
            await CheckAsync(plan, number, cancellationToken);
            candidate = number;
        }

        if (plan.Phase == ReleasePhase.ReleaseCandidateDraft)
        {
            return;
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var release = await db.Releases.Include(r => r.Project).ThenInclude(p => p.Committee)
                .SingleAsync(r => r.Name == releaseName, cancellationToken);
            release.StartVote(at.AddHours(2), manual: false);
            if (!plan.Podling)
            {
                Vote(db, plan, release, candidate, at.AddHours(2));
            }

            if (plan.Phase != ReleasePhase.ReleaseCandidate)
            {
                release.ResolveVote(passed: true, at.AddHours(2 + 72));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (plan.Phase == ReleasePhase.ReleaseCandidate)
        {
            return;
        }

        at = at.AddHours(75);
        var arranged = await RevisionAsync(releaseName, plan.Manager, at, "Arranged files for distribution", files, cancellationToken);
        if (plan.Phase == ReleasePhase.Release)
        {
            int publication;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                var release = await db.Releases.Include(r => r.Project).ThenInclude(p => p.Committee)
                    .SingleAsync(r => r.Name == releaseName, cancellationToken);
                var folder = AnnounceService.CommitteeArea(release) + AnnounceService.DefaultPath(release).TrimEnd('/');
                var entry = new Publication(release, arranged, folder, AnnounceService.AnnounceList,
                    $"[ANNOUNCE] {release.Project.DisplayName} {plan.Version} released",
                    $"The {release.Project.Committee!.DisplayName} team is pleased to announce {release.Project.DisplayName} {plan.Version}.\n", plan.Manager, null, null, at);
                db.Publications.Add(entry);
                await db.SaveChangesAsync(cancellationToken);
                publication = entry.Id;
            }

            await announcements.PublishAsync(publication, cancellationToken, at.AddHours(1));
        }
    }

    /// <summary>
    /// The vote of a widget release, called by mail (marked sent): mike and maria vote +1, then matt for a release
    /// that moved on (which passes), or carl, whose vote does not bind, for the release still in its vote.
    /// </summary>
    private void Vote(AtrDbContext db, DemoRelease plan, Release release, string revision, DateTime started)
    {
        var list = $"dev@{release.Project.CommitteeName}.apache.org";
        var subject = $"[VOTE] Release {release.Project.DisplayName} {plan.Version}";
        var body = $"Hello {release.Project.Committee!.DisplayName},\n\nI would like to call a vote on releasing Apache {release.Project.ShortDisplayName} {plan.Version}, "
            + $"revision {revision}.\n\nThe vote is open for at least 72 hours.\n\nThanks,\n{plan.Manager}\n";
        var round = new VoteRound(release, 1, revision, release.Project.CommitteeName!, list, subject, body, 72, manual: false, plan.Manager, started);
        db.VoteRounds.Add(round);
        var call = outbox.Queue(db, MailKind.Vote, release.Name, new Actor { UserId = plan.Manager }, [list], subject, body, started);
        call.MarkSent(started);
        round.CalledBy(call.MessageId);
        var passes = plan.Phase != ReleasePhase.ReleaseCandidate;
        string[] voters = passes ? ["mike", "maria", "matt"] : ["mike", "maria", "carl"];
        for (var i = 0; i < voters.Length; i++)
        {
            var comment = i == 0 ? "Checked the signatures and built from source." : null;
            round.Votes.Add(new Vote(round, voters[i], voters[i], VoteValue.For, binding: voters[i] != "carl", comment, started.AddHours(4 + (i * 9))));
        }

        if (passes)
        {
            var resolved = started.AddHours(72);
            round.Resolve(passed: true, plan.Manager, resolved, null, null);
            var tally = VoteTally.Of(round.Votes);
            release.RecordVote(new VoteEntry(true, tally.Describe(), tally.BindingFor, tally.For, started, resolved));
        }
    }

    private async Task<IReadOnlyList<ManifestEntry>> StoreAsync(IReadOnlyList<DemoFile> files, CancellationToken cancellationToken)
    {
        var entries = new List<ManifestEntry>();
        foreach (var file in files)
        {
            var blob = await store.StoreAsync(new MemoryStream(file.Content), file.Content.Length, null, cancellationToken);
            entries.Add(new ManifestEntry(file.Path, blob.Size, blob.Sha256, blob.Sha512));
        }

        return entries;
    }

    private async Task<string> RevisionAsync(
        string releaseName, string manager, DateTime at, string description, IReadOnlyList<ManifestEntry> files, CancellationToken cancellationToken,
        bool check = false)
    {
        var actor = new Actor { UserId = manager };
        var created = await revisions.AddAsync(releaseName, actor, at, (_, manifest) =>
        {
            manifest.ReplaceWith(files);
            return description;
        }, cancellationToken, alongside: check
            ? async (db, release, revision, manifest, token) => await planner.PlanAsync(db, release, revision.Number, manifest, actor, at, reuse: true, token)
            : null);
        return created.Number;
    }

    /// <summary>Runs the checks planned for a revision, here and now, as the engine would in the background.</summary>
    private async Task CheckAsync(DemoRelease plan, string revisionNumber, CancellationToken cancellationToken)
    {
        List<int> queued;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            queued = await db.Tasks.AsNoTracking()
                .Where(t => t.ProjectName == plan.Project && t.VersionName == plan.Version && t.RevisionNumber == revisionNumber
                    && t.Status == BackgroundTaskStatus.Queued)
                .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        foreach (var task in queued)
        {
            await runner.RunAsync(task, DemoWorker, TimeSpan.FromMinutes(1), cancellationToken);
        }
    }
}

/// <summary>A file of the demo: its path in the release and its content.</summary>
internal sealed record DemoFile(string Path, byte[] Content);

/// <summary>A release of the demo: where it ends up, who manages it, and how many uploads it took.</summary>
internal sealed record DemoRelease(string Project, string Version, ReleasePhase Phase, int DaysAgo, string Manager, int Uploads, bool Podling)
{
    private static readonly DateTimeOffset ArchiveTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private string Stem => $"apache-{Project}-{Version}";

    /// <summary>
    /// The files of the given upload: real source and binary tar.gz archives (their content differs per upload),
    /// each with a detached signature made by <paramref name="sign"/> and a SHA-512 checksum file that matches it.
    /// </summary>
    public IReadOnlyList<DemoFile> Files(int upload, Func<byte[], byte[]> sign)
    {
        var files = new List<DemoFile>();
        foreach (var (artifact, content) in new[] { ($"{Stem}-src.tar.gz", SourceArchive(upload)), ($"{Stem}-bin.tar.gz", BinaryArchive(upload)) })
        {
            files.Add(new DemoFile(artifact, content));
            files.Add(new DemoFile($"{artifact}.asc", sign(content)));
            files.Add(new DemoFile($"{artifact}.sha512", Encoding.ASCII.GetBytes(
                $"{Convert.ToHexStringLower(SHA512.HashData(content))}  {artifact}\n")));
        }

        return files;
    }

    private byte[] SourceArchive(int upload)
    {
        var root = $"{Project}-{Version}";
        var package = Project.Replace("-", "", StringComparison.Ordinal);
        // A podling's releases carry a DISCLAIMER; the draft of the demo forgot it, so its check fails.
        var disclaimer = Podling && Phase != ReleasePhase.ReleaseCandidateDraft
            ? new[] { ($"{root}/DISCLAIMER", $"Apache {Project} is an effort undergoing incubation at The Apache Software Foundation (ASF).\n") }
            : [];
        return TarGz([
            .. disclaimer,
            ($"{root}/LICENSE", DemoTexts.License),
            ($"{root}/NOTICE", DemoTexts.Notice(Project)),
            ($"{root}/README.md", $"# Apache {Project} {Version}\n\nBuild {upload} of the demo data.\n"),
            ($"{root}/src/main/java/org/apache/{package}/App.java",
                DemoTexts.SourceHeader + $"package org.apache.{package};\n\npublic final class App {{\n    public static final String VERSION = \"{Version}\";\n}}\n"),
        ]);
    }

    private byte[] BinaryArchive(int upload)
    {
        var root = $"{Stem}-bin";
        return TarGz(
            ($"{root}/LICENSE", DemoTexts.License),
            ($"{root}/NOTICE", DemoTexts.Notice(Project)),
            ($"{root}/bin/{Project}.sh", $"#!/bin/sh\n{DemoTexts.ShellHeader}# Apache {Project} {Version} (build {upload})\nexec java -jar \"$(dirname \"$0\")/../lib/{Project}.jar\" \"$@\"\n"),
            ($"{root}/lib/{Project}.jar", Encoding.ASCII.GetString(Content($"{Stem}.jar#{upload}", 40_000))));
    }

    private static byte[] TarGz(params (string Path, string Content)[] members)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, content) in members)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                    ModificationTime = ArchiveTime,
                    Mode = path.EndsWith(".sh", StringComparison.Ordinal) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
                });
            }
        }

        return output.ToArray();
    }

    /// <summary>Deterministic printable bytes standing in for compiled content.</summary>
    private static byte[] Content(string seed, int length)
    {
        var content = new byte[length];
        var block = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        for (var offset = 0; offset < length; offset += block.Length)
        {
            var hex = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(block));
            hex.AsSpan(0, Math.Min(hex.Length, length - offset)).CopyTo(content.AsSpan(offset));
            block = SHA256.HashData(block);
        }

        return content;
    }
}

/// <summary>The texts inside the demo archives.</summary>
internal static class DemoTexts
{
    public static string License => Checks.Licenses.LicenseTexts.ApacheLicense;

    public const string SourceHeader =
        """
        /*
         * Licensed to the Apache Software Foundation (ASF) under one
         * or more contributor license agreements.  See the NOTICE file
         * distributed with this work for additional information
         * regarding copyright ownership.  The ASF licenses this file
         * to you under the Apache License, Version 2.0 (the
         * "License"); you may not use this file except in compliance
         * with the License.  You may obtain a copy of the License at
         *
         *   http://www.apache.org/licenses/LICENSE-2.0
         *
         * Unless required by applicable law or agreed to in writing,
         * software distributed under the License is distributed on an
         * "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
         * KIND, either express or implied.  See the License for the
         * specific language governing permissions and limitations
         * under the License.
         */

        """;

    /// <summary>The source header as shell comments.</summary>
    public static string ShellHeader =>
        string.Concat(SourceHeader.Split('\n').Where(l => l.StartsWith(" *", StringComparison.Ordinal) && l != " */").Select(l => "#" + l[2..] + "\n"));

    public static string Notice(string project) =>
        $"Apache {project}\nCopyright 2026 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (http://www.apache.org/).\n";
}

internal static class DemoReleases
{
    public static readonly IReadOnlyList<DemoRelease> All =
    [
        new("widget", "0.9.0", ReleasePhase.Release, 380, "rita", 1, false),
        new("widget", "0.9.1", ReleasePhase.Release, 330, "rita", 2, false),
        new("widget", "1.0.0", ReleasePhase.Release, 240, "rita", 2, false),
        new("widget", "1.0.1", ReleasePhase.Release, 180, "mike", 1, false),
        new("widget", "1.1.0", ReleasePhase.Release, 60, "rita", 1, false),
        new("widget-connectors", "0.7.0", ReleasePhase.Release, 210, "mike", 1, false),
        new("widget-connectors", "0.8.0", ReleasePhase.Release, 90, "mike", 2, false),
        new("gizmo", "0.1.0-incubating", ReleasePhase.Release, 150, "paula", 2, true),
        new("gizmo", "0.2.0-incubating", ReleasePhase.Release, 45, "paula", 1, true),
        new("widget-connectors", "0.9.0", ReleasePhase.ReleasePreview, 12, "mike", 2, false),
        new("widget", "1.2.0", ReleasePhase.ReleaseCandidate, 6, "rita", 3, false),
        new("widget", "2.0.0-M1", ReleasePhase.ReleaseCandidateDraft, 2, "rita", 2, false),
        new("gizmo", "0.3.0-incubating", ReleasePhase.ReleaseCandidateDraft, 1, "paula", 1, true),
    ];
}
