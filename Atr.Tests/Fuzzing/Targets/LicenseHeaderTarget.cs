using Atr.Domain.Checks.Licenses;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// A source file's head judged for its licence header (<see cref="HeadText"/> then <see cref="HeaderJudge"/>), as
/// <c>license.headers</c> judges each source member of an archive: at most its first 16 KiB. Always a verdict.
/// Seeds: the suite's header fixtures (ASF, third-party, generated, failing, short).
/// </summary>
public sealed class LicenseHeaderTarget : FuzzTarget
{
    private const int HeadBytes = 16 * 1024;

    private static readonly ByteMutator Bytes = new(
        "/*", "*/", " * ", "//", "#", "<!--", "-->", "\"\"\"", "rem ", "dnl ", "<p>", "<br>", "\n", "\r\n", "SPDX-License-Identifier: ",
        "Apache-2.0", "MIT", "GPL-2.0-only", "(", ")", " OR ", " AND ", "WITH", "Licensed to the Apache Software Foundation (ASF) under one",
        "http://www.apache.org/licenses/LICENSE-2.0", "All rights reserved", "@generated", "DO NOT EDIT", "Code generated");

    [ThreadStatic]
    private static char[]? _text;

    public override string Name => "license-header";

    public override IMutator Mutator { get; } = new WeightedMutator(Bytes, (3, Bytes), (1, new LineMutator()));

    public override FuzzLimits Limits { get; } = new(TimeSpan.FromSeconds(1), 4 << 20, 2 * HeadBytes);

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        var head = input.AsSpan(0, Math.Min(input.Length, HeadBytes));
        var text = _text ??= new char[HeadText.MaxLength(HeadBytes)];
        var length = HeadText.Normalize(head, text, out var facts);
        HeaderJudge.Judge(text.AsSpan(0, length), facts, head, head.Length >= input.Length);
        return FuzzOutcome.Result;
    }

    protected override IReadOnlyList<byte[]> LoadSeeds() => [.. Files("Licenses/headers")];
}
