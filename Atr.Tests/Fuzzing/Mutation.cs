namespace Atr.Tests.Fuzzing;

/// <summary>
/// What a mutation may draw on: the input's own random source (seeded per input, so that an input is made again from
/// its seed alone) and the target's seeds, for splices.
/// </summary>
public sealed class MutationContext(Random random, IReadOnlyList<byte[]> seeds)
{
    public Random Random { get; } = random;

    public IReadOnlyList<byte[]> Seeds { get; } = seeds;

    public int Next(int maxExclusive) => Random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => Random.Next(minInclusive, maxExclusive);

    /// <summary>True with probability 1/<paramref name="n"/>.</summary>
    public bool OneIn(int n) => Random.Next(n) == 0;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public byte[] OtherSeed() => Pick(Seeds);

    /// <summary>A length for a chunk of <paramref name="available"/> bytes: mostly a few bytes, sometimes up to all of them.</summary>
    public int ChunkLength(int available)
    {
        if (available <= 0)
        {
            return 0;
        }

        var cap = Random.Next(4) switch
        {
            0 => available,
            1 => Math.Min(available, 512),
            _ => Math.Min(available, 16),
        };
        return Random.Next(1, cap + 1);
    }
}

/// <summary>One way of changing an input; null when it does not apply to this input (not the format it knows).</summary>
public interface IMutator
{
    byte[]? Mutate(byte[] input, MutationContext context);
}

/// <summary>Mutators chosen by weight; one that does not apply falls back to <see cref="Fallback"/>.</summary>
public sealed class WeightedMutator(IMutator fallback, params (int Weight, IMutator Mutator)[] choices) : IMutator
{
    private readonly int _total = choices.Sum(c => c.Weight);

    public IMutator Fallback { get; } = fallback;

    public byte[] Mutate(byte[] input, MutationContext context)
    {
        var pick = context.Next(_total);
        foreach (var (weight, mutator) in choices)
        {
            if (pick < weight)
            {
                return mutator.Mutate(input, context) ?? Fallback.Mutate(input, context) ?? input;
            }

            pick -= weight;
        }

        return Fallback.Mutate(input, context) ?? input;
    }
}
