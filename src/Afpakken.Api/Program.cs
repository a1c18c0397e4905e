using Afpakken.Api.Apis;
using Afpakken.Api.Hosting;
using Afpakken.Api.Security;
using Afpakken.Jobs.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddAfpakkenLogging();
builder.Services.AddAfpakkenJobs(builder.Configuration);
builder.Services.AddAfpakkenSecurity();
builder.Services.AddAfpakkenApi();

var app = builder.Build();
app.UseAfpakkenRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthApi();
app.MapAlertsApi();
app.MapIngestApi();
app.MapConfiscationApi();
app.MapOpenApi();
app.UseAfpakkenDashboard();
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
