using System.Security.Cryptography;
using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;

namespace Atr.Domain.Checks;

/// <summary>What to check a folder as: the release it will become and the keys its signatures must come from.</summary>
public sealed record FolderCheckOptions(string ProjectName, string Version, bool IsPodling, CommitteeKeys Keys);

/// <summary>
/// Runs the server's checks (the same <see cref="ICheck"/> classes) on a folder of release files, with no database
/// and no server: the offline <c>check</c> command. Files are hashed first, in parallel; then every check runs, the
/// archives' single passes first, as many at once as there are cores. The hashes of a signed file are kept open, so
/// that its signatures are verified without reading it again.
/// </summary>
public sealed class FolderChecker(IEnumerable<ICheck> checks)
{
    private const int BufferSize = 1 << 20;

    public async Task<IReadOnlyList<CheckFinding>> CheckAsync(string folder, FolderCheckOptions options, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var findings = new List<CheckFinding>();
        var paths = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var path = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            try
            {
                ReleasePath.Validate(path);
                paths.Add(path);
            }
            catch (DomainException e)
            {
                findings.Add(new CheckFinding("paths", path, null, CheckResultStatus.Failure, $"{e.Message}: Atr would refuse this file", null));
            }
        }

        var entries = new ManifestEntry[paths.Count];
        var present = paths.ToHashSet(StringComparer.Ordinal);
        var signed = paths.Where(p => present.Contains(p + ".asc")).ToHashSet(StringComparer.Ordinal);
        using var kept = new KeptHashes();
        await Parallel.ForEachAsync(Enumerable.Range(0, paths.Count), cancellationToken, async (index, token) =>
            entries[index] = await HashAsync(root, paths[index], signed.Contains(paths[index]) ? kept : null, token));
        var manifest = new Manifest(entries).Freeze();
        var policy = EffectiveReleasePolicy.Of(null, options.ProjectName);

        var runs = checks
            .SelectMany(check => check.RevisionWide
                ? [(Check: check, File: (ManifestEntry?)null)]
                : manifest.Files.Where(f => check.AppliesTo(f.Path)).Select(f => (Check: check, File: (ManifestEntry?)f)))
            .OrderByDescending(r => r.Check is Archives.ArchiveCheck ? r.File!.Size : -1)
            .ToList();
        var results = new List<CheckFinding>[runs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, runs.Count),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (index, token) =>
            {
                var (check, file) = runs[index];
                var subject = new CheckSubject(options.ProjectName, options.Version, "offline", options.Keys.Committee, options.IsPodling, policy,
                    manifest, file?.Path, options.Keys);
                var run = new CheckRun(check, subject, (entry, _) => Task.FromResult<Stream>(Open(root, entry.Path)), kept.Copy);
                try
                {
                    await check.RunAsync(run, token);
                    results[index] = [.. run.Findings];
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    results[index] = [new CheckFinding(check.Key, file?.Path, null, CheckResultStatus.Exception, e.Message, null)];
                }
            });

        findings.AddRange(results.SelectMany(r => r));
        return findings
            .OrderBy(f => f.PrimaryRelPath ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Checker, StringComparer.Ordinal)
            .ThenBy(f => f.MemberRelPath is not null)
            .ThenBy(f => f.MemberRelPath ?? "", StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<ManifestEntry> HashAsync(string root, string path, KeptHashes? kept, CancellationToken cancellationToken)
    {
        using var own = new KeptHashes();
        var sha256 = (kept ?? own).Create(path, HashAlgorithmName.SHA256);
        var sha512 = (kept ?? own).Create(path, HashAlgorithmName.SHA512);
        var buffer = new byte[BufferSize];
        long size = 0;
        await using (var content = Open(root, path))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                sha512.AppendData(buffer, 0, read);
                size += read;
            }
        }

        return new ManifestEntry(path, size, Convert.ToHexStringLower(sha256.GetCurrentHash()), Convert.ToHexStringLower(sha512.GetCurrentHash()));
    }

    private static FileStream Open(string root, string path) =>
        new(Path.Combine(root, path), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Open hashes of files (once hashing is over, each has read its whole file), disposed together.</summary>
    private sealed class KeptHashes : IDisposable
    {
        private readonly Dictionary<(string Path, HashAlgorithmName Algorithm), IncrementalHash> _hashes = [];

        public IncrementalHash Create(string path, HashAlgorithmName algorithm)
        {
            var hash = IncrementalHash.CreateHash(algorithm);
            lock (_hashes)
            {
                _hashes.Add((path, algorithm), hash);
            }

            return hash;
        }

        public IncrementalHash? Copy(ManifestEntry file, HashAlgorithmName algorithm)
        {
            lock (_hashes)
            {
                return _hashes.TryGetValue((file.Path, algorithm), out var hash) ? hash.Clone() : null;
            }
        }

        public void Dispose()
        {
            foreach (var hash in _hashes.Values)
            {
                hash.Dispose();
            }
        }
    }
}
