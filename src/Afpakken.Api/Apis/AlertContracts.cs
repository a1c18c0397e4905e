using Afpakken.Engine.Detection;

namespace Afpakken.Api.Apis;

/// <summary>One alert as the API shows it: the explanation a person reads, and the accounts and transactions behind it.</summary>
public sealed record AlertResponse(
    string AlertId,
    string Typology,
    string Detector,
    double Score,
    string FocusAccount,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> TxIds,
    decimal TotalAmount,
    DateTime FirstAt,
    DateTime LastAt,
    string Explanation)
{
    public static AlertResponse From(Alert alert) => new(
        alert.AlertId, alert.Typology, alert.Detector, alert.Score, alert.FocusAccount, alert.Accounts, alert.TxIds,
        alert.TotalAmount, DateTime.SpecifyKind(alert.FirstAt, DateTimeKind.Utc), DateTime.SpecifyKind(alert.LastAt, DateTimeKind.Utc),
        alert.Explanation);
}

/// <summary>A page of alerts, highest score first; <c>total</c> counts all alerts.</summary>
public sealed record AlertPageResponse(IReadOnlyList<AlertResponse> Items, int Page, int PageSize, long Total);
