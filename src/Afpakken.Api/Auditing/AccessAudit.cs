using System.Security.Claims;
using Afpakken.Engine.Security;
using Afpakken.Engine.Storage;

namespace Afpakken.Api.Auditing;

/// <summary>
/// Records every consultation of personal data (domain §6, LED art. 25): when, who, in which role, what was read,
/// how many records, and the justification (case number / purpose) — in the append-only, hash-chained
/// <see cref="AuditLog"/> of the store, and as a structured log event marked <c>Audit = true</c>.
/// </summary>
internal sealed class AccessAudit
{
    private readonly Serilog.ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AuditLog _log;

    public AccessAudit(Serilog.ILogger logger, TimeProvider time, SqliteStore store)
    {
        _logger = logger.ForContext<AccessAudit>().ForContext("Audit", true);
        _time = time;
        _log = new AuditLog(store, time);
    }

    public async Task ConsultedAsync(
        ClaimsPrincipal user, string resource, string query, IReadOnlyList<string> recordIds, CancellationToken cancellationToken,
        string? caseNumber = null, string? purpose = null)
    {
        var roles = user.FindAll(DevelopmentTokenIssuer.RoleClaim).Select(c => c.Value).ToArray();
        var name = user.Identity?.Name ?? "anonymous";
        var shown = string.Join(", ", recordIds.Take(50)) + (recordIds.Count > 50 ? ", …" : "");
        await _log.AppendAsync(name, string.Join(',', roles), "consult", $"{resource} {query}: {recordIds.Count} records ({shown})",
            caseNumber, purpose, recipient: null, cancellationToken);
        _logger.Information(
            "Audit: {User} ({Roles}) consulted {Resource} {Query} at {ConsultedAt}: {RecordCount} records {RecordIds}",
            name, roles, resource, query, _time.GetUtcNow(), recordIds.Count, recordIds);
    }
}
