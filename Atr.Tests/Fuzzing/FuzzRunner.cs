using System.Diagnostics;
using System.Globalization;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Runs a target on mutated inputs, each made from its own seed (derived from the run seed and its index, so that any
/// one input is made again from its printed seed alone), on a worker thread that a watchdog keeps to the time limit.
/// Every input must end in a result or a domain error, within the target's time and allocation limits; the first
/// <see cref="KeptViolations"/> that do not are logged with their seeds and saved as regression fixtures.
/// </summary>
/// <remarks>
/// Allocation is measured for the whole process (<see cref="GC.GetTotalAllocatedBytes"/>), since some parsers work on
/// more than one thread (archives decompress on a thread of their own): runs must not share a process with other work.
/// </remarks>
public static class FuzzRunner
{
    /// <summary>Violations logged in full and saved; past these, they are only counted.</summary>
    public const int KeptViolations = 20;

    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The seed of input <paramref name="index"/> of a run (SplitMix64 of the two).</summary>
    public static uint InputSeed(ulong runSeed, long index)
    {
        var z = runSeed + ((ulong)index * 0x9E3779B97F4A7C15UL) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)((z ^ (z >> 31)) >> 32);
    }

    /// <summary>The input a seed stands for: one of the target's seeds, mutated one to eight times (a few times in a hundred, not at all).</summary>
    public static byte[] Generate(FuzzTarget target, uint seed)
    {
        var context = new MutationContext(new Random(unchecked((int)seed)), target.Seeds);
        var input = context.Pick(target.Seeds);
        var rounds = context.OneIn(64) ? 0 : context.OneIn(8) ? context.Next(4, 9) : context.Next(1, 4);
        for (var round = 0; round < rounds; round++)
        {
            input = target.Mutator.Mutate(input, context) ?? input;
        }

        return input.Length > target.Limits.InputBytes ? input[..target.Limits.InputBytes] : input;
    }

    /// <summary>
    /// Runs <paramref name="inputs"/> mutated inputs of the run, from input <paramref name="first"/> on (so that several
    /// processes share one run's inputs); violations are saved under <paramref name="regressions"/>/{target} when given.
    /// </summary>
    public static FuzzReport Run(FuzzTarget target, ulong runSeed, long first, long inputs, string? regressions, Action<string> log)
    {
        WarmUp(target);
        return new Session(target, runSeed, first, inputs, index => (InputSeed(runSeed, index), null), regressions, log).Execute();
    }

    /// <summary>Runs one saved input under the same watch and limits.</summary>
    public static FuzzReport Replay(FuzzTarget target, uint seed, byte[] input, Action<string> log)
    {
        WarmUp(target);
        return new Session(target, 0, 0, 1, _ => (seed, input), null, log).Execute();
    }

    /// <summary>Runs the seeds, unmeasured: the first call of a parser pays for its compilation, which is not an input's doing.</summary>
    private static void WarmUp(FuzzTarget target)
    {
        foreach (var seed in target.Seeds)
        {
            Measure(target, seed, CancellationToken.None);
        }
    }

    private static Measurement Measure(FuzzTarget target, byte[] input, CancellationToken cancellationToken)
    {
        var allocated = GC.GetTotalAllocatedBytes();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var outcome = target.Run(input, cancellationToken);
            return new Measurement(outcome, null, Stopwatch.GetElapsedTime(started), GC.GetTotalAllocatedBytes() - allocated);
        }
        catch (Exception e)
        {
            return new Measurement(null, e, Stopwatch.GetElapsedTime(started), GC.GetTotalAllocatedBytes() - allocated);
        }
    }

    private sealed record Measurement(FuzzOutcome? Outcome, Exception? Error, TimeSpan Elapsed, long Allocated);

    /// <param name="source">The seed of each input, and the input itself when it is not to be generated from the seed.</param>
    private sealed class Session(
        FuzzTarget target, ulong runSeed, long first, long inputs, Func<long, (uint Seed, byte[]? Input)> source, string? regressions, Action<string> log)
    {
        private readonly Lock _gate = new();
        private readonly FuzzReport _report = new(target.Name, runSeed);
        private readonly long _progressEvery = inputs >= 100_000 ? inputs / 20 : long.MaxValue;
        private Current? _current;
        private bool _abandoned;
        private Exception? _failure;

        public FuzzReport Execute()
        {
            var clock = Stopwatch.StartNew();
            var worker = new Thread(Work) { IsBackground = true, Name = $"fuzz {target.Name}" };
            worker.Start();
            while (!worker.Join(WatchInterval) && !Watch())
            {
            }

            lock (_gate)
            {
                _abandoned = true;
                _report.Elapsed = clock.Elapsed;
                return _failure is null ? _report : throw new InvalidOperationException($"The fuzzer itself failed in the {target.Name} run", _failure);
            }
        }

        private void Work()
        {
            try
            {
                WorkOrThrow();
            }
            catch (Exception e)
            {
                // The fuzzer's own fault (a mutator's), never the parser's: it ends the run, which reports it.
                lock (_gate)
                {
                    _failure = e;
                }
            }
        }

        private void WorkOrThrow()
        {
            var clock = Stopwatch.StartNew();
            for (var index = first; index < first + inputs; index++)
            {
                var (seed, given) = source(index);
                var input = given ?? Generate(target, seed);
                using var cancel = new CancellationTokenSource();
                var current = new Current(index, seed, input, cancel, Stopwatch.GetTimestamp());
                lock (_gate)
                {
                    if (_abandoned)
                    {
                        return;
                    }

                    _current = current;
                }

                var measured = Measure(target, input, cancel.Token);
                lock (_gate)
                {
                    if (_abandoned)
                    {
                        return;
                    }

                    _current = null;
                    Record(current, measured);
                }

                var done = index + 1 - first;
                if (done % _progressEvery == 0)
                {
                    log(string.Create(CultureInfo.InvariantCulture,
                        $"{target.Name}: {done:N0} inputs from input {first:N0}, {_report.ViolationCount:N0} violations, {done / clock.Elapsed.TotalSeconds:N0} inputs/s"));
                }
            }
        }

        /// <summary>
        /// Holds the running input to its time limit: past it, a violation, and the input is cancelled; past four times
        /// the limit, it hangs: the run ends there, leaving the worker behind. True when the run has ended.
        /// </summary>
        private bool Watch()
        {
            lock (_gate)
            {
                if (_current is not { } current)
                {
                    return false;
                }

                var elapsed = Stopwatch.GetElapsedTime(current.Started);
                if (elapsed <= target.Limits.Time)
                {
                    return false;
                }

                if (!current.Overdue)
                {
                    current.Overdue = true;
                    current.Cancel.Cancel();
                    Violation(current, "time", $"still running after {Milliseconds(elapsed)}, past the limit of {Milliseconds(target.Limits.Time)}: cancelled");
                }

                if (elapsed <= target.Limits.Time * 4)
                {
                    return false;
                }

                log($"{target.Name}: input {current.Index:N0} (seed {current.Seed:x8}) hangs: still running {Milliseconds(elapsed)} after it started; the run ends here");
                _report.Inputs++;
                return true;
            }
        }

        private void Record(Current current, Measurement measured)
        {
            _report.Inputs++;
            if (measured.Elapsed > _report.Slowest)
            {
                (_report.Slowest, _report.SlowestSeed) = (measured.Elapsed, current.Seed);
            }

            if (measured.Allocated > _report.MostAllocated)
            {
                (_report.MostAllocated, _report.MostAllocatedSeed) = (measured.Allocated, current.Seed);
            }

            if (current.Overdue)
            {
                return;
            }

            if (measured.Error is { } error)
            {
                Violation(current, "exception", $"{error.GetType().FullName}: {error.Message}", error);
            }
            else if (measured.Allocated > target.Limits.AllocatedBytes)
            {
                Violation(current, "memory", $"allocated {measured.Allocated:N0} bytes, past the limit of {target.Limits.AllocatedBytes:N0}");
            }
            else if (measured.Elapsed > target.Limits.Time)
            {
                Violation(current, "time", $"took {Milliseconds(measured.Elapsed)}, past the limit of {Milliseconds(target.Limits.Time)}");
            }
            else if (measured.Outcome == FuzzOutcome.Result)
            {
                _report.Results++;
            }
            else
            {
                _report.DomainErrors++;
            }
        }

        private void Violation(Current current, string kind, string message, Exception? error = null)
        {
            if (++_report.ViolationCount > KeptViolations)
            {
                return;
            }

            string? saved = null;
            if (regressions is not null)
            {
                var folder = Path.Combine(regressions, target.Name);
                Directory.CreateDirectory(folder);
                saved = Path.Combine(folder, $"{current.Seed:x8}.bin");
                File.WriteAllBytes(saved, current.Input);
            }

            var violation = new FuzzViolation(target.Name, runSeed, current.Index, current.Seed, kind, message, saved);
            _report.Add(violation);
            log(error is null ? violation.ToString() : $"{violation}\n{error}");
        }

        private static string Milliseconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:N0} ms");

        private sealed class Current(long index, uint seed, byte[] input, CancellationTokenSource cancel, long started)
        {
            public long Index { get; } = index;

            public uint Seed { get; } = seed;

            public byte[] Input { get; } = input;

            public CancellationTokenSource Cancel { get; } = cancel;

            public long Started { get; } = started;

            public bool Overdue { get; set; }
        }
    }
}
