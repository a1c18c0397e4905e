using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Microsoft.Data.Sqlite;
using Serilog;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class ExactlyOnceTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();
    private readonly DataLayout _data;
    private readonly PipelineService _service = new(new LoggerConfiguration().CreateLogger(), TimeProvider.System);

    public ExactlyOnceTests() => _data = new DataLayout(Path.Combine(_dir, "data"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<long> CuratedRowsAsync()
    {
        long rows = 0;
        await foreach (var batch in new CuratedDataset(_data.CuratedTransactions).ReadAsync(DateTime.MinValue, DateTime.MaxValue))
        {
            rows += batch.Count;
        }

        return rows;
    }

    [Fact]
    public async Task Tx_ids_already_loaded_from_another_file_are_dropped_and_counted()
    {
        var first = await TestFiles.TransactionsAsync(_dir, Some.Transactions(20), "monday.parquet");
        var overlapping = Some.Transactions(30); // T1..T30: T1..T20 were in monday's file
        overlapping.Description[0] = "redelivered";
        var second = await TestFiles.TransactionsAsync(_dir, overlapping, "tuesday.parquet");

        await _service.IngestAsync(first, _data);
        var result = await _service.IngestAsync(second, _data);

        Assert.Equal((10L, 0L, 20L), (result.Loaded, result.Rejected, result.Duplicates));
        Assert.Equal(30, await CuratedRowsAsync());
    }

    [Fact]
    public async Task A_run_that_committed_but_stopped_before_the_ledger_is_completed_without_loading_twice()
    {
        var file = await TestFiles.TransactionsAsync(_dir, Some.Transactions(25));
        var first = await _service.IngestAsync(file, _data);
        await using (var connection = new SqliteConnection($"Data Source={_data.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM ingested_files";
            await delete.ExecuteNonQueryAsync();
        }

        var again = await _service.IngestAsync(file, _data);
        var third = await _service.IngestAsync(file, _data);

        Assert.Equal((25L, false), (again.Loaded, again.Skipped));
        Assert.True(third.Skipped);
        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.Equal(25, await CuratedRowsAsync());
    }

    [Fact]
    public async Task An_ingest_killed_mid_file_leaves_nothing_and_the_next_run_loads_everything_once()
    {
        const int rowGroups = 8;
        const int rowsPerGroup = 250_000;
        var file = Path.Combine(_dir, "big.parquet");
        await using (var writer = await CuratedPartWriter.CreateAsync(file, CancellationToken.None))
        {
            var batch = new TransactionBatch(rowsPerGroup);
            for (var g = 0; g < rowGroups; g++)
            {
                batch.Clear();
                for (var i = 0; i < rowsPerGroup; i++)
                {
                    var n = (g * rowsPerGroup) + i;
                    batch.Add($"K{n}", Some.Day(n % 90), $"NL01BANK{n % 5000:0000000000}", $"NL02BANK{n % 3000:0000000000}", 10m + (n % 1000), "EUR", Channels.Wire);
                }

                await writer.WriteRowGroupAsync(batch, CancellationToken.None);
            }
        }

        var killed = await AfpakkenCli.RunUntilAsync(
            () => Directory.Exists(_data.CuratedTransactions) &&
                  Directory.EnumerateFiles(_data.CuratedTransactions, "*.staging", SearchOption.AllDirectories).Any(),
            "ingest", file, "--data", _data.Root);

        Assert.True(killed, "the ingest finished before it could be killed; make the file bigger");
        Assert.Empty(new CuratedDataset(_data.CuratedTransactions).Manifest.Parts);
        Assert.Equal(0, await CuratedRowsAsync());
        Assert.Empty(await new IngestLedger(await SqliteStore.OpenAsync(_data)).ListAsync(CancellationToken.None));

        var rerun = await AfpakkenCli.RunAsync("ingest", file, "--data", _data.Root);

        Assert.Equal(0, rerun.ExitCode);
        Assert.True(rerun.Stdout.Contains($"{rowGroups * rowsPerGroup} loaded, 0 rejected, 0 duplicate", StringComparison.Ordinal), rerun.Stdout + rerun.Stderr);
        Assert.Equal(rowGroups * rowsPerGroup, await CuratedRowsAsync());
        Assert.Empty(Directory.EnumerateFiles(_data.CuratedTransactions, "*.staging", SearchOption.AllDirectories));
        var report = await AfpakkenCli.RunAsync("ingest-report", "--data", _data.Root);
        Assert.Contains("1 files, 2000000 rows loaded, 0 rejected, 0 duplicate", report.Stdout, StringComparison.Ordinal);
    }
}
