using Atr.App.Cli;
using Atr.App.Hosting;

if (args is [CheckCommand.Name, ..])
{
    // Offline: no host, no database, no logging on standard output (it may carry the JSON document alone).
    return await CheckCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAtr();
var app = builder.Build();

switch (args)
{
    case [MigrateCommand.Name, ..]:
        return await MigrateCommand.RunAsync(app, CancellationToken.None);
    case [TokenCommand.Name, ..]:
        return await TokenCommand.RunAsync(app, args, Console.Out, Console.Error, CancellationToken.None);
}

await app.InitializeAtrAsync(CancellationToken.None);
app.UseAtr();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
