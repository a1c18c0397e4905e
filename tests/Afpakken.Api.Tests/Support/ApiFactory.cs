extern alias api;

using Afpakken.Jobs.Hosting;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Afpakken.Api.Tests.Support;

/// <summary>
/// The API on a temp data directory, an explicit test signing key (never the user-level development key),
/// no demo job, and by default in-memory job storage without a server.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<api::Program>
{
    private string? _dataDirectory;

    /// <summary>A fresh temp directory unless <see cref="DataDirectoryOverride"/> names one (deleted on dispose either way).</summary>
    public string DataDirectory => _dataDirectory ??= DataDirectoryOverride ?? Directory.CreateTempSubdirectory("afpakken-api-").FullName;

    public string? DataDirectoryOverride { get; init; }

    /// <summary>Where a development key would land if the configured key were ignored; tests assert it never appears.</summary>
    public string ForbiddenDevelopmentKeyFile => Path.Combine(DataDirectory, "dev-signing.key");

    public bool RunWorker { get; init; }

    public bool InMemoryJobStorage { get; init; } = true;

    public bool DemoOnEmptyStore { get; init; }

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Afpakken:DataDirectory", DataDirectory);
        builder.UseSetting("Afpakken:DemoOnEmptyStore", DemoOnEmptyStore ? "true" : "false");
        builder.UseSetting("Afpakken:RunWorker", RunWorker ? "true" : "false");
        builder.UseSetting("Auth:SigningKey", TestKeys.SigningKeyBase64);
        builder.UseSetting("Auth:DevelopmentKeyFile", ForbiddenDevelopmentKeyFile);
        builder.ConfigureTestServices(services =>
        {
            if (InMemoryJobStorage)
            {
                services.AddKeyedSingleton<JobStorage>(JobsServiceCollectionExtensions.StorageKey, (_, _) => new InMemoryStorage());
            }

            ConfigureServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TempDirectory.TryDelete(DataDirectory);
        }
    }
}
