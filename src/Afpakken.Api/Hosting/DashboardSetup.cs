using Afpakken.Api.Security;
using Hangfire;

namespace Afpakken.Api.Hosting;

internal static class DashboardSetup
{
    public const string Path = "/hangfire";

    /// <summary>The Hangfire dashboard behind the fallback policy (authenticated) and <see cref="DashboardAuthorizationFilter"/> (local, engineer/admin).</summary>
    public static WebApplication UseAfpakkenDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "Afpakken jobs",
            Authorization = [new DashboardAuthorizationFilter()],
            AppPath = null,
        });
        return app;
    }
}
