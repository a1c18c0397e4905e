extern alias api;
using System.Net;
using System.Net.Http.Json;
using Afpakken.Api.Tests.Support;
using api::Afpakken.Api.Apis;

namespace Afpakken.Api.Tests.Apis;

public sealed class HealthEndpointsTests : IDisposable
{
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task Health_is_anonymous_and_reports_the_store_reachable()
    {
        var response = await _api.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<HealthResponse>();
        Assert.Equal(new HealthResponse("ok", StoreReachable: true), health);
    }

    [Fact]
    public async Task Health_is_503_when_the_store_cannot_be_opened()
    {
        Directory.CreateDirectory(Path.Combine(_api.DataDirectory, "afpakken.db"));

        var response = await _api.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(new HealthResponse("unhealthy", StoreReachable: false), await response.Content.ReadFromJsonAsync<HealthResponse>());
    }

    [Fact]
    public async Task The_configured_key_is_used_and_no_development_key_file_is_written()
    {
        var response = await _api.CreateClient().WithBearer(TestKeys.Token("analyst")).GetAsync(new Uri("/api/v1/alerts", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(_api.ForbiddenDevelopmentKeyFile));
    }

    public void Dispose() => _api.Dispose();
}
