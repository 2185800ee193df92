namespace Atr.Domain.Checks;

/// <summary>
/// Path patterns in Ant syntax, as Maven and Gradle plugins take them: <c>*</c> and <c>?</c> within one folder name,
/// <c>**</c> for any number of folders, a trailing <c>/</c> meaning <c>/**</c>, always relative to a base folder and
/// case-sensitive. A pattern that matches a folder matches everything in it, as RAT skips an excluded folder whole.
/// Plexus's <c>%ant[...]</c> wrapper is read; <c>%regex[...]</c> patterns are counted in <see cref="Unsupported"/> and
/// not applied.
/// </summary>
/// <remarks>
/// Each pattern is a <see cref="Glob"/>, matched in time linear in the path. At most <see cref="MaxLength"/> characters
/// of patterns are applied, so that matching one path stays cheap; the rest are counted in <see cref="Ignored"/>.
/// </remarks>
public sealed class AntPatterns
{
    /// <summary>The most characters of patterns applied: far more than any build's exclusions.</summary>
    public const int MaxLength = 8 * 1024;

    private readonly List<Glob> _globs = [];

    public AntPatterns(IEnumerable<string> patterns)
    {
        var length = 0;
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim();
            if (pattern.StartsWith("%regex[", StringComparison.Ordinal))
            {
                Unsupported++;
                continue;
            }

            if (pattern.StartsWith("%ant[", StringComparison.Ordinal) && pattern.EndsWith(']'))
            {
                pattern = pattern[5..^1].Trim();
            }

            pattern = pattern.Replace('\\', '/');
            while (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern[2..];
            }

            pattern = pattern.TrimStart('/');
            if (pattern.Length == 0)
            {
                continue;
            }

            if (pattern.EndsWith('/'))
            {
                pattern += "**";
            }

            length += pattern.Length;
            if (length > MaxLength)
            {
                Ignored++;
                continue;
            }

            _globs.Add(Translate(pattern));
        }
    }

    /// <summary>How many patterns apply.</summary>
    public int Count => _globs.Count;

    /// <summary>How many patterns were given in a syntax this class does not apply (<c>%regex[...]</c>).</summary>
    public int Unsupported { get; }

    /// <summary>How many patterns are not applied because they are past <see cref="MaxLength"/>.</summary>
    public int Ignored { get; }

    /// <summary>Whether a '/'-separated path relative to the patterns' base folder is matched (excluded).</summary>
    public bool IsMatch(string path)
    {
        foreach (var glob in _globs)
        {
            if (glob.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The pattern, and everything in what it matches when that is a folder.</summary>
    private static Glob Translate(string pattern)
    {
        var segments = pattern.Split('/');
        var glob = new Glob.Builder();
        var needSlash = false;
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            var last = s == segments.Length - 1;
            if (segment == "**")
            {
                // Zero or more folders: "a/**/b" matches "a/b", "**/b" matches "b", "a/**" matches "a" and below.
                switch (needSlash, last)
                {
                    case (true, true):
                        glob.AnythingBelow();
                        break;
                    case (false, true):
                        glob.Anything();
                        break;
                    case (true, false):
                        glob.AnythingBelow().Char('/');
                        break;
                    case (false, false):
                        glob.AnyFolders();
                        break;
                }

                needSlash = false;
                continue;
            }

            if (needSlash)
            {
                glob.Char('/');
            }

            foreach (var c in segment)
            {
                glob.Wildcard(c);
            }

            needSlash = true;
        }

        return glob.AnythingBelow().Build();
    }
}
