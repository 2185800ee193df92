using System.ComponentModel.DataAnnotations;

namespace Atr.App.Jobs;

/// <summary>The <c>Atr:Checks</c> section: how many checks run at once, and for how long at most.</summary>
public sealed class CheckOptions
{
    public const string Section = "Atr:Checks";

    [Range(1, 256)]
    public int Concurrency { get; set; } = Environment.ProcessorCount;

    [Range(1, 86_400)]
    public int TimeoutSeconds { get; set; } = 300;
}
