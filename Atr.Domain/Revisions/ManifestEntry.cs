namespace Atr.Domain.Revisions;

/// <summary>A file a new revision is to contain: its path and the size and hashes of its stored content.</summary>
public sealed record ManifestEntry(string Path, long Size, string Sha256, string Sha512);
