using Afpakken.Engine.Detection;

namespace Afpakken.Engine.Storage;

/// <summary>A page of alerts, highest score first.</summary>
public sealed record AlertPage(IReadOnlyList<Alert> Items, int Page, int PageSize, long Total);

/// <summary>Alerts in the relational store (SQLite embedded; PostgreSQL later behind the same interface).</summary>
public interface IAlertStore
{
    /// <summary>Replaces the alerts of a detection run in one transaction: readers see the old set or the new one.</summary>
    Task ReplaceAlertsAsync(string runId, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default);

    /// <summary>Pages are 1-based; <paramref name="pageSize"/> is 1..500.</summary>
    Task<AlertPage> ListAlertsAsync(int page, int pageSize, CancellationToken cancellationToken = default);

    Task<long> CountAlertsAsync(CancellationToken cancellationToken = default);
}
