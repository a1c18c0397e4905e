using Afpakken.Jobs.Hangfire;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Afpakken.Jobs.Hosting;

/// <summary>Registers the recurring jobs when a host starts (API or worker; registration is idempotent).</summary>
internal sealed class RecurringJobsRegistration(
    IRecurringJobManager manager,
    IOptions<SchedulingOptions> scheduling,
    IOptions<AfpakkenOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        RecurringJobs.Register(manager, scheduling.Value, options.Value.DataDirectory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
