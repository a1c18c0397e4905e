using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Serilog;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class EntityIngestorTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();
    private readonly DataLayout _data;
    private readonly PipelineService _service = new(new LoggerConfiguration().CreateLogger(), TimeProvider.System);

    public EntityIngestorTests() => _data = new DataLayout(Path.Combine(_dir, "data"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(FileFormat.Parquet)]
    [InlineData(FileFormat.Csv)]
    public async Task Accounts_load_into_the_store_bad_rows_are_quarantined_and_a_rerun_is_a_no_op(FileFormat format)
    {
        var file = Path.Combine(_dir, "accounts" + TableFiles.Extension(format));
        Account[] rows =
        [
            new("NL01BANK0000000001", "P1", "BANK", new DateOnly(2020, 1, 1), null, "personal"),
            new("NL01BANK0000000002", "", "BANK", new DateOnly(2021, 1, 1), null, "personal"),
            new("NL01BANK0000000003", "P3", "BANK", new DateOnly(2022, 1, 1), new DateOnly(2024, 5, 1), "business"),
        ];
        await EntityFiles.WriteAccountsAsync(rows, file, format);

        var first = await _service.IngestEntitiesAsync(file, ContractKind.Accounts, _data);
        var again = await _service.IngestEntitiesAsync(file, ContractKind.Accounts, _data);

        Assert.Equal((2L, 1L, false), (first.Loaded, first.Rejected, first.Skipped));
        Assert.True(again.Skipped);
        Assert.Equal(2, await new EntityStore(await SqliteStore.OpenAsync(_data)).CountAsync(ContractKind.Accounts, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(_data.Quarantine, first.ContentHash + ".parquet")));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_rejected_whole_naming_the_file()
    {
        var file = Path.Combine(_dir, "parties.csv");
        await File.WriteAllTextAsync(file, "party_id,kind\nP1,person\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _service.IngestEntitiesAsync(file, ContractKind.Parties, _data));

        Assert.Contains("parties.csv", error.Message, StringComparison.Ordinal);
        Assert.Empty(await new Afpakken.Engine.Ingest.IngestLedger(await SqliteStore.OpenAsync(_data)).ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_generated_world_loads_every_kind()
    {
        var world = Path.Combine(_dir, "world");
        var summary = await WorldGenerator.WriteAsync(new GenerationOptions(world, 20_000, 9));

        foreach (var kind in new[] { ContractKind.Accounts, ContractKind.Parties, ContractKind.Assets, ContractKind.Income })
        {
            var file = Path.Combine(world, kind.ToString().ToLowerInvariant() + ".parquet");
            var result = await _service.IngestEntitiesAsync(file, kind, _data);
            Assert.Equal(0, result.Rejected);
        }

        var store = new EntityStore(await SqliteStore.OpenAsync(_data));
        Assert.Equal(summary.Accounts, await store.CountAsync(ContractKind.Accounts, CancellationToken.None));
        Assert.Equal(summary.Parties, await store.CountAsync(ContractKind.Parties, CancellationToken.None));
        Assert.Equal(summary.Assets, await store.CountAsync(ContractKind.Assets, CancellationToken.None));
        Assert.Equal(summary.IncomeRecords, await store.CountAsync(ContractKind.Income, CancellationToken.None));
    }
}
