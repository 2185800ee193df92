using System.Collections.Frozen;
using System.Text;
using System.Xml;
using Atr.Domain.Checks.Archives;

namespace Atr.Domain.Checks.Licenses;

/// <summary>
/// <c>license.headers</c>, judged as Apache RAT judges: every source file (by extension) must carry, within its first
/// 50 lines, the Apache License 2.0 in a form RAT accepts (<see cref="HeaderJudge"/>). Bundled third-party code under a
/// licence the ASF allows is a warning naming the licence, since LICENSE must list it; generated files and files too
/// small to carry a header are counted and skipped; no licence, or one the ASF does not allow, is a failure.
/// <para>
/// The project's own RAT exclusions apply, each relative to the archive's top folder: <c>.rat-excludes</c> or
/// <c>rat-excludes.txt</c> (gitignore syntax, relative to its own folder), the apache-rat-plugin's excludes in the
/// top-level <c>pom.xml</c> (also relative to each Maven module, as the plugin runs in every module with the parent's
/// configuration), the <c>rat</c> task's excludes in the top-level <c>build.gradle</c> or <c>build.gradle.kts</c>, and
/// the revision's <c>.atr/license-headers-ignore</c>.
/// </para>
/// One row per file that fails or warns, one summary with the counts, and one naming the exclusions that applied.
/// </summary>
/// <param name="revisionIgnore">The lines of the revision's <see cref="RevisionIgnoreFile"/>, when it has one.</param>
internal sealed class LicenseHeadersRule(string[]? revisionIgnore = null) : IArchiveRule
{
    public const string Checker = "license.headers";

    /// <summary>The revision's own exclusions, for every archive in it.</summary>
    public const string RevisionIgnoreFile = ".atr/license-headers-ignore";

    private const int HeadBytes = 16 * 1024;
    private const int ExcludesBytes = 64 * 1024;
    private const int BuildFileBytes = 1024 * 1024;

    /// <summary>How many skipped files the summary's data names, per reason.</summary>
    private const int Listed = 100;

