using System.Net;
using Afpakken.Api.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Afpakken.Api.Tests.Security;

public sealed class DashboardTests : IDisposable
{
    private static readonly Uri Dashboard = new("/hangfire", UriKind.Relative);

    // The test server has no remote address; this makes its requests look like the browser on the same machine.
    private readonly ApiFactory _local = new() { ConfigureServices = services => services.AddTransient<IStartupFilter, FromLoopback>() };
    private readonly ApiFactory _remote = new();

    [Theory]
    [InlineData("engineer", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    [InlineData("prosecutor", HttpStatusCode.Forbidden)]
    public async Task The_dashboard_is_for_engineers_and_admins(string role, HttpStatusCode expected)
    {
        var response = await _local.CreateClient().WithBearer(TestKeys.Token(role)).GetAsync(Dashboard);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_needs_a_token()
    {
        var response = await _local.CreateClient().GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_refuses_non_local_requests_even_for_admins()
    {
        var response = await _remote.CreateClient().WithBearer(TestKeys.Token("admin")).GetAsync(Dashboard);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose()
    {
        _local.Dispose();
        _remote.Dispose();
    }

    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
