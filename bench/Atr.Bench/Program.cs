using System.Globalization;
using Atr.Bench;
using BenchmarkDotNet.Running;

// engine [tasks] [concurrency]: the check engine's throughput.
// latency <app url> <state folder> <token> [tasks]: from a task's commit to the browser (run by bench/latency.sh).
// compare <app url> <token> <app pid> [views]: concurrent compare views of a large change (run by bench/compare.sh).
// Anything else goes to BenchmarkDotNet.
if (args is ["latency", var url, var state, var token, ..])
{
    return await LiveLatency.RunAsync(new Uri(url), state, token, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 200);
}

if (args is ["compare", var address, var secret, var pid, ..])
{
    return await CompareViews.RunAsync(new Uri(address), secret, int.Parse(pid, CultureInfo.InvariantCulture),
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10);
}

if (args is ["engine", ..])
{
    var tasks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
    return await EngineThroughput.RunAsync(tasks, concurrency);
}

BenchmarkSwitcher.FromAssembly(typeof(RevisionBenchmarks).Assembly).Run(args);
return 0;
