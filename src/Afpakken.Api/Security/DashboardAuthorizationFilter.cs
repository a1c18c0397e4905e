using System.Net;
using Afpakken.Engine.Security;
using Hangfire.Dashboard;

namespace Afpakken.Api.Security;

/// <summary>
/// The Hangfire dashboard is for engineers and admins, and only from the machine itself: it shows job arguments
/// (paths) and can retry or delete jobs. The user comes from the bearer token like any other request.
/// </summary>
internal sealed class DashboardAuthorizationFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var remote = http.Connection.RemoteIpAddress;
        var local = remote is not null && (IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress));
        var user = http.User;
        return local
            && user.Identity?.IsAuthenticated == true
            && (user.IsInRole(Roles.Engineer) || user.IsInRole(Roles.Admin));
    }
}
