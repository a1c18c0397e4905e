using System.Security.Claims;
using Afpakken.Api.Auditing;
using Afpakken.Api.Security;
using Afpakken.Engine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Afpakken.Api.Apis;

public static class AlertsEndpoints
{
    public const int MaxPageSize = 500;

    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts")
            .WithTags("Alerts")
            .RequireAuthorization(Policies.ReadAlerts);

        api.MapGet("", ListAlertsAsync)
            .WithName("ListAlerts")
            .WithSummary("Alerts, highest score first, one page at a time")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return api;
    }

    internal static async Task<Results<Ok<AlertPageResponse>, ValidationProblem>> ListAlertsAsync(
        IAlertStore store,
        AccessAudit audit,
        ClaimsPrincipal user,
        CancellationToken cancellationToken,
        int page = 1,
        int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await store.ListAlertsAsync(page, pageSize, cancellationToken);
        var items = result.Items.Select(AlertResponse.From).ToList();
        await audit.ConsultedAsync(user, "alerts", $"page={page}&pageSize={pageSize}", items.ConvertAll(a => a.AlertId), cancellationToken, purpose: "alert triage");
        return TypedResults.Ok(new AlertPageResponse(items, result.Page, result.PageSize, result.Total));
    }
}
