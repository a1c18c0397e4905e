using Afpakken.Api.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afpakken.Api.Tests.Apis;

public class HostingTests
{
    [Fact]
    public void The_api_runs_no_hangfire_server_when_RunWorker_is_false()
    {
        using var api = new ApiFactory { RunWorker = false };

        var hosted = api.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.DoesNotContain("BackgroundJobServerHostedService", hosted);
    }

    [Fact]
    public void The_api_runs_a_hangfire_server_by_default()
    {
        using var api = new ApiFactory { RunWorker = true };

        var hosted = api.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();

        Assert.Contains("BackgroundJobServerHostedService", hosted);
        Assert.NotNull(api.Services.GetService<JobStorage>());
    }
}
