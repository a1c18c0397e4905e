using System.CommandLine;
using Afpakken.Jobs.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace Afpakken.Jobs.Cli;

/// <summary><c>afpakken worker --data DIR</c>: a Hangfire server on the data directory's job storage until Ctrl-C.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory (store, drop folder, job storage)", DefaultValueFactory = _ => "data" };
        var command = new Command("worker", "Run background jobs (ingest, detect, nightly) against the data directory's job storage") { data };
        command.SetAction((parse, ct) => CliRun.RunAsync("worker", async (logger, token) =>
        {
            await RunAsync(parse.GetValue(data)!, logger, token);
            return 0;
        }, ct));
        return command;
    }

    private static async Task RunAsync(string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Afpakken:DataDirectory"] = Path.GetFullPath(dataDirectory),
            ["Afpakken:RunWorker"] = "true",
        });
        builder.Services.AddSerilog(logger);
        builder.Services.AddSingleton(logger);
        builder.Services.AddAfpakkenJobs(builder.Configuration);
        using var host = builder.Build();
        logger.Information("Worker on {DataDirectory}; Ctrl-C stops it", Path.GetFullPath(dataDirectory));
        await host.RunAsync(cancellationToken);
    }
}
