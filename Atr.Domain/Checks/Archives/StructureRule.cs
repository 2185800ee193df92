using System.Text.RegularExpressions;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// <c>*.structure</c>: every member safe to extract (no traversal, absolute or drive paths, backslashes, links leaving
/// the top-level folder, devices, FIFOs or duplicates; names that collide on case-insensitive file systems warned
/// about), and exactly one top-level folder, named like the archive.
/// </summary>
internal sealed partial class StructureRule(string checker, string expectedRoot) : IArchiveRule
{
    /// <summary>How many offending members are named in a file-level message; each has its own row anyway.</summary>
    private const int Named = 5;

    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _folded = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<string> _roots = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _topFiles = new(StringComparer.Ordinal);
    private readonly List<(string Member, string Problem)> _unsafe = [];
    private readonly List<(string Member, string Problem)> _collisions = [];
    private readonly List<(string Member, string Path, string Target)> _links = [];
    private int _members;
    private string _lastRoot = "";

    public int Wants(ArchiveMember member) => 0;

    public void Visit(ArchiveMember member, ReadOnlyMemory<byte> head)
    {
        _members++;
        if (Unsafe(member) is { } problem)
        {
            _unsafe.Add((member.Name, problem));
            return;
        }

        var path = Normalize(member.Name);
        if (path.Length == 0)
        {
            return;
        }

        if (member.Kind == ArchiveMemberKind.SymbolicLink)
        {
            _links.Add((member.Name, path, member.LinkTarget!));
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 && member.Kind != ArchiveMemberKind.Directory)
        {
            _topFiles.Add(path);
        }
        else if (!path.AsSpan(0, slash < 0 ? path.Length : slash).SequenceEqual(_lastRoot))
        {
            // Members of one folder come together: its name is taken once, not once per member.
            _lastRoot = slash < 0 ? path : path[..slash];
            _roots.Add(_lastRoot);
        }

        if (member.Kind == ArchiveMemberKind.Directory)
        {
            return;
        }

        if (!_paths.Add(path))
        {
            _unsafe.Add((member.Name, $"{path} appears twice: extracting the archive keeps only the second copy"));
        }
        else if (_folded.TryGetValue(path, out var other))
        {
            _collisions.Add((member.Name, $"{path} and {other} are the same file on case-insensitive file systems (Windows, macOS)"));
        }
        else
        {
            _folded[path] = path;
        }
    }

    public void Finish(CheckRun run, ArchiveException? unreadable)
    {
        ChainedLinks();
        foreach (var (member, problem) in _unsafe)
        {
            run.Failure(problem, new { member }, memberPath: member, checker: checker);
        }

        foreach (var (member, problem) in _collisions)
        {
            run.Warning(problem, new { member }, memberPath: member, checker: checker);
        }

        if (unreadable is not null)
        {
            run.Failure($"The structure was not judged: the archive could not be read to its end ({unreadable.Message})",
                new { expected = expectedRoot }, checker: checker);
            return;
        }

        if (_unsafe.Count > 0)
        {
            run.Failure($"{Count(_unsafe.Count, "member")} unsafe to extract: {Names(_unsafe.Select(u => u.Member))}",
                new { @unsafe = _unsafe.Count }, checker: checker);
        }

        var data = new { expected = expectedRoot, roots = _roots.ToList(), topLevelFiles = _topFiles.ToList(), members = _members };
        if (_members == 0)
        {
            run.Failure("The archive is empty", data, checker: checker);
        }
        else if (_topFiles.Count > 0)
        {
            run.Failure($"Files at the top level ({Names(_topFiles)}): everything belongs in one folder, {expectedRoot}/", data, checker: checker);
        }
        else if (_roots.Count > 1)
        {
            run.Failure($"{_roots.Count} top-level folders ({Names(_roots)}): expected one, {expectedRoot}/", data, checker: checker);
        }
        else if (_roots.Count == 0)
        {
            run.Failure("The archive has no folder to hold its files", data, checker: checker);
        }
        else if (_roots.Min != expectedRoot)
        {
            run.Warning($"The top-level folder is {_roots.Min}/, expected {expectedRoot}/ (the archive's name without its extension)", data, checker: checker);
        }
        else
        {
            run.Success($"One top-level folder, {expectedRoot}/, with {Count(_members, "member")}", data, checker: checker);
        }
    }

