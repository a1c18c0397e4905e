extern alias api;
using System.Net;
using System.Net.Http.Json;
using Afpakken.Api.Tests.Support;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Storage;
using api::Afpakken.Api.Apis;

namespace Afpakken.Api.Tests.Apis;

public sealed class IngestEndpointsTests : IDisposable
{
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task An_engineer_sees_the_ledger_with_counts_and_reject_reasons()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(_api.DataDirectory));
        await new IngestLedger(store).RecordAsync(
            new LedgerEntry("ab12", "monday.parquet", 1234, new DateTime(2026, 11, 2, 2, 0, 5, DateTimeKind.Utc), 990, 7, 3,
                new Dictionary<string, long> { ["amount: amount must be positive"] = 7 }),
            CancellationToken.None);
        var client = _api.CreateClient().WithBearer(TestKeys.Token("engineer"));

        var files = await client.GetFromJsonAsync<IngestedFilesResponse>("/api/v1/ingest/files");

        var file = Assert.Single(files!.Items);
        Assert.Equal(("monday.parquet", 990L, 7L, 3L), (file.FileName, file.RowsLoaded, file.RowsRejected, file.RowsDuplicate));
        Assert.Equal(7L, file.RejectedByReason["amount: amount must be positive"]);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("analyst", HttpStatusCode.Forbidden)]
    [InlineData("prosecutor", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task Only_engineers_and_admins_read_the_ledger(string? role, HttpStatusCode expected)
    {
        var client = _api.CreateClient();
        if (role is not null)
        {
            client = client.WithBearer(TestKeys.Token(role));
        }

        var response = await client.GetAsync(new Uri("/api/v1/ingest/files", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    public void Dispose() => _api.Dispose();
}
