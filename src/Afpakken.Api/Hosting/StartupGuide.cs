using Afpakken.Engine.Security;
using Afpakken.Jobs.Hosting;
using Microsoft.Extensions.Options;

namespace Afpakken.Api.Hosting;

/// <summary>Loads the signing key at start (a bad key fails the start, not the first request) and tells a developer how to get a token.</summary>
internal sealed class StartupGuide(
    SigningKeyStore keys,
    IOptions<AuthOptions> auth,
    IOptions<AfpakkenOptions> options,
    IHostApplicationLifetime lifetime,
    Serilog.ILogger logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = keys.Key;
        var log = logger.ForContext<StartupGuide>();
        if (string.IsNullOrWhiteSpace(auth.Value.SigningKey))
        {
            log.Information("Tokens are validated with the development signing key in {KeyFile}", keys.KeyFile);
        }

        lifetime.ApplicationStarted.Register(() => Console.WriteLine($"""

            Afpakken API, data directory {options.Value.Layout().Root}
              get a token:  dotnet run --project src/Afpakken.Jobs -- token --role analyst
              try it:       curl -H "Authorization: Bearer $(dotnet run --project src/Afpakken.Jobs -- token --role analyst)" http://localhost:5080/api/v1/alerts
              jobs:         http://localhost:5080/hangfire (local requests, roles engineer/admin)

            """));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
