using Afpakken.Api.Security;
using Afpakken.Engine.Ingest;

namespace Afpakken.Api.Apis;

/// <summary>The ingest ledger for data engineers: every file loaded, with counts loaded, rejected (by reason) and duplicate.</summary>
public static class IngestEndpoints
{
    public static RouteGroupBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/ingest")
            .WithTags("Ingest")
            .RequireAuthorization(Policies.OperateJobs);

        api.MapGet("/files", ListFilesAsync)
            .WithName("ListIngestedFiles")
            .WithSummary("The ledger of ingested files, oldest first")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return api;
    }

    internal static async Task<IResult> ListFilesAsync(IngestLedger ledger, CancellationToken cancellationToken)
    {
        var entries = await ledger.ListAsync(cancellationToken);
        return TypedResults.Ok(new IngestedFilesResponse(entries.Select(IngestedFileResponse.From).ToList(), entries.Count));
    }
}

/// <summary>One ingested file: content hash, name, size, when, and what happened to its rows.</summary>
public sealed record IngestedFileResponse(
    string ContentHash, string FileName, long SizeBytes, DateTime IngestedAt, long RowsLoaded, long RowsRejected,
    long RowsDuplicate, IReadOnlyDictionary<string, long> RejectedByReason)
{
    public static IngestedFileResponse From(LedgerEntry e) => new(
        e.ContentHash, e.FileName, e.SizeBytes, DateTime.SpecifyKind(e.IngestedAt, DateTimeKind.Utc), e.RowsLoaded, e.RowsRejected,
        e.RowsDuplicate, e.RejectedByReason);
}

public sealed record IngestedFilesResponse(IReadOnlyList<IngestedFileResponse> Items, int Total);
