using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace Afpakken.Api.Tests.Security;

public sealed class AccessAuditTests : IDisposable
{
    private readonly CollectingSink _sink = new();
    private readonly ApiFactory _api;

    public AccessAuditTests()
    {
        var logger = new LoggerConfiguration().WriteTo.Sink(_sink).CreateLogger();
        _api = new ApiFactory { ConfigureServices = services => services.AddSingleton<ILogger>(logger) };
    }

    [Fact]
    public async Task Every_read_of_alerts_is_an_audit_event_with_user_roles_resource_and_records()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(_api.DataDirectory));
        await store.ReplaceAlertsAsync("run", [Some.Alert(0.9, "alert-a"), Some.Alert(0.8, "alert-b"), Some.Alert(0.1, "alert-c")]);

        await _api.CreateClient().WithBearer(TestKeys.Token("prosecutor", user: "officier-1")).GetStringAsync(new Uri("/api/v1/alerts?pageSize=2", UriKind.Relative));

        var audit = Assert.Single(_sink.Events, e => e.Properties.TryGetValue("Audit", out var flag) && flag.ToString() == "True");
        Assert.Equal("\"officier-1\"", audit.Properties["User"].ToString());
        Assert.Equal("[\"prosecutor\"]", audit.Properties["Roles"].ToString());
        Assert.Equal("\"alerts\"", audit.Properties["Resource"].ToString());
        Assert.Equal(new ScalarValue(2), audit.Properties["RecordCount"]);
        Assert.Equal("[\"alert-a\", \"alert-b\"]", audit.Properties["RecordIds"].ToString());
    }

    [Fact]
    public async Task A_refused_read_is_not_audited_as_a_consultation()
    {
        await _api.CreateClient().WithBearer(TestKeys.Token("engineer")).GetAsync(new Uri("/api/v1/alerts", UriKind.Relative));

        Assert.DoesNotContain(_sink.Events, e => e.Properties.ContainsKey("Audit"));
    }

    public void Dispose() => _api.Dispose();
}
