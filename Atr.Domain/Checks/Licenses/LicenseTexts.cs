using System.Security.Cryptography;

namespace Atr.Domain.Checks.Licenses;

/// <summary>The text <c>license.files</c> compares against: the Apache License 2.0.</summary>
internal static class LicenseTexts
{
    /// <summary>SHA-256 of the canonical https://www.apache.org/licenses/LICENSE-2.0.txt, which the resource must be.</summary>
    private const string ApacheLicenseSha256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";

    private static readonly Lazy<string> License = new(LoadLicense);

    /// <summary>The Apache License 2.0, with LF line ends and no leading blank lines.</summary>
    public static string ApacheLicense => License.Value;

    /// <summary>A byte order mark goes; CRLF and CR become LF; leading lines that are blank or whitespace only go.</summary>
    public static string Normalize(string text)
    {
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var firstWord = text.AsSpan().IndexOfAnyExcept(" \t\n\f\v");
        // Cut at the start of the line holding the first word: that line's own indentation is part of the text.
        return firstWord < 0 ? "" : text[(text.LastIndexOf('\n', Math.Max(firstWord - 1, 0)) + 1)..];
    }

    private static string LoadLicense()
    {
        using var stream = typeof(LicenseTexts).Assembly.GetManifestResourceStream("Atr.Domain.Checks.Licenses.Apache-2.0.txt")
            ?? throw new InvalidOperationException("The Apache License 2.0 resource is missing from Atr.Domain");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        if (Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray())) != ApacheLicenseSha256)
        {
            throw new InvalidOperationException("The Apache License 2.0 resource of Atr.Domain is not the canonical text");
        }

        return Normalize(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
