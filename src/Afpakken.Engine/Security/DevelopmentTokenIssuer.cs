using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Afpakken.Engine.Security;

/// <summary>
/// Mints HMAC-signed JWTs for local development and tests. Production would take tokens from the
/// organisation's identity provider; the API validates the same claims either way.
/// </summary>
public sealed class DevelopmentTokenIssuer
{
    public const string Issuer = "afpakken-dev";
    public const string Audience = "afpakken-api";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _time;

    public DevelopmentTokenIssuer(SymmetricSecurityKey key, TimeProvider time)
    {
        _key = key;
        _time = time;
    }

    /// <summary>A token for <paramref name="user"/> with the given roles, valid from now for <paramref name="lifetime"/> (default 8 h).</summary>
    public string Issue(string user, IReadOnlyCollection<string> roles, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentOutOfRangeException.ThrowIfZero(roles.Count);
        foreach (var role in roles)
        {
            if (!Roles.IsKnown(role))
            {
                throw new ArgumentException($"Unknown role '{role}'; known roles: {string.Join(", ", Roles.All)}.", nameof(roles));
            }
        }

        var validFor = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user),
            new(NameClaim, user),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(role => new Claim(RoleClaim, role)));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + validFor,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Validation parameters matching the tokens this issuer mints; the API uses the same ones.</summary>
    public static TokenValidationParameters ValidationParameters(SymmetricSecurityKey key) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = Issuer,
        ValidateAudience = true,
        ValidAudience = Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        ValidateIssuerSigningKey = true,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
    };
}
