using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Atr.Domain.Checks.Licenses;

/// <summary>
/// The exclusions a project gives RAT in its build: the apache-rat-plugin's <c>&lt;exclude&gt;</c> (and newer
/// <c>&lt;inputExclude&gt;</c>) elements in a Maven <c>pom.xml</c>, wherever the plugin is configured (build plugins,
/// plugin management, profiles, executions), and the <c>excludes</c> of a Gradle <c>rat</c> task. Both give Ant
/// patterns (see <see cref="AntPatterns"/>).
/// </summary>
internal static class RatBuildExcludes
{
    private const string Plugin = "apache-rat-plugin";

    /// <summary>The apache-rat-plugin's exclusions in a pom.xml, in document order.</summary>
    /// <exception cref="XmlException">The pom is not well-formed XML, or declares a DTD.</exception>
    public static IReadOnlyList<string> FromPom(ReadOnlyMemory<byte> pom)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        using var stream = new MemoryStream(pom.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, settings);
        var document = XDocument.Load(reader);
        return document.Descendants()
            .Where(e => e.Name.LocalName == "plugin" && e.Elements().Any(c => c.Name.LocalName == "artifactId" && c.Value.Trim() == Plugin))
            .SelectMany(p => p.Elements().Where(e => e.Name.LocalName == "configuration")
                .Concat(p.Elements().Where(e => e.Name.LocalName == "executions").Elements().Elements().Where(e => e.Name.LocalName == "configuration")))
            .SelectMany(c => c.Descendants().Where(e => e.Name.LocalName is "exclude" or "inputExclude"))
            .Select(e => e.Value.Trim())
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The exclusions of the <c>rat</c> task in a Gradle build script (Groovy or Kotlin): every string given to
    /// <c>exclude</c> or <c>excludes</c> (<c>= [...]</c>, <c>+=</c>, <c>.add(...)</c>, <c>.addAll(listOf(...))</c>,
    /// <c>exclude '...'</c>) inside a block whose header names the task (<c>rat {</c>, <c>tasks.named("rat") {</c>,
    /// <c>tasks.withType&lt;RatTask&gt; {</c>), or after <c>rat.</c> outside one.
    /// </summary>
    public static IReadOnlyList<string> FromGradle(string script)
    {
        var tokens = Tokens(script);
        var patterns = new List<string>();
        var statementStart = 0;
        var blocks = new Stack<bool>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token is { Kind: TokenKind.Symbol, Text: "{" })
            {
                blocks.Push(blocks.Any(b => b) || NamesRatTask(tokens, statementStart, i));
                statementStart = i + 1;
            }
            else if (token is { Kind: TokenKind.Symbol, Text: "}" })
            {
                blocks.TryPop(out _);
                statementStart = i + 1;
            }
            else if (token.Kind == TokenKind.Newline || token is { Kind: TokenKind.Symbol, Text: ";" })
            {
                statementStart = i + 1;
            }
            else if (token is { Kind: TokenKind.Word, Text: "exclude" or "excludes" }
                && ((blocks.Count > 0 && blocks.Peek())
                    || (i >= 2 && tokens[i - 1].Text == "." && tokens[i - 2] is { Kind: TokenKind.Word, Text: "rat" })))
            {
                i = Statement(tokens, i + 1, patterns) - 1;
            }
        }

        return patterns.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool NamesRatTask(List<Token> tokens, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (tokens[i] is { Kind: TokenKind.Word, Text: "rat" or "RatTask" } or { Kind: TokenKind.String, Text: "rat" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the strings of the statement that starts at <paramref name="from"/>; answers where it ends.</summary>
    private static int Statement(List<Token> tokens, int from, List<string> patterns)
    {
        var depth = 0;
        var continued = true;
        var i = from;
        for (; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.String)
            {
                patterns.Add(token.Text);
                continued = false;
                continue;
            }

            if (token.Kind == TokenKind.Newline)
            {
                if (depth == 0 && !continued)
                {
                    break;
                }

                continue;
            }

            switch (token.Text)
            {
                case "(" or "[":
                    depth++;
                    continued = true;
                    break;
                case ")" or "]":
                    depth--;
                    continued = false;
                    break;
                case "}" or ";" when depth <= 0:
                    return i;
                case "=" or "+" or "," or ".":
                    continued = true;
                    break;
                default:
                    continued = false;
                    break;
            }
        }

        return i;
    }

    /// <summary>Words, strings (their content), single-character symbols and line ends; comments go.</summary>
    private static List<Token> Tokens(string script)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\n')
            {
                tokens.Add(new(TokenKind.Newline, "\n"));
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < script.Length && script[i + 1] == '/')
            {
                i = script.IndexOf('\n', i) is var end and >= 0 ? end : script.Length;
            }
            else if (c == '/' && i + 1 < script.Length && script[i + 1] == '*')
            {
                i = script.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : script.Length;
            }
            else if (c is '"' or '\'')
            {
                var triple = i + 2 < script.Length && script[i + 1] == c && script[i + 2] == c;
                var quote = triple ? new string(c, 3) : c.ToString();
                var start = i + quote.Length;
                var text = new StringBuilder();
                var j = start;
                while (j < script.Length && !script.AsSpan(j).StartsWith(quote, StringComparison.Ordinal))
                {
                    if (script[j] == '\\' && !triple && j + 1 < script.Length)
                    {
                        j++;
                    }

                    text.Append(script[j++]);
                }

                tokens.Add(new(TokenKind.String, text.ToString()));
                i = Math.Min(script.Length, j + quote.Length);
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '$')
            {
                var start = i;
                while (i < script.Length && (char.IsLetterOrDigit(script[i]) || script[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new(TokenKind.Word, script[start..i]));
            }
            else
            {
                tokens.Add(new(TokenKind.Symbol, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Word,
        String,
        Symbol,
        Newline,
    }

    private readonly record struct Token(TokenKind Kind, string Text);
}
