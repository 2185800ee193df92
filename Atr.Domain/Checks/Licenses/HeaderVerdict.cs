namespace Atr.Domain.Checks.Licenses;

/// <summary>What a file's head says about its licence, in the order <see cref="HeaderJudge"/> decides it.</summary>
internal enum HeaderKind
{
    /// <summary>Empty or whitespace only: nothing to license.</summary>
    TooSmall,

    /// <summary>The Apache License 2.0 in a form RAT accepts: the ASF header, the short header, the licence URL or SPDX.</summary>
    Apache,

    /// <summary>Accepted by RAT through its licence URL, but the ASF header's words around it differ from the standard.</summary>
    ApacheAltered,

    /// <summary>Marked as the output of a code generator.</summary>
    Generated,

    /// <summary>A licence the ASF allows in its releases when LICENSE lists it (BSD, MIT, ISC, zlib, public domain, MPL, EPL, CDDL).</summary>
    ThirdParty,

    /// <summary>A licence the ASF does not allow in its releases (the GPL family, BSD with the advertising clause).</summary>
    Unapproved,

    /// <summary>An SPDX identifier of a licence this check does not know.</summary>
    UnknownSpdx,

    /// <summary>"All rights reserved" and no licence that grants anything.</summary>
    Proprietary,

    /// <summary>The ASF header begins, but its words differ and no form RAT accepts is there.</summary>
    AlteredAsf,

    /// <summary>No licence at all.</summary>
    None,
}

/// <param name="Detail">The licence's name (SPDX-like when known), or the generator's marker.</param>
internal readonly record struct HeaderVerdict(HeaderKind Kind, string? Detail = null);
