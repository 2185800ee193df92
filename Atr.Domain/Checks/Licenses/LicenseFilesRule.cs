using System.Text;
using System.Text.RegularExpressions;
using Atr.Domain.Checks.Archives;

namespace Atr.Domain.Checks.Licenses;

/// <summary>
/// <c>license.files</c>: at the top of the archive's folder, one LICENSE that begins with the Apache License 2.0,
/// one NOTICE in UTF-8 naming the product, the ASF copyright and the ASF attribution, and for podlings a DISCLAIMER
/// or DISCLAIMER-WIP. Each may be named with <c>.txt</c> or <c>.md</c> too, as RAT and the ASF's release policy allow.
/// Copies in several places, or under several of these names, are reported, since only one can be the right one.
/// </summary>
internal sealed partial class LicenseFilesRule(bool podling) : IArchiveRule
{
    public const string Checker = "license.files";

    private const int NoticeBytes = 256 * 1024;

    private static readonly string[] Names = ["LICENSE", "NOTICE", "DISCLAIMER", "DISCLAIMER-WIP"];

    private static readonly string[] Extensions = ["", ".txt", ".md"];

    private readonly Dictionary<string, List<(string Path, ReadOnlyMemory<byte> Content)>> _found = Names.ToDictionary(n => n, _ => new List<(string, ReadOnlyMemory<byte>)>());

    public int Wants(ArchiveMember member) => Name(member) switch
    {
        "LICENSE" => Encoding.UTF8.GetByteCount(LicenseTexts.ApacheLicense) + 4096,
        "NOTICE" => NoticeBytes,
        _ => 0,
    };

    public void Visit(ArchiveMember member, ReadOnlyMemory<byte> head)
    {
        if (Name(member) is { } name)
        {
            _found[name].Add((StructureRule.Normalize(member.Name), head.ToArray()));
        }
    }

    public void Finish(CheckRun run, ArchiveException? unreadable)
    {
        if (unreadable is not null)
        {
            run.Failure($"LICENSE and NOTICE were not judged: the archive could not be read to its end ({unreadable.Message})", checker: Checker);
            return;
        }

        if (One(run, "LICENSE") is { } license)
        {
            JudgeLicense(run, license);
        }

        if (One(run, "NOTICE") is { } notice)
        {
            JudgeNotice(run, notice);
        }

        if (podling)
        {
            var disclaimers = _found["DISCLAIMER"].Concat(_found["DISCLAIMER-WIP"]).Select(d => d.Path).ToList();
            if (disclaimers.Count == 0)
            {
                run.Failure("No DISCLAIMER or DISCLAIMER-WIP: a podling's releases must carry one at the top of the archive's folder", checker: Checker);
            }
            else
            {
                run.Success($"{disclaimers[0]} is present, as podling releases need", new { files = disclaimers }, checker: Checker);
            }
        }
    }

    /// <summary>The file when there is exactly one; otherwise reports what is wrong and answers null.</summary>
    private (string Path, ReadOnlyMemory<byte> Content)? One(CheckRun run, string name)
    {
        var found = _found[name];
        if (found.Count == 1)
        {
            return found[0];
        }

        if (found.Count == 0)
        {
            run.Failure($"No {name} file at the top of the archive's folder", checker: Checker);
        }
        else
        {
            run.Failure($"{found.Count} {name} files ({string.Join(", ", found.Select(f => f.Path))}): keep one, at the top of the archive's folder",
                new { files = found.Select(f => f.Path).ToList() }, checker: Checker);
        }

        return null;
    }

    private static void JudgeLicense(CheckRun run, (string Path, ReadOnlyMemory<byte> Content) license)
    {
        // Many projects ship the licence with its two apache.org URLs changed to https; the terms are the same.
        var text = LicenseTexts.Normalize(Encoding.UTF8.GetString(license.Content.Span))
            .Replace("https://www.apache.org/licenses/", "http://www.apache.org/licenses/", StringComparison.Ordinal);
        var reference = LicenseTexts.ApacheLicense;
        if (text.StartsWith(reference, StringComparison.Ordinal))
        {
            run.Success($"{license.Path} begins with the Apache License 2.0", new { file = license.Path }, checker: Checker);
            return;
        }

        var expected = reference.Split('\n');
        var found = text.Split('\n');
        var line = Enumerable.Range(0, expected.Length).First(i => i >= found.Length || found[i] != expected[i]);
        run.Failure($"{license.Path} does not begin with the Apache License 2.0: line {line + 1} differs",
            new { file = license.Path, line = line + 1, expected = expected[line], found = line < found.Length ? found[line] : null },
            checker: Checker);
    }

    private static void JudgeNotice(CheckRun run, (string Path, ReadOnlyMemory<byte> Content) notice)
    {
        string text;
        try
        {
            text = LicenseTexts.Normalize(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(notice.Content.Span));
        }
        catch (DecoderFallbackException)
        {
            run.Failure($"{notice.Path} is not valid UTF-8", new { file = notice.Path }, checker: Checker);
            return;
        }

        var missing = new List<string>();
        if (!Product().IsMatch(text))
        {
            missing.Add("the product line (\"Apache <Product>\")");
        }

        if (!Copyright().IsMatch(text))
        {
            missing.Add("the copyright line (\"Copyright <year>[-<year>] The Apache Software Foundation\")");
        }

        if (!Attribution().IsMatch(text))
        {
            missing.Add("the attribution (\"This product includes software developed at\" / \"The Apache Software Foundation (https://www.apache.org/).\")");
        }

        var preamble = string.Join('\n', text.Split('\n').Take(3));
        if (missing.Count == 0)
        {
            run.Success($"{notice.Path} names the product, the ASF copyright and the ASF attribution", new { file = notice.Path, preamble }, checker: Checker);
        }
        else
        {
            run.Failure($"{notice.Path} lacks {string.Join("; ", missing)}", new { file = notice.Path, missing, preamble }, checker: Checker);
        }
    }

    /// <summary>
    /// Which of LICENSE, NOTICE or a disclaimer (bare, .txt or .md) the member is, at the archive's top or in its
    /// top-level folder; AppleDouble files do not count.
    /// </summary>
    private static string? Name(ArchiveMember member)
    {
        if (member.Kind != ArchiveMemberKind.File)
        {
            return null;
        }

        var path = StructureRule.Normalize(member.Name).AsSpan();
        var slash = path.IndexOf('/');
        if (slash >= 0 && path[(slash + 1)..].Contains('/'))
        {
            return null;
        }

        var file = path[(slash + 1)..];
        foreach (var name in Names)
        {
            if (file.StartsWith(name, StringComparison.Ordinal) && Extensions.Contains(file[name.Length..].ToString()))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>A line that begins with "Apache" and the product's name (stricter than anywhere in the text, where "The Apache Software Foundation" would do).</summary>
    [GeneratedRegex(@"^Apache\s+[\w\-\.]+", RegexOptions.Multiline)]
    private static partial Regex Product();

    [GeneratedRegex(@"Copyright\s+(?:\d{4}|\d{4}-\d{4})\s+The Apache Software Foundation")]
    private static partial Regex Copyright();

    [GeneratedRegex(@"This product includes software developed at\s*\nThe Apache Software Foundation \(.*?\)", RegexOptions.Singleline)]
    private static partial Regex Attribution();
}
