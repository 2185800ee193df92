using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Keys;

/// <summary>The outcome of importing a draft's KEYS file: one per key, and the revision that removed the file (on full success).</summary>
public sealed record DraftKeysImported(string Committee, IReadOnlyList<KeyOutcome> Outcomes, RevisionCreated? Revision);

/// <summary>
/// Imports the keys of a <c>KEYS</c> file at the top of a draft into the committee's keys. Release managers used to
/// ship a KEYS file with each release; in Atr the committee's KEYS file is generated, so once every key of the file
/// is in, a new revision removes it from the draft. When any block fails, the file stays for the release manager to fix.
/// </summary>
public sealed class DraftKeyImport(IDbContextFactory<AtrDbContext> factory, KeyService keys, RevisionService revisions, ArtifactStore store)
{
    public const string FileName = "KEYS";

    /// <summary>Committee members, on the newest revision of a release in Compose.</summary>
    public async Task<DraftKeysImported> ImportAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        string committee;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var release = await db.Releases.AsNoTracking().Include(r => r.Project).ThenInclude(p => p.Committee)
                .SingleOrDefaultAsync(r => r.ProjectName == projectName && r.Version == version, cancellationToken)
                ?? throw new NotFoundException($"Release {projectName} {version}");
            actor.Require(AccessLevel.Member, release.Project.Committee, $"import the KEYS file of {projectName} {version}");
            if (release.Phase != ReleasePhase.ReleaseCandidateDraft)
            {
                throw new DomainException($"{projectName} {version} is in the {release.Phase.StepName()} phase; KEYS files are imported from drafts");
            }

            committee = release.Project.CommitteeName
                ?? throw new DomainException($"The project {projectName} belongs to no committee, so its keys have nowhere to go");
        }

        var files = await revisions.FilesAsync(actor, projectName, version, "latest", cancellationToken);
        var file = files.Files.FirstOrDefault(f => f.Path == FileName)
            ?? throw new DomainException($"Revision {files.Number} of {projectName} {version} has no {FileName} file at its top level");
        if (file.Size > KeyParser.MaxTextLength)
        {
            throw new DomainException($"{FileName} is {file.Size:N0} bytes; a KEYS file of at most {KeyParser.MaxTextLength:N0} bytes is accepted");
        }

        byte[] bytes;
        await using (var content = store.OpenRead(file.Sha256))
        using (var buffer = new MemoryStream())
        {
            await content.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var outcomes = await keys.AddAsync(actor, bytes, [committee], cancellationToken);
        var failed = outcomes.Count(o => o.Failed);
        var revision = failed == 0
            ? await revisions.RemoveAsync(actor, projectName, version, file,
                $"Imported the {outcomes.Count} {(outcomes.Count == 1 ? "key" : "keys")} of {FileName} into the keys of {committee}", cancellationToken)
            : null;
        return new DraftKeysImported(committee, outcomes, revision);
    }
}
