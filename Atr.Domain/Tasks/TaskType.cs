namespace Atr.Domain.Tasks;

/// <summary>Every kind of background task, as in the original system.</summary>
public enum TaskType
{
    HashingCheck,
    KeysImportFile,
    LicenseFiles,
    LicenseHeaders,
    MessageSend,
    MetadataUpdate,
    PathsCheck,
    RatCheck,
    SbomAugment,
    SbomGenerateCyclonedx,
    SbomOsvScan,
    SbomQsScore,
    SbomToolScore,
    SignatureCheck,
    SvnImportFiles,
    TargzIntegrity,
    TargzStructure,
    VoteInitiate,
    ZipformatIntegrity,
    ZipformatStructure,
}

public static class TaskTypeExtensions
{
    /// <summary>A short label for people ("Signature check").</summary>
    public static string Label(this TaskType type) => type switch
    {
        TaskType.HashingCheck => "Hashing check",
        TaskType.KeysImportFile => "KEYS import",
        TaskType.LicenseFiles => "LICENSE and NOTICE",
        TaskType.LicenseHeaders => "Licence headers",
        TaskType.MessageSend => "Send message",
        TaskType.MetadataUpdate => "Metadata update",
        TaskType.PathsCheck => "Paths check",
        TaskType.RatCheck => "RAT check",
        TaskType.SbomAugment => "SBOM augment",
        TaskType.SbomGenerateCyclonedx => "SBOM generation",
        TaskType.SbomOsvScan => "SBOM vulnerability scan",
        TaskType.SbomQsScore => "SBOM quality score",
        TaskType.SbomToolScore => "SBOM conformance",
        TaskType.SignatureCheck => "Signature check",
        TaskType.SvnImportFiles => "SVN import",
        TaskType.TargzIntegrity => "tar.gz integrity",
        TaskType.TargzStructure => "tar.gz structure",
        TaskType.VoteInitiate => "Start vote",
        TaskType.ZipformatIntegrity => "zip integrity",
        TaskType.ZipformatStructure => "zip structure",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown task type"),
    };
}
