using Atr.Cli;

return await AtrCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
