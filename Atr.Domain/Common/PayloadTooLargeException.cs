namespace Atr.Domain.Common;

/// <summary>An upload is larger than this instance accepts.</summary>
public sealed class PayloadTooLargeException(long limit)
    : DomainException($"The upload is larger than the limit of {Describe(limit)}")
{
    public long Limit { get; } = limit;

    private static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        _ => $"{bytes} bytes",
    };
}
