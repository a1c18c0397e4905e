using System.Net;
using Afpakken.Api.Tests.Support;

namespace Afpakken.Api.Tests.Security;

public sealed class AuthenticationTests : IDisposable
{
    private static readonly Uri Alerts = new("/api/v1/alerts", UriKind.Relative);
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task Without_a_token_alerts_are_401()
    {
        var response = await _api.CreateClient().GetAsync(Alerts);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var response = await _api.CreateClient().WithBearer(TestKeys.Token("analyst", key: TestKeys.OtherKey)).GetAsync(Alerts);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var nineHoursAgo = new FixedTimeProvider(DateTimeOffset.UtcNow.AddHours(-9));

        var response = await _api.CreateClient().WithBearer(TestKeys.Token("analyst", time: nineHoursAgo)).GetAsync(Alerts);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_garbage_token_is_401()
    {
        var response = await _api.CreateClient().WithBearer("not.a.token").GetAsync(Alerts);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("engineer", HttpStatusCode.Forbidden)]
    [InlineData("analyst", HttpStatusCode.OK)]
    [InlineData("prosecutor", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Alerts_are_for_analysts_prosecutors_and_admins(string role, HttpStatusCode expected)
    {
        var response = await _api.CreateClient().WithBearer(TestKeys.Token(role)).GetAsync(Alerts);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_need_authentication_too()
    {
        var response = await _api.CreateClient().GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _api.Dispose();
}
