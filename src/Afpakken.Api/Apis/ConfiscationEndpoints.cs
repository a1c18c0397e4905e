using System.Globalization;
using System.Security.Claims;
using Afpakken.Api.Auditing;
using Afpakken.Api.Security;
using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Reports;
using Afpakken.Engine.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Afpakken.Api.Apis;

/// <summary>
/// The prosecutor's side: the asset overview of one subject (for a case number) and the ranked confiscation
/// candidates, as the same JSON the CLI writes (docs/confiscation.md). Prosecutors and admins only; every call is one
/// entry in the audit log (the access audit's; the service's own recording is off here).
/// </summary>
public static class ConfiscationEndpoints
{
    public static RouteGroupBuilder MapConfiscationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/confiscation")
            .WithTags("Confiscation")
            .RequireAuthorization(Policies.ReadConfiscation);

        api.MapGet("/subjects/{partyId}/asset-overview", AssetOverviewAsync)
            .WithName("AssetOverview")
            .WithSummary("Asset overview and unlawfully obtained benefit (three methods) of a subject and its straw men / front companies; needs a case number")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/candidates", CandidatesAsync)
            .WithName("ConfiscationCandidates")
            .WithSummary("Subjects ranked by expected recovery, with estimated benefit, recoverable value, seizure priority, evidence and reasons")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return api;
    }

    internal static async Task<Results<Ok<object>, ValidationProblem, ProblemHttpResult>> AssetOverviewAsync(
        string partyId,
        SqliteStore store,
        ConfiscationOptions options,
        Serilog.ILogger logger,
        AccessAudit audit,
        ClaimsPrincipal user,
        CancellationToken cancellationToken,
        string? caseNumber = null,
        string? purpose = null,
        string? from = null,
        string? to = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(caseNumber))
        {
            errors["caseNumber"] = ["an asset overview requires the case number it is requested for."];
        }

        var service = Service(store, options, logger, user, purpose);
        var period = await PeriodAsync(service, from, to, errors, cancellationToken);
        if (errors.Count > 0 || period is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var report = await service.SubjectReportAsync(partyId, period, caseNumber!, UserName(user), null, cancellationToken);
            await audit.ConsultedAsync(user, "asset-overview", $"party={partyId}&from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}",
                [partyId, .. report.Overview.Items.Select(i => i.AssetId)], cancellationToken, caseNumber, purpose ?? service.Purpose);
            return TypedResults.Ok(ConfiscationJson.Subject(report));
        }
        catch (InvalidInputException ex) when (ex.Source == partyId)
        {
            return TypedResults.Problem(detail: $"party {partyId}: {ex.Problem}", statusCode: StatusCodes.Status404NotFound);
        }
    }

    internal static async Task<Results<Ok<object>, ValidationProblem>> CandidatesAsync(
        SqliteStore store,
        ConfiscationOptions options,
        Serilog.ILogger logger,
        AccessAudit audit,
        ClaimsPrincipal user,
        CancellationToken cancellationToken,
        string? from = null,
        string? to = null)
    {
        var errors = new Dictionary<string, string[]>();
        var service = Service(store, options, logger, user, ConfiscationService.TriagePurpose);
        var period = await PeriodAsync(service, from, to, errors, cancellationToken);
        if (errors.Count > 0 || period is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var list = await service.CandidatesAsync(period, UserName(user), cancellationToken);
        await audit.ConsultedAsync(user, "confiscation-candidates", $"from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}",
            [.. list.Candidates.Select(c => c.SubjectId)], cancellationToken, purpose: ConfiscationService.TriagePurpose);
        return TypedResults.Ok(ConfiscationJson.Candidates(list));
    }

    private static ConfiscationService Service(SqliteStore store, ConfiscationOptions options, Serilog.ILogger logger, ClaimsPrincipal user, string? purpose) =>
        new(store, options, logger, TimeProvider.System)
        {
            Role = string.Join(',', user.FindAll(Engine.Security.DevelopmentTokenIssuer.RoleClaim).Select(c => c.Value)),
            Purpose = string.IsNullOrWhiteSpace(purpose) ? ConfiscationService.DefaultPurpose : purpose,

            // The endpoints record each read with the access audit (user, roles, record ids): one read, one entry.
            RecordsReads = false,
        };

    private static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    private static async Task<Period?> PeriodAsync(ConfiscationService service, string? from, string? to, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var fallback = await service.DefaultPeriodAsync(cancellationToken);
        if (fallback is null)
        {
            errors["store"] = ["no detection run in the store yet."];
            return null;
        }

        DateOnly Day(string? text, string name, DateOnly otherwise)
        {
            if (text is null)
            {
                return otherwise;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            errors[name] = [$"'{text}' is not a date (yyyy-MM-dd)."];
            return otherwise;
        }

        var period = new Period(Day(from, "from", fallback.From), Day(to, "to", fallback.To));
        if (period.From > period.To)
        {
            errors["from"] = ["from must not be after to."];
        }

        return period;
    }
}
