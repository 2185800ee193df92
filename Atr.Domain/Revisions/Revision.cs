using Atr.Domain.Common;
using Atr.Domain.Releases;

namespace Atr.Domain.Revisions;

/// <summary>
/// One state of a release's files. Revisions are never changed: every change to a draft makes a new one.
/// Seq, Number, ParentName and Name are filled before insert (see RevisionNumberingInterceptor).
/// </summary>
public sealed class Revision : IDescribedEntity
{
    public const int NumberLength = 5;
    public const int NameMaxLength = Release.NameMaxLength + 1 + NumberLength;
    public const int DescriptionMaxLength = 1000;

    private Revision()
    {
    }

    public Revision(Release release, string asfUid, DateTime created, string? description)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (!Names.IsUserId(asfUid))
        {
            throw new DomainException($"'{asfUid}' is not a valid user id for the author of a revision");
        }

        if (description?.Length > DescriptionMaxLength)
        {
            throw new DomainException($"A revision description must be at most {DescriptionMaxLength} characters");
        }

        Release = release;
        ReleaseName = release.Name;
        Phase = release.Phase;
        AsfUid = asfUid;
        Created = created;
        Description = description;
    }

    /// <summary>"{release name} {number}", e.g. "widget-1.2.0 00003"; the primary key.</summary>
    public string Name { get; private set; } = null!;

    public string ReleaseName { get; private set; } = null!;

    public Release Release { get; private set; } = null!;

    /// <summary>1 for the first revision of a release, then 2, 3, ...</summary>
    public int Seq { get; private set; }

    /// <summary><see cref="Seq"/> zero-padded to five digits ("00003").</summary>
    public string Number { get; private set; } = null!;

    /// <summary>Who made the revision.</summary>
    public string AsfUid { get; private set; } = null!;

    public DateTime Created { get; private set; }

    /// <summary>The release's phase when the revision was made.</summary>
    public ReleasePhase Phase { get; private set; }

    /// <summary>The previous revision of the same release; null for the first.</summary>
    public string? ParentName { get; private set; }

    public Revision? Parent { get; private set; }

    public string? Description { get; private set; }

    public List<RevisionFile> Files { get; private set; } = [];

    public static string FormatNumber(int seq) => seq.ToString($"D{NumberLength}", System.Globalization.CultureInfo.InvariantCulture);

    public static string MakeName(string releaseName, string number) => $"{releaseName} {number}";

    public string Describe() => $"revision {Number} of {ReleaseName}";
}