    /// <summary>
    /// Source files, which RAT reads like any text file. Markup and build files beyond XML stay out: releases that pass
    /// RAT often exclude them in ways this check cannot read.
    /// </summary>
    private static readonly FrozenSet<string> SourceExtensions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx", "py", "sql", "ddl", "dml", "sh", "bash", "zsh", "ksh", "bat", "cmd",
        "ps1", "psm1", "psd1", "java", "jav", "cs", "csx", "fs", "fsi", "fsx", "vb", "vbs", "vba", "c", "h", "cc", "cpp", "cxx",
        "c++", "hpp", "m", "go", "rs", "kt", "kts", "scala", "sc", "groovy", "gvy", "gy", "gsh", "clj", "cljs", "cljc", "lisp", "el",
        "hs", "lhs", "ml", "mli", "erl", "hrl", "pas", "lua", "dart", "asm", "s", "rb", "rbw", "swift", "r", "php", "php3",
        "php4", "php5", "php6", "php7", "php8", "php9", "phtml", "pl", "pm", "t", "xml", "xsl", "xslt", "cmake");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SourceExtension =
        SourceExtensions.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly char[] _text = new char[HeadText.MaxLength(HeadBytes)];
    private readonly List<(string Path, string Member, HeaderVerdict Verdict)> _judged = [];
    private readonly List<(string Path, string Folder, string[] Lines)> _ratExcludes = [];
    private readonly List<(string Path, ReadOnlyMemory<byte> Content, bool Whole)> _buildFiles = [];
    private readonly HashSet<string> _modules = new(StringComparer.Ordinal);

    public int Wants(ArchiveMember member) =>
        member.Kind != ArchiveMemberKind.File ? 0
        : Math.Max(IsRatExcludesFile(member.Name) ? ExcludesBytes : IsBuildFile(member.Name) ? BuildFileBytes : 0, IsSource(member.Name) ? HeadBytes : 0);

    public void Visit(ArchiveMember member, ReadOnlyMemory<byte> head)
    {
        if (member.Kind != ArchiveMemberKind.File)
        {
            return;
        }

        var source = IsSource(member.Name);
        var name = FileName(member.Name);
        if (!source && name is not ("pom.xml" or "build.gradle" or "build.gradle.kts" or ".rat-excludes" or "rat-excludes.txt"))
        {
            return;
        }

        var path = StructureRule.Normalize(member.Name);
        if (name is "pom.xml")
        {
            _modules.Add(path[..^name.Length]);
        }

        if (IsRatExcludesFile(path))
        {
            _ratExcludes.Add((path, path[..^name.Length], Encoding.UTF8.GetString(head.Span).Split('\n')));
        }

        if (IsBuildFile(path))
        {
            _buildFiles.Add((path, head.ToArray(), head.Length >= member.Size));
        }

        if (source)
        {
            var bytes = head.Span[..Math.Min(head.Length, HeadBytes)];
            var length = HeadText.Normalize(bytes, _text, out var facts);
            _judged.Add((path, member.Name, HeaderJudge.Judge(_text.AsSpan(0, length), facts, bytes, bytes.Length >= member.Size)));
        }
    }

    public void Finish(CheckRun run, ArchiveException? unreadable)
    {
        if (unreadable is not null)
        {
            run.Failure($"Licence headers were not judged: the archive could not be read to its end ({unreadable.Message})", checker: Checker);
            return;
        }

        var sets = ExclusionSets(run);
        var counts = new Counts();
        var generated = new List<object>();
        var tooSmall = new List<string>();
        foreach (var (path, member, verdict) in _judged)
        {
            var relative = Relative(path);
            var excluded = false;
            foreach (var set in sets)
            {
                if (set.Matches(path, relative))
                {
                    set.Excluded++;
                    excluded = true;
                }
            }

            if (excluded)
            {
                counts.Excluded++;
                continue;
            }

            switch (verdict.Kind)
            {
                case HeaderKind.Apache:
                    counts.Valid++;
                    break;
                case HeaderKind.ApacheAltered:
                    counts.Valid++;
                    counts.Altered++;
                    run.Warning("The ASF licence header's words differ from the standard header (RAT accepts it by its licence URL)",
                        new { file = path }, memberPath: member, checker: Checker);
                    break;
                case HeaderKind.ThirdParty:
                    counts.ThirdParty++;
                    run.Warning($"third-party: {verdict.Detail}; LICENSE must list it", new { file = path, licence = verdict.Detail }, memberPath: member, checker: Checker);
                    break;
                case HeaderKind.Generated:
                    counts.Generated++;
                    if (generated.Count < Listed)
                    {
                        generated.Add(new { file = path, marker = verdict.Detail });
                    }

                    break;
                case HeaderKind.TooSmall:
                    counts.TooSmall++;
                    if (tooSmall.Count < Listed)
                    {
                        tooSmall.Add(path);
                    }

                    break;
                default:
                    counts.Failed++;
                    run.Failure(Problem(verdict), new { file = path, licence = verdict.Detail }, memberPath: member, checker: Checker);
                    break;
            }
        }

        Summarise(run, counts, generated, tooSmall);
        if (sets.Count > 0)
        {
            run.Success($"Exclusions applied: {string.Join("; ", sets.Select(s => $"{s.Name}: {s.Excluded:N0} {(s.Excluded == 1 ? "file" : "files")}"))}",
                new { sets = sets.Select(s => new { name = s.Name, patterns = s.Patterns, excluded = s.Excluded }).ToList() },
                checker: Checker);
        }
    }

    /// <summary>The lines of the revision's <see cref="RevisionIgnoreFile"/> (its first 64 KiB), or null when it has none.</summary>
    public static async Task<string[]?> RevisionIgnoreAsync(CheckRun run, CancellationToken cancellationToken)
    {
        if (run.Subject.Files.Find(RevisionIgnoreFile) is not { } file)
        {
            return null;
        }

        await using var content = await run.OpenAsync(file, cancellationToken);
        var buffer = new byte[(int)Math.Min(file.Size, ExcludesBytes)];
        await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        return Encoding.UTF8.GetString(buffer).Split('\n');
    }

    private static string Problem(HeaderVerdict verdict) => verdict.Kind switch
    {
        HeaderKind.Unapproved => $"{verdict.Detail}: a licence the ASF does not allow in its releases",
        HeaderKind.UnknownSpdx => $"SPDX-License-Identifier {verdict.Detail}: not a licence known to be allowed in ASF releases",
        HeaderKind.Proprietary => "\"All rights reserved\" and no licence: proprietary code cannot be part of an ASF release",
        HeaderKind.AlteredAsf => $"The ASF licence header in the first {HeadText.Lines} lines is altered: its words differ from the standard header",
        _ => $"No ASF licence header in the first {HeadText.Lines} lines, nor any other licence",
    };

    private void Summarise(CheckRun run, Counts counts, List<object> generated, List<string> tooSmall)
    {
        var files = _judged.Count;
        var data = new
        {
            files,
            valid = counts.Valid,
            altered = counts.Altered,
            thirdParty = counts.ThirdParty,
            generated = counts.Generated,
            tooSmall = counts.TooSmall,
            excluded = counts.Excluded,
            failed = counts.Failed,
            generatedFiles = generated,
            tooSmallFiles = tooSmall,
        };
        if (files == 0)
        {
            run.Success("No source files to check", data, checker: Checker);
            return;
        }

        var message = $"{files:N0} source files: {counts.Valid:N0} under the Apache License, {counts.ThirdParty:N0} third-party, "
            + $"{counts.Generated:N0} generated, {counts.TooSmall:N0} too small for a header, {counts.Excluded:N0} excluded, {counts.Failed:N0} failed";
        var status = counts.Failed > 0 ? CheckResultStatus.Failure
            : counts.ThirdParty + counts.Altered > 0 ? CheckResultStatus.Warning
            : CheckResultStatus.Success;
        run.Report(status, message, data, checker: Checker);
    }

    /// <summary>Every exclusion set the archive and the revision give, in a fixed order; unreadable ones are reported and left out.</summary>
    private List<ExclusionSet> ExclusionSets(CheckRun run)
    {
        var sets = new List<ExclusionSet>();
        if (revisionIgnore is not null && GitIgnore(run, RevisionIgnoreFile, revisionIgnore) is { } revision)
        {
            sets.Add(new(RevisionIgnoreFile, revision.Count, (_, relative) => revision.IsMatch(relative)));
        }

        foreach (var (path, folder, lines) in _ratExcludes.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            if (GitIgnore(run, path, lines) is { } patterns)
            {
                sets.Add(new(path, patterns.Count, (file, _) => file.StartsWith(folder, StringComparison.Ordinal) && patterns.IsMatch(file[folder.Length..])));
            }
        }

        foreach (var (path, content, whole) in _buildFiles.OrderBy(b => b.Path, StringComparer.Ordinal))
        {
            if (BuildExcludes(run, path, content, whole) is not { Count: > 0 } patterns)
            {
                continue;
            }

            var notApplied = new List<string>();
            if (patterns.Unsupported > 0)
            {
                notApplied.Add($"{patterns.Unsupported} %regex {(patterns.Unsupported == 1 ? "pattern" : "patterns")}");
            }

            if (patterns.Ignored > 0)
            {
                notApplied.Add($"{patterns.Ignored} past Atr's limit of {AntPatterns.MaxLength:N0} characters");
            }

            var unsupported = notApplied.Count > 0 ? $" ({string.Join(", ", notApplied)} not applied)" : "";
            sets.Add(FileName(path) is "pom.xml"
                ? new($"{path} apache-rat-plugin excludes{unsupported}", patterns.Count, (file, relative) => patterns.IsMatch(relative) || patterns.IsMatch(ModuleRelative(file)))
                : new($"{path} rat task excludes{unsupported}", patterns.Count, (_, relative) => patterns.IsMatch(relative)));
        }

        return sets;
    }

    /// <summary>The Ant patterns of a top-level build file, or null after a warning when they cannot be read.</summary>
    private static AntPatterns? BuildExcludes(CheckRun run, string path, ReadOnlyMemory<byte> content, bool whole)
    {
        var pom = FileName(path) is "pom.xml";
        var what = pom ? "apache-rat-plugin excludes" : "rat task excludes";
        if (!whole)
        {
            run.Warning($"{path} is larger than {BuildFileBytes / 1024 / 1024} MiB: its {what} were not read", new { file = path }, checker: Checker);
            return null;
        }

        if (!pom)
        {
            return new AntPatterns(RatBuildExcludes.FromGradle(Encoding.UTF8.GetString(content.Span)));
        }

        try
        {
            return new AntPatterns(RatBuildExcludes.FromPom(content));
        }
        catch (XmlException e)
        {
            run.Warning($"{path} cannot be read as XML ({e.Message}): its {what} are not used", new { file = path }, checker: Checker);
            return null;
        }
    }

    private static GitIgnorePatterns? GitIgnore(CheckRun run, string file, string[] lines)
    {
        try
        {
            return new GitIgnorePatterns(lines);
        }
        catch (Common.DomainException e)
        {
            run.Warning($"{file}: {e.Message}; the file is not used", checker: Checker);
            return null;
        }
    }

    /// <summary>The path below the nearest folder holding a pom.xml (a Maven module), or below the top folder.</summary>
    private string ModuleRelative(string path)
    {
        var lookup = _modules.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (lookup.Contains(path.AsSpan(0, slash + 1)))
            {
                return path[(slash + 1)..];
            }
        }

        return Relative(path);
    }

    /// <summary>The path below the archive's top folder.</summary>
    private static string Relative(string path) => path.Contains('/', StringComparison.Ordinal) ? path[(path.IndexOf('/') + 1)..] : path;

    private static ReadOnlySpan<char> FileName(string path) => path.AsSpan(path.LastIndexOf('/') + 1);

    private static bool IsSource(string path)
    {
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        var dot = name.LastIndexOf('.');
        return dot >= 0 && SourceExtension.Contains(name[(dot + 1)..]);
    }

    private static bool IsRatExcludesFile(string path) => FileName(path) is ".rat-excludes" or "rat-excludes.txt";

    /// <summary>A pom.xml, build.gradle or build.gradle.kts at the archive's top or in its top folder.</summary>
    private static bool IsBuildFile(string name) =>
        FileName(name) is "pom.xml" or "build.gradle" or "build.gradle.kts" && StructureRule.Normalize(name).Count(c => c == '/') <= 1;

    private sealed class Counts
    {
        public int Valid { get; set; }

        public int Altered { get; set; }

        public int ThirdParty { get; set; }

        public int Generated { get; set; }

        public int TooSmall { get; set; }

        public int Excluded { get; set; }

        public int Failed { get; set; }
    }

    /// <param name="Matches">Whether it excludes a file, given its path in the archive and its path below the top folder.</param>
    private sealed record ExclusionSet(string Name, int Patterns, Func<string, string, bool> Matches)
    {
        public int Excluded { get; set; }
    }
}
