extern alias api;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Storage;
using api::Afpakken.Api.Apis;
using Microsoft.AspNetCore.Mvc;

namespace Afpakken.Api.Tests.Apis;

public sealed class AlertsEndpointsTests : IDisposable
{
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task Pages_are_ordered_by_score_descending_with_the_total_count()
    {
        await SeedAsync(0.30, 0.70, 0.10, 0.50, 0.60, 0.20, 0.40);
        var client = _api.CreateClient().WithBearer(TestKeys.Token("analyst"));

        var first = await client.GetFromJsonAsync<AlertPageResponse>("/api/v1/alerts?page=1&pageSize=3");
        var second = await client.GetFromJsonAsync<AlertPageResponse>("/api/v1/alerts?page=2&pageSize=3");
        var last = await client.GetFromJsonAsync<AlertPageResponse>("/api/v1/alerts?page=3&pageSize=3");

        Assert.Equal([0.70, 0.60, 0.50], first!.Items.Select(a => a.Score));
        Assert.Equal((1, 3, 7L), (first.Page, first.PageSize, first.Total));
        Assert.Equal([0.40, 0.30, 0.20], second!.Items.Select(a => a.Score));
        Assert.Equal((2, 3, 7L), (second.Page, second.PageSize, second.Total));
        Assert.Equal([0.10], last!.Items.Select(a => a.Score));
    }

    [Fact]
    public async Task Defaults_are_page_1_of_50_and_items_carry_every_field()
    {
        var seeded = await SeedAsync(0.9);
        var client = _api.CreateClient().WithBearer(TestKeys.Token("prosecutor"));

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/alerts", UriKind.Relative)));

        var root = json.RootElement;
        Assert.Equal(["items", "page", "pageSize", "total"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((1, 50, 1), (root.GetProperty("page").GetInt32(), root.GetProperty("pageSize").GetInt32(), root.GetProperty("total").GetInt32()));
        var item = root.GetProperty("items")[0];
        Assert.Equal(
            ["alertId", "typology", "detector", "score", "focusAccount", "accounts", "txIds", "totalAmount", "firstAt", "lastAt", "explanation"],
            item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(seeded[0].AlertId, item.GetProperty("alertId").GetString());
        Assert.Equal(seeded[0].TotalAmount, item.GetProperty("totalAmount").GetDecimal());
        Assert.Equal("2026-01-02T03:04:05Z", item.GetProperty("firstAt").GetString());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task Out_of_range_paging_is_a_400_problem(string query, string field)
    {
        var client = _api.CreateClient().WithBearer(TestKeys.Token("analyst"));

        var response = await client.GetAsync(new Uri($"/api/v1/alerts?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.True(problem!.Errors.ContainsKey(field));
    }

    [Fact]
    public async Task Pagesize_500_is_allowed()
    {
        var client = _api.CreateClient().WithBearer(TestKeys.Token("admin"));

        var page = await client.GetFromJsonAsync<AlertPageResponse>("/api/v1/alerts?pageSize=500");

        Assert.Equal(500, page!.PageSize);
    }

    private async Task<IReadOnlyList<Engine.Detection.Alert>> SeedAsync(params double[] scores)
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(_api.DataDirectory));
        var alerts = scores.Select(score => Some.Alert(score)).ToList();
        await store.ReplaceAlertsAsync("test-run", alerts);
        return alerts;
    }

    public void Dispose() => _api.Dispose();
}
