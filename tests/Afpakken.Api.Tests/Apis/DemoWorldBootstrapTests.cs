using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Storage;
using Afpakken.Jobs.Hangfire;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace Afpakken.Api.Tests.Apis;

public class DemoWorldBootstrapTests
{
    [Fact]
    public void On_an_empty_store_the_demo_world_job_is_enqueued_once_for_the_data_directory()
    {
        using var api = new ApiFactory { DemoOnEmptyStore = true };

        var enqueued = EnqueuedJobs(api);

        var job = Assert.Single(enqueued).Value.Job;
        Assert.Equal(typeof(DemoWorldJob), job.Type);
        Assert.Equal(api.DataDirectory, job.Args[0]);
    }

    [Fact]
    public async Task A_store_with_alerts_gets_no_demo_world()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("afpakken-seeded-").FullName;
        var store = await SqliteStore.OpenAsync(new DataLayout(dataDirectory));
        await store.ReplaceAlertsAsync("seed", [Some.Alert(0.5)]);
        using var api = new ApiFactory { DemoOnEmptyStore = true, DataDirectoryOverride = dataDirectory };

        Assert.Empty(EnqueuedJobs(api));
    }

    [Fact]
    public void Turned_off_no_demo_world_is_enqueued()
    {
        using var api = new ApiFactory { DemoOnEmptyStore = false };

        Assert.Empty(EnqueuedJobs(api));
    }

    private static JobList<EnqueuedJobDto> EnqueuedJobs(ApiFactory api) =>
        api.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 10);
}
