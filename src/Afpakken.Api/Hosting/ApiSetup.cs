using Afpakken.Api.Auditing;

namespace Afpakken.Api.Hosting;

internal static class ApiSetup
{
    /// <summary>Problem details, the OpenAPI document, the access audit and the start-up services of the API.</summary>
    public static IServiceCollection AddAfpakkenApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddSingleton<AccessAudit>();
        services.AddSingleton(_ => Engine.Confiscation.ConfiscationOptions.LoadDefault());
        services.AddHostedService<DemoWorldBootstrap>();
        services.AddHostedService<StartupGuide>();
        return services;
    }
}
