using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Afpakken.Api.Tests.Apis;

public sealed class ConfiscationEndpointsTests : IDisposable
{
    private readonly ApiFactory _api = new();

    public void Dispose() => _api.Dispose();

    /// <summary>BOSS directs FRONT; five one-off senders pay FRONT 4,000 each (a fan-in alert of 20,000).</summary>
    private async Task SeedAsync()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(_api.DataDirectory));
        var entities = new EntityStore(store);
        Party Person(string id) => new(id, "person", "Person " + id, new DateOnly(1980, 1, 1), null, "Straat " + id, null, null, null, null, null);
        await entities.UpsertPartiesAsync(
            [Person("BOSS"), new Party("FRONT", "company", "Front B.V.", null, "1", "Weg 1", null, null, "7022", null, "BOSS"), .. Enumerable.Range(1, 5).Select(i => Person($"M{i}"))],
            "h", CancellationToken.None);
        var opened = new DateOnly(2015, 1, 1);
        await entities.UpsertAccountsAsync(
            [new("BOSS-ACC", "BOSS", "B", opened, null, "personal"), new("FRONT-ACC", "FRONT", "B", opened, null, "business"),
             .. Enumerable.Range(1, 5).Select(i => new Account($"M{i}-ACC", $"M{i}", "B", opened, null, "personal"))],
            "h", CancellationToken.None);
        await entities.UpsertAssetsAsync(
            [new("CAR", "vehicle", "BOSS", new DateOnly(2024, 1, 1), 40_000m, 30_000m, "catalogue", new DateOnly(2025, 12, 31), 0m, null, null, "none", "Auto")],
            "h", CancellationToken.None);
        var graph = new FlowGraphBuilder();
        for (var i = 1; i <= 5; i++)
        {
            graph.Transfer($"M{i}-ACC", "FRONT-ACC", 4_000m, new DateTime(2025, 3, i, 10, 0, 0, DateTimeKind.Utc), txId: $"FI{i}");
        }

        var first = new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        Alert[] alerts = [new("fan_in-1", Typologies.FanIn, "test", 0.9, "FRONT-ACC", ["FRONT-ACC"], ["FI1", "FI2", "FI3", "FI4", "FI5"], 20_000m, first, first.AddDays(4), "five senders")];
        await store.ReplaceAlertsAsync("run-1", alerts);
        await new FlowFacts(store).ReplaceAsync("run-1", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            graph.Build(), alerts, TimeProvider.System, CancellationToken.None);
    }

    [Theory]
    [InlineData("analyst", "/api/v1/confiscation/candidates")]
    [InlineData("engineer", "/api/v1/confiscation/subjects/BOSS/asset-overview?caseNumber=Z-1")]
    public async Task Only_prosecutors_and_admins_may_read(string role, string url)
    {
        await SeedAsync();

        var response = await _api.CreateClient().WithBearer(TestKeys.Token(role)).GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_overview_without_a_case_number_is_a_400()
    {
        await SeedAsync();

        var response = await _api.CreateClient().WithBearer(TestKeys.Token("prosecutor")).GetAsync(new Uri("/api/v1/confiscation/subjects/BOSS/asset-overview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.ContainsKey("caseNumber"));
    }

    [Fact]
    public async Task An_overview_carries_the_methods_and_is_written_to_the_audit_log_with_its_case_number()
    {
        await SeedAsync();
        var client = _api.CreateClient().WithBearer(TestKeys.Token("prosecutor"));

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/confiscation/subjects/BOSS/asset-overview?caseNumber=ZAAK-7&purpose=ontneming", UriKind.Relative)));

        var root = json.RootElement;
        Assert.Equal("ZAAK-7", root.GetProperty("case_number").GetString());
        Assert.Equal("BOSS", root.GetProperty("subject").GetProperty("party_id").GetString());
        Assert.Equal(20_000m, root.GetProperty("transaction_method").GetProperty("wvv").GetDecimal());
        Assert.Equal("CAR", root.GetProperty("asset_overview").GetProperty("assets")[0].GetProperty("asset_id").GetString());
        Assert.True(root.GetProperty("net_worth_comparison").TryGetProperty("wvv", out _));
        Assert.Single(root.GetProperty("cash_statements").EnumerateArray());

        var log = await new AuditLog(await SqliteStore.OpenAsync(new DataLayout(_api.DataDirectory)), TimeProvider.System).ReadAsync(CancellationToken.None);
        Assert.NotEmpty(log);
        Assert.Single(log, e => e.Action == "consult"); // one read, one entry
        Assert.All(log, e => Assert.Equal(("ZAAK-7", "ontneming"), (e.CaseNumber, e.Purpose)));
        Assert.Contains(log, e => e.What.StartsWith("asset-overview party=BOSS", StringComparison.Ordinal) && e.Role == "prosecutor");
        Assert.Null(await new AuditLog(await SqliteStore.OpenAsync(new DataLayout(_api.DataDirectory)), TimeProvider.System).VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_subject_is_a_404()
    {
        await SeedAsync();

        var response = await _api.CreateClient().WithBearer(TestKeys.Token("prosecutor")).GetAsync(new Uri("/api/v1/confiscation/subjects/GHOST/asset-overview?caseNumber=Z-1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Candidates_are_ranked_with_reasons()
    {
        await SeedAsync();

        using var json = JsonDocument.Parse(await _api.CreateClient().WithBearer(TestKeys.Token("admin")).GetStringAsync(new Uri("/api/v1/confiscation/candidates", UriKind.Relative)));

        var candidate = Assert.Single(json.RootElement.GetProperty("candidates").EnumerateArray());
        Assert.Equal(("BOSS", 1, 20_000m), (candidate.GetProperty("party_id").GetString(), candidate.GetProperty("rank").GetInt32(), candidate.GetProperty("estimated_wvv").GetDecimal()));
        Assert.NotEmpty(candidate.GetProperty("reasons").EnumerateArray());
    }
}
