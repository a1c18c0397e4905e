using Afpakken.Api.Tests.Support;
using Afpakken.Jobs.Hangfire;
using Afpakken.Jobs.Hosting;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Afpakken.Api.Tests.Jobs;

public class RecurringJobsTests
{
    private static readonly Action<IServiceCollection> InMemory = services => services.AddKeyedSingleton<JobStorage>(JobsServiceCollectionExtensions.StorageKey, (_, _) => new InMemoryStorage());

    [Fact]
    public async Task The_nightly_job_is_registered_with_the_configured_cron_and_time_zone()
    {
        var settings = new Dictionary<string, string?> { ["Scheduling:NightlyCron"] = "30 3 * * 1-5", ["Scheduling:TimeZone"] = "America/New_York" };
        await using var host = await JobsHost.StartAsync(runWorker: false, settings, InMemory);

        using var connection = host.Storage.GetConnection();
        var nightly = Assert.Single(connection.GetRecurringJobs(), job => job.Id == RecurringJobs.NightlyId);
        Assert.Equal("30 3 * * 1-5", nightly.Cron);
        Assert.Equal("America/New_York", nightly.TimeZoneId);
        Assert.Equal(typeof(NightlyJob), nightly.Job.Type);
        Assert.Equal(host.DataDirectory, nightly.Job.Args[0]);
    }

    [Fact]
    public async Task The_defaults_are_two_oclock_amsterdam_time()
    {
        await using var host = await JobsHost.StartAsync(runWorker: false, configure: InMemory);

        var scheduling = host.Services.GetRequiredService<IOptions<SchedulingOptions>>().Value;
        using var connection = host.Storage.GetConnection();
        var nightly = Assert.Single(connection.GetRecurringJobs(), job => job.Id == RecurringJobs.NightlyId);
        Assert.Equal(("0 2 * * *", "Europe/Amsterdam"), (scheduling.NightlyCron, scheduling.TimeZone));
        Assert.Equal(("0 2 * * *", "Europe/Amsterdam"), (nightly.Cron, nightly.TimeZoneId));
    }

    [Theory]
    [InlineData("Scheduling:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Scheduling:NightlyCron", "every night")]
    [InlineData("Afpakken:DataDirectory", "")]
    public async Task Invalid_settings_stop_the_start(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value };

        await Assert.ThrowsAsync<OptionsValidationException>(() => JobsHost.StartAsync(runWorker: false, settings, InMemory));
    }
}
