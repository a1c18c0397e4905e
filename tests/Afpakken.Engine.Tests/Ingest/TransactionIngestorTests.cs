using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Parquet;
using Serilog;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class TransactionIngestorTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();
    private readonly DataLayout _data;
    private readonly PipelineService _service = new(new LoggerConfiguration().CreateLogger(), TimeProvider.System);

    public TransactionIngestorTests() => _data = new DataLayout(Path.Combine(_dir, "data"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Loads_every_valid_row_into_monthly_parts_and_a_rerun_is_a_no_op()
    {
        var file = await TestFiles.TransactionsAsync(_dir, Some.Transactions(40));

        var first = await _service.IngestAsync(file, _data);
        var again = await _service.IngestAsync(file, _data);

        Assert.Equal((40L, 0L, 0L, false), (first.Loaded, first.Rejected, first.Duplicates, first.Skipped));
        Assert.True(again.Skipped);
        var manifest = new CuratedDataset(_data.CuratedTransactions).Manifest;
        Assert.Equal(40, manifest.Parts.Sum(p => p.Rows));
        Assert.All(manifest.Parts, p => Assert.StartsWith("month=2025-03", p.Path, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(_data.CuratedTransactions, "*.staging", SearchOption.AllDirectories));
        var rows = 0;
        await foreach (var batch in new CuratedDataset(_data.CuratedTransactions).ReadAsync(DateTime.MinValue, DateTime.MaxValue))
        {
            rows += batch.Count;
        }

        Assert.Equal(40, rows);
    }

    [Fact]
    public async Task Rejected_rows_go_to_quarantine_with_row_field_and_reason()
    {
        var batch = new TransactionBatch(6);
        batch.Add("ok", Some.Day(1), "NL01A", "NL02B", 10m, "EUR", Channels.Wire);
        batch.Add("neg", Some.Day(1), "NL01A", "NL02B", -5m, "EUR", Channels.Wire);
        batch.Add("cur", Some.Day(1), "NL01A", "NL02B", 5m, "XXQ", Channels.Wire);
        batch.Add("chan", Some.Day(1), "NL01A", "NL02B", 5m, "EUR", "pigeon");
        batch.Add("old", new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), "NL01A", "NL02B", 5m, "EUR", Channels.Wire);
        batch.Add("ok", Some.Day(2), "NL01A", "NL02B", 11m, "EUR", Channels.Wire);
        var file = await TestFiles.TransactionsAsync(_dir, batch);

        var summary = await _service.IngestAsync(file, _data);

        Assert.Equal((1L, 4L, 1L), (summary.Loaded, summary.Rejected, summary.Duplicates));
        var quarantine = Path.Combine(_data.Quarantine, summary.ContentHash + ".parquet");
        await using var reader = await ParquetReader.CreateAsync(quarantine);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields();
        var rowNumbers = new long[group.RowCount];
        var fieldNames = new string?[group.RowCount];
        var reasons = new string?[group.RowCount];
        await group.ReadAsync<long>(fields[1], rowNumbers.AsMemory());
        await group.ReadAsync(fields[2], fieldNames.AsMemory());
        await group.ReadAsync(fields[3], reasons.AsMemory());
        var rows = rowNumbers.Select((r, i) => (r, fieldNames[i]!, reasons[i]!)).ToList();
        Assert.Equal(
            [(2L, "amount", "amount must be positive"), (3L, "currency", "unknown currency"), (4L, "channel", "unknown channel"), (5L, "booked_at", "implausible timestamp")],
            rows);
        var ledger = await new IngestLedger(await SqliteStore.OpenAsync(_data)).ListAsync(CancellationToken.None);
        Assert.Equal(4L, Assert.Single(ledger).RowsRejected);
    }

    [Fact]
    public async Task A_missing_file_is_named_and_nothing_is_created()
    {
        var missing = Path.Combine(_dir, "nope.parquet");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _service.RunAsync([missing], _data, null));

        Assert.Contains("nope.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_data.Root));
    }

    [Fact]
    public async Task A_file_that_is_not_parquet_is_rejected_whole()
    {
        var good = await TestFiles.TransactionsAsync(_dir, Some.Transactions(5));
        var bad = TestFiles.NotParquet(_dir);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _service.RunAsync([good, bad], _data, null));

        Assert.Contains("not-parquet.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a Parquet file", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_data.Root));
    }

    [Fact]
    public async Task A_parquet_file_without_a_required_column_names_the_column()
    {
        var bad = await TestFiles.WithoutAmountAsync(_dir);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => _service.IngestAsync(bad, _data));

        Assert.Contains("no-amount.parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("required column 'amount' is missing", error.Message, StringComparison.Ordinal);
        Assert.Empty(new CuratedDataset(_data.CuratedTransactions).Manifest.Parts);
    }

    [Fact]
    public async Task Staged_parts_of_an_interrupted_ingest_are_invisible_and_cleaned_by_the_next_run()
    {
        var file = await TestFiles.TransactionsAsync(_dir, Some.Transactions(10));
        var hash = (await _service.IngestAsync(file, _data)).ContentHash;
        var orphan = Path.Combine(_data.CuratedTransactions, "month=2025-04", $"part-{new string('f', 24)}.parquet.staging");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        await File.WriteAllTextAsync(orphan, "half a file");

        var rows = 0;
        await foreach (var batch in new CuratedDataset(_data.CuratedTransactions).ReadAsync(DateTime.MinValue, DateTime.MaxValue))
        {
            rows += batch.Count;
        }

        Assert.Equal(10, rows);
        Assert.Equal(64, hash.Length);
    }
}
