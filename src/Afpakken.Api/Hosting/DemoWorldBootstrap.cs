using Afpakken.Engine.Storage;
using Afpakken.Jobs.Hangfire;
using Afpakken.Jobs.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Afpakken.Api.Hosting;

/// <summary>On a store without alerts, enqueues the demo world job so a fresh clone has something to show.</summary>
internal sealed class DemoWorldBootstrap(
    IOptions<AfpakkenOptions> options,
    IAlertStore store,
    IBackgroundJobClient jobs,
    Serilog.ILogger logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DemoOnEmptyStore || await store.CountAlertsAsync(cancellationToken) > 0)
        {
            return;
        }

        var root = options.Value.Layout().Root;
        var id = jobs.Enqueue<DemoWorldJob>(job => job.RunAsync(root, CancellationToken.None));
        logger.ForContext<DemoWorldBootstrap>().Information(
            "The store has no alerts: enqueued demo world job {JobId} for {DataDirectory}", id, root);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
