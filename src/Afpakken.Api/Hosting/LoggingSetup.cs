using Serilog;

namespace Afpakken.Api.Hosting;

internal static class LoggingSetup
{
    /// <summary>Serilog for everything, configured from the <c>Serilog</c> section; events stay structured.</summary>
    public static WebApplicationBuilder AddAfpakkenLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
        return builder;
    }

    /// <summary>One structured event per request, with the authenticated user and role.</summary>
    public static IApplicationBuilder UseAfpakkenRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options => options.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            diagnostics.Set("User", http.User.Identity?.Name ?? "anonymous");
            diagnostics.Set("Roles", http.User.FindAll(Engine.Security.DevelopmentTokenIssuer.RoleClaim).Select(c => c.Value).ToArray());
        });
}
