using Afpakken.Engine.Storage;
using Afpakken.Jobs.Hangfire;
using Afpakken.Jobs.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Afpakken.Api.Hosting;

/// <summary>On a store without alerts, enqueues the demo world job so a fresh clone has something to show.</summary>
internal sealed class DemoWorldBootstrap(
    IOptions<AfpakkenOptions> options,
    IServiceProvider services,
    Serilog.ILogger logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The store and job client are resolved only when wanted: with the demo off, start-up touches neither.
        if (!options.Value.DemoOnEmptyStore
            || await services.GetRequiredService<IAlertStore>().CountAlertsAsync(cancellationToken) > 0)
        {
            return;
        }

        var root = options.Value.Layout().Root;
        var id = services.GetRequiredService<IBackgroundJobClient>().Enqueue<DemoWorldJob>(job => job.RunAsync(root, CancellationToken.None));
        logger.ForContext<DemoWorldBootstrap>().Information(
            "The store has no alerts: enqueued demo world job {JobId} for {DataDirectory}", id, root);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
