using Afpakken.Jobs.Hosting;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afpakken.Api.Tests.Support;

/// <summary>A generic host with <see cref="JobsServiceCollectionExtensions.AddAfpakkenJobs"/>, as the worker builds it, on a temp data directory.</summary>
public sealed class JobsHost : IAsyncDisposable
{
    private readonly IHost _host;

    private JobsHost(IHost host, string dataDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _host.Services;

    public JobStorage Storage => Services.GetRequiredService<JobStorage>();

    public IBackgroundJobClient Jobs => Services.GetRequiredService<IBackgroundJobClient>();

    public static async Task<JobsHost> StartAsync(
        bool runWorker, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("afpakken-jobs-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Afpakken:DataDirectory"] = dataDirectory,
            ["Afpakken:RunWorker"] = runWorker ? "true" : "false",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddAfpakkenJobs(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            TempDirectory.TryDelete(dataDirectory);
            throw;
        }

        return new JobsHost(host, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        TempDirectory.TryDelete(DataDirectory);
    }
}
