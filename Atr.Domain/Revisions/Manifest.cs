using Atr.Domain.Common;
using Atr.Domain.Storage;

namespace Atr.Domain.Revisions;

/// <summary>
/// The files of a revision, by path, and the changes that make the next revision: add or replace, delete, move.
/// Folders exist only as the leading parts of file paths; a path can name a file or a folder, never both.
/// </summary>
public sealed class Manifest
{
    private readonly SortedDictionary<string, ManifestEntry> _files = new(StringComparer.Ordinal);

    /// <summary>Every folder, with how many files it holds at any depth: folder questions cost no scan of the files.</summary>
    private readonly Dictionary<string, int> _folders = new(StringComparer.Ordinal);
    private bool _frozen;

    public Manifest(IEnumerable<ManifestEntry> files)
    {
        foreach (var file in files)
        {
            Add(file);
        }
    }

    public static Manifest Empty => new([]);

    /// <summary>
    /// Makes every change throw from now on: the manifest of a committed revision, shared by the checks that read
    /// it. Returns this manifest.
    /// </summary>
    public Manifest Freeze()
    {
        _frozen = true;
        return this;
    }

    public IReadOnlyCollection<ManifestEntry> Files => _files.Values;

    public int Count => _files.Count;

    public bool ContainsFile(string path) => _files.ContainsKey(path);

    public bool ContainsFolder(string path) => _folders.ContainsKey(path);

    /// <summary>Adds a file or replaces one at the same path; returns true when it replaced one.</summary>
    public bool Put(ManifestEntry file)
    {
        EnsureChangeable();
        ReleasePath.Validate(file.Path);
        if (ContainsFolder(file.Path))
        {
            throw new DomainException($"'{file.Path}' is a folder; a file cannot take its place");
        }

        for (var folder = ReleasePath.Folder(file.Path); folder.Length > 0; folder = ReleasePath.Folder(folder))
        {
            if (_files.ContainsKey(folder))
            {
                throw new DomainException($"'{folder}' is a file; it cannot also be a folder for '{file.Path}'");
            }
        }

        if (_files.ContainsKey(file.Path))
        {
            _files[file.Path] = file;
            return true;
        }

        Add(file);
        return false;
    }

    /// <summary>Deletes a file, or a folder with everything in it; returns the paths removed.</summary>
    public IReadOnlyList<string> Delete(string path)
    {
        EnsureChangeable();
        ReleasePath.ValidateExisting(path);
        var removed = _files.Keys.Where(p => p == path || p.StartsWith(path + "/", StringComparison.Ordinal)).ToList();
        if (removed.Count == 0)
        {
            throw new DomainException($"There is no file or folder '{path}'");
        }

        foreach (var p in removed)
        {
            Remove(p);
        }

        return removed;
    }

    /// <summary>Moves (renames) a file or a folder; returns how many files moved.</summary>
    public int Move(string from, string to)
    {
        EnsureChangeable();
        ReleasePath.ValidateExisting(from);
        ReleasePath.Validate(to);
        if (from == to)
        {
            throw new DomainException($"'{from}' is already there");
        }

        if (to.StartsWith(from + "/", StringComparison.Ordinal))
        {
            throw new DomainException($"'{from}' cannot be moved into itself");
        }

        List<(string From, string To)> moves;
        if (_files.ContainsKey(from))
        {
            moves = [(from, to)];
        }
        else if (ContainsFolder(from))
        {
            moves = _files.Keys.Where(p => p.StartsWith(from + "/", StringComparison.Ordinal))
                .Select(p => (p, to + p[from.Length..]))
                .ToList();
        }
        else
        {
            throw new DomainException($"There is no file or folder '{from}'");
        }

        // Apply the move to a copy, so that a collision half-way leaves this manifest as it was.
        var sources = moves.Select(m => m.From).ToHashSet(StringComparer.Ordinal);
        var moved = new Manifest(_files.Values.Where(f => !sources.Contains(f.Path)));
        foreach (var (source, target) in moves)
        {
            if (moved.ContainsFile(target))
            {
                throw new DomainException($"'{target}' already exists");
            }

            moved.Put(_files[source] with { Path = target });
        }

        ReplaceWith(moved.Files);
        return moves.Count;
    }

    /// <summary>Makes this manifest hold exactly <paramref name="files"/> (restoring an earlier revision).</summary>
    public void ReplaceWith(IEnumerable<ManifestEntry> files)
    {
        EnsureChangeable();
        var replacement = new Manifest(files);
        _files.Clear();
        _folders.Clear();
        foreach (var file in replacement.Files)
        {
            Add(file);
        }
    }

    /// <summary>What changed from <paramref name="older"/> to this manifest.</summary>
    public ManifestDiff Compare(Manifest older)
    {
        var added = _files.Keys.Where(p => !older._files.ContainsKey(p)).ToList();
        var removed = older._files.Keys.Where(p => !_files.ContainsKey(p)).ToList();
        var changed = _files.Keys.Where(p => older._files.TryGetValue(p, out var before) && before.Sha256 != _files[p].Sha256).ToList();
        return new ManifestDiff(added, removed, changed);
    }

    public ManifestEntry? Find(string path) => _files.GetValueOrDefault(path);

    private void Add(ManifestEntry file)
    {
        _files.Add(file.Path, file);
        for (var folder = ReleasePath.Folder(file.Path); folder.Length > 0; folder = ReleasePath.Folder(folder))
        {
            _folders[folder] = _folders.GetValueOrDefault(folder) + 1;
        }
    }

    private void Remove(string path)
    {
        _files.Remove(path);
        for (var folder = ReleasePath.Folder(path); folder.Length > 0; folder = ReleasePath.Folder(folder))
        {
            if (--_folders[folder] == 0)
            {
                _folders.Remove(folder);
            }
        }
    }

    private void EnsureChangeable()
    {
        if (_frozen)
        {
            throw new InvalidOperationException("This manifest belongs to a committed revision and cannot change");
        }
    }
}

/// <summary>Paths added, removed and changed (same path, other content) between two manifests.</summary>
public sealed record ManifestDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}
