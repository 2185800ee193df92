namespace Atr.Domain.Checks.Archives;

/// <summary>One rule fed by an archive's single pass: it sees every member, then reports.</summary>
internal interface IArchiveRule
{
    /// <summary>How many leading bytes of a regular file the rule needs (0 for none).</summary>
    int Wants(ArchiveMember member);

    /// <param name="head">The member's first bytes, valid during this call only: the reader reuses its buffer for the next member.</param>
    void Visit(ArchiveMember member, ReadOnlyMemory<byte> head);

    /// <summary>Reports at least one file-level row; <paramref name="unreadable"/> when the pass stopped early.</summary>
    void Finish(CheckRun run, ArchiveException? unreadable);
}
