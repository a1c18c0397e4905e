using System.Security.Claims;
using Afpakken.Engine.Security;

namespace Afpakken.Api.Auditing;

/// <summary>
/// Records every consultation of personal data as a structured event: when, who, in which role, what was read
/// and how many records (domain §6, LED art. 25).
/// For now these are log events marked <c>Audit = true</c>; a proper append-only, hash-chained and access-controlled
/// audit log with the justification (case number / purpose) is a later issue.
/// </summary>
internal sealed class AccessAudit
{
    private readonly Serilog.ILogger _logger;
    private readonly TimeProvider _time;

    public AccessAudit(Serilog.ILogger logger, TimeProvider time)
    {
        _logger = logger.ForContext<AccessAudit>().ForContext("Audit", true);
        _time = time;
    }

    public void Consulted(ClaimsPrincipal user, string resource, string query, IReadOnlyList<string> recordIds)
    {
        var roles = user.FindAll(DevelopmentTokenIssuer.RoleClaim).Select(c => c.Value).ToArray();
        _logger.Information(
            "Audit: {User} ({Roles}) consulted {Resource} {Query} at {ConsultedAt}: {RecordCount} records {RecordIds}",
            user.Identity?.Name ?? "anonymous", roles, resource, query, _time.GetUtcNow(), recordIds.Count, recordIds);
    }
}