    /// <summary>
    /// A symbolic link whose target passes through another symbolic link is unsafe: each is judged as text, so a
    /// chain of links that each stay inside can still lead outside once extracted.
    /// </summary>
    private void ChainedLinks()
    {
        var links = _links.Select(l => l.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var (member, path, target) in _links)
        {
            var resolved = path.Split('/')[..^1].ToList();
            foreach (var segment in target.Split('/').Where(s => s.Length > 0 && s != "."))
            {
                if (segment == "..")
                {
                    resolved.RemoveAt(resolved.Count - 1);
                    continue;
                }

                resolved.Add(segment);
                var through = string.Join('/', resolved);
                if (links.Contains(through) && through != path)
                {
                    _unsafe.Add((member, $"A symbolic link to '{target}' through another link, {through}: where it leads depends on that link"));
                    break;
                }
            }
        }
    }

    /// <summary>The top-level folder an archive should have: its file name without the archive extension.</summary>
    public static string ExpectedRoot(string path)
    {
        var name = Storage.ReleasePath.FileName(path);
        return ArchiveKind.Of(name)?.Strip(name) ?? name;
    }

    /// <summary>A member name as a relative path: without a leading "./", repeated or trailing slashes.</summary>
    public static string Normalize(string name) =>
        IsNormal(name) ? name : string.Join('/', name.Split('/').Where(s => s.Length > 0 && s != "."));

    /// <summary>Whether the name is already normal (as nearly every member's is): no empty or "." segment.</summary>
    private static bool IsNormal(string name) =>
        name.Length > 0 && name[0] != '/' && name[^1] != '/' && !name.Contains("//", StringComparison.Ordinal)
        && !name.StartsWith("./", StringComparison.Ordinal) && !name.Contains("/./", StringComparison.Ordinal)
        && name != "." && !name.EndsWith("/.", StringComparison.Ordinal);

    private static string? Unsafe(ArchiveMember member)
    {
        var name = member.Name;
        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "The name contains a backslash, which Windows tools read as a folder separator";
        }

        if (name.StartsWith('/'))
        {
            return "An absolute path: extracting it writes outside the target folder";
        }

        if (Drive().IsMatch(name))
        {
            return "A drive prefix: extracting it on Windows writes outside the target folder";
        }

        if (name == ".." || name.StartsWith("../", StringComparison.Ordinal) || name.EndsWith("/..", StringComparison.Ordinal)
            || name.Contains("/../", StringComparison.Ordinal))
        {
            return "A '..' segment: extracting it writes outside the target folder";
        }

        if (name.AsSpan().ContainsAny(Controls))
        {
            return "The name contains a control character";
        }

        switch (member.Kind)
        {
            case ArchiveMemberKind.Device:
                return "A device file: a release has no business creating one";
            case ArchiveMemberKind.Fifo:
                return "A named pipe (FIFO): a release has no business creating one";
            case ArchiveMemberKind.Other:
                return "A special entry that is neither a file, a folder nor a link";
            case ArchiveMemberKind.SymbolicLink or ArchiveMemberKind.HardLink:
                return LinkProblem(member);
            default:
                return null;
        }
    }

    /// <summary>A link must stay inside the top-level folder it is in (symbolic: relative to its folder; hard: to the root).</summary>
    private static string? LinkProblem(ArchiveMember member)
    {
        var target = member.LinkTarget ?? "";
        var kind = member.Kind == ArchiveMemberKind.SymbolicLink ? "symbolic" : "hard";
        if (target.Length == 0 || target.StartsWith('/') || target.Contains('\\', StringComparison.Ordinal) || Drive().IsMatch(target))
        {
            return $"A {kind} link to '{target}', outside the archive";
        }

        var path = Normalize(member.Name).Split('/');
        var resolved = member.Kind == ArchiveMemberKind.SymbolicLink ? path[..^1].ToList() : [];
        foreach (var segment in target.Split('/').Where(s => s.Length > 0 && s != "."))
        {
            if (segment != "..")
            {
                resolved.Add(segment);
            }
            else if (resolved.Count > 0)
            {
                resolved.RemoveAt(resolved.Count - 1);
            }
            else
            {
                return $"A {kind} link to '{target}', outside the archive";
            }
        }

        return resolved.Count == 0 || resolved[0] != path[0]
            ? $"A {kind} link to '{target}', outside its top-level folder {path[0]}/"
            : null;
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return string.Join(", ", list.Take(Named)) + (list.Count > Named ? $" and {list.Count - Named} more" : "");
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>The characters <see cref="char.IsControl(char)"/> calls control characters.</summary>
    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)));

    [GeneratedRegex("^[A-Za-z]:")]
    private static partial Regex Drive();
}
