using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Security;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Afpakken.Api.Tests.Security;

public class DevelopmentTokenIssuerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_token_carries_issuer_audience_subject_name_roles_and_an_8_hour_lifetime()
    {
        var token = new JsonWebToken(new DevelopmentTokenIssuer(TestKeys.SigningKey, new FixedTimeProvider(Now)).Issue("alice", ["analyst", "prosecutor"]));

        Assert.Equal("afpakken-dev", token.Issuer);
        Assert.Equal(["afpakken-api"], token.Audiences);
        Assert.Equal("alice", token.Subject);
        Assert.Equal("alice", token.GetClaim("name").Value);
        Assert.Equal(["analyst", "prosecutor"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(Now.UtcDateTime, token.IssuedAt);
        Assert.Equal(Now.UtcDateTime.AddHours(8), token.ValidTo);
        Assert.Equal("HS256", token.Alg);
    }

    [Fact]
    public async Task The_validation_parameters_accept_the_issuers_tokens()
    {
        var token = TestKeys.Token("engineer");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, DevelopmentTokenIssuer.ValidationParameters(TestKeys.SigningKey));

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.True(result.ClaimsIdentity.HasClaim("role", "engineer"));
    }

    [Fact]
    public void Unknown_roles_are_refused()
    {
        var issuer = new DevelopmentTokenIssuer(TestKeys.SigningKey, TimeProvider.System);

        Assert.Throws<ArgumentException>(() => issuer.Issue("alice", ["superuser"]));
    }
}
