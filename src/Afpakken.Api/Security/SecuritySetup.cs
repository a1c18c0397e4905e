using Afpakken.Engine.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Afpakken.Api.Security;

internal static class SecuritySetup
{
    /// <summary>
    /// JWT bearer authentication with the key of <see cref="SigningKeyStore"/> (the same key the CLI signs with),
    /// a policy per role, and a fallback policy so that every endpoint requires an authenticated user unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddAfpakkenSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        services.TryAddSingleton(sp => new SigningKeyStore(sp.GetRequiredService<IOptions<AuthOptions>>().Value));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeyStore>((bearer, keys) =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = DevelopmentTokenIssuer.ValidationParameters(keys.Key);
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ReadAlerts, policy => policy.RequireRole(Roles.Analyst, Roles.Prosecutor, Roles.Admin))
            .AddPolicy(Policies.ReadConfiscation, policy => policy.RequireRole(Roles.Prosecutor, Roles.Admin))
            .AddPolicy(Policies.OperateJobs, policy => policy.RequireRole(Roles.Engineer, Roles.Admin));
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireRole(role));
        }

        return services;
    }
}
