using System.Net.Http.Headers;
using Afpakken.Engine.Security;
using Microsoft.IdentityModel.Tokens;

namespace Afpakken.Api.Tests.Support;

/// <summary>Fixed keys and tokens for tests; the API under test is configured with <see cref="SigningKeyBase64"/>.</summary>
public static class TestKeys
{
    private static readonly byte[] SigningKeyBytes = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] OtherKeyBytes = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    public static string SigningKeyBase64 => Convert.ToBase64String(SigningKeyBytes);

    public static SymmetricSecurityKey SigningKey => new(SigningKeyBytes);

    public static SymmetricSecurityKey OtherKey => new(OtherKeyBytes);

    public static string Token(string role, string user = "test-user", SymmetricSecurityKey? key = null, TimeProvider? time = null) =>
        new DevelopmentTokenIssuer(key ?? SigningKey, time ?? TimeProvider.System).Issue(user, [role]);

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>A clock that stands still at a given instant.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
