using Afpakken.Engine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Afpakken.Api.Apis;

/// <summary>Liveness for load balancers and people: the only anonymous route; it says nothing about the data.</summary>
public sealed record HealthResponse(string Status, bool StoreReachable);

public static class HealthEndpoints
{
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", CheckAsync)
            .WithName("Health")
            .WithTags("Health")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous();

    internal static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> CheckAsync(
        IServiceProvider services, Serilog.ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IAlertStore>().CountAlertsAsync(cancellationToken);
            return TypedResults.Ok(new HealthResponse("ok", StoreReachable: true));
        }
#pragma warning disable CA1031 // any failure to reach the store is what this endpoint reports
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.ForContext(typeof(HealthEndpoints)).Warning(ex, "Health check: the store is not reachable");
            return TypedResults.Json(new HealthResponse("unhealthy", StoreReachable: false), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
