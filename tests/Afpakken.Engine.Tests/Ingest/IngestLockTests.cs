using Afpakken.Engine.Ingest;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Serilog;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class IngestLockTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();
    private readonly DataLayout _data;

    public IngestLockTests() => _data = new DataLayout(Path.Combine(_dir, "data"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<TransactionIngestor> IngestorAsync(TimeSpan? lockTimeout = null) =>
        new(_data, new IngestLedger(await SqliteStore.OpenAsync(_data)), new LoggerConfiguration().CreateLogger(), TimeProvider.System, lockTimeout);

    private async Task<List<string>> CuratedTxIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var batch in new CuratedDataset(_data.CuratedTransactions).ReadAsync(DateTime.MinValue, DateTime.MaxValue))
        {
            ids.AddRange(batch.TxId.Take(batch.Count));
        }

        return ids;
    }

    [Fact]
    public async Task An_ingest_that_cannot_get_the_lock_in_time_names_the_holder_and_loads_nothing()
    {
        var file = await TestFiles.TransactionsAsync(_dir, Some.Transactions(10));
        var ingestor = await IngestorAsync(TimeSpan.FromMilliseconds(300));

        IngestLockTimeoutException busy;
        using (await IngestLock.AcquireAsync(_data.Root, "/drop/other.parquet", TimeSpan.Zero, null, CancellationToken.None))
        {
            busy = await Assert.ThrowsAsync<IngestLockTimeoutException>(() => ingestor.IngestAsync(file, CancellationToken.None));
        }

        Assert.Contains($"process {Environment.ProcessId}", busy.Message, StringComparison.Ordinal);
        Assert.Contains("/drop/other.parquet", busy.Message, StringComparison.Ordinal);
        Assert.Empty(await CuratedTxIdsAsync());
        Assert.Empty(await new IngestLedger(await SqliteStore.OpenAsync(_data)).ListAsync(CancellationToken.None));

        // Released: the same ingest now goes through.
        Assert.Equal(10, (await ingestor.IngestAsync(file, CancellationToken.None)).Loaded);
    }

    [Fact]
    public async Task Two_ingests_at_once_of_overlapping_files_load_each_tx_id_once()
    {
        var monday = await TestFiles.TransactionsAsync(_dir, Some.Transactions(40_000), "monday.parquet");
        var tuesday = await TestFiles.TransactionsAsync(_dir, Some.Transactions(60_000), "tuesday.parquet"); // T1..T40000 again
        var first = await IngestorAsync();
        var second = await IngestorAsync();

        var results = await Task.WhenAll(
            Task.Run(() => first.IngestAsync(monday, CancellationToken.None)),
            Task.Run(() => second.IngestAsync(tuesday, CancellationToken.None)));

        Assert.Equal(60_000, results.Sum(r => r.Loaded));
        Assert.Equal(40_000, results.Sum(r => r.Duplicates));
        var ids = await CuratedTxIdsAsync();
        Assert.Equal(60_000, ids.Count);
        Assert.Equal(60_000, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_same_file_ingested_twice_at_once_is_loaded_once_and_skipped_once()
    {
        var file = await TestFiles.TransactionsAsync(_dir, Some.Transactions(50_000));

        var results = await Task.WhenAll(
            Task.Run(async () => await (await IngestorAsync()).IngestAsync(file, CancellationToken.None)),
            Task.Run(async () => await (await IngestorAsync()).IngestAsync(file, CancellationToken.None)));

        Assert.Single(results, r => r.Skipped);
        Assert.Single(results, r => r.Loaded == 50_000);
        Assert.Equal(50_000, (await CuratedTxIdsAsync()).Count);
    }

    [Fact]
    public async Task Two_ingest_processes_at_once_load_each_tx_id_once()
    {
        var monday = await TestFiles.TransactionsAsync(_dir, Some.Transactions(200_000), "monday.parquet");
        var tuesday = await TestFiles.TransactionsAsync(_dir, Some.Transactions(300_000), "tuesday.parquet"); // T1..T200000 again

        var runs = await Task.WhenAll(
            AfpakkenCli.RunAsync("ingest", monday, "--data", _data.Root),
            AfpakkenCli.RunAsync("ingest", tuesday, "--data", _data.Root));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr));
        var ids = await CuratedTxIdsAsync();
        Assert.Equal(300_000, ids.Count);
        Assert.Equal(300_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(runs, r => r.Stdout.Contains("200000 duplicate", StringComparison.Ordinal));
    }
}
