using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Tests.Support;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class ArrowTransactionReaderTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    [Theory]
    [InlineData(false, "tx.arrow")]
    [InlineData(true, "tx.arrows")]
    public async Task Every_contract_field_survives_a_write_and_a_read_one_batch_per_record_batch(bool streamFormat, string name)
    {
        var batch = Some.EveryField();
        var file = await TestArrow.TransactionsAsync(_dir, batch, streamFormat, name, rowsPerBatch: 2);

        var read = await ValidatedRows.ReadAsync(file);

        Assert.Equal(streamFormat ? TransactionSources.SourceFormat.ArrowStream : TransactionSources.SourceFormat.ArrowFile, await TransactionSources.SniffAsync(file, CancellationToken.None));
        Assert.Equal([1L, 3L], read.Batches.Select(b => b.FirstRow));
        Assert.Empty(read.Rejected);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ValidatedRows.Row(batch, i), read.Row(i));
            Assert.Equal(DateTimeKind.Utc, read.Rows.BookedAt[i].Kind);
        }
    }

    [Theory]
    [InlineData(false, "early.arrow")]
    [InlineData(true, "early.arrows")]
    public async Task A_reader_left_after_its_first_slice_ends_its_read_ahead_and_releases_the_file(bool streamFormat, string name)
    {
        var batch = Some.EveryField();
        var file = await TestArrow.TransactionsAsync(_dir, batch, streamFormat, name, rowsPerBatch: 1);

        await using (var reader = await ArrowTransactionReader.OpenAsync(file, streamFormat, ColumnMapping.Canonical, CancellationToken.None))
        {
            await foreach (var columns in reader.ReadAsync(CancellationToken.None))
            {
                Assert.Equal(1L, columns.FirstRow);
                break; // the next record batch is being read ahead
            }
        }

        // Opening it exclusively (a lock on Unix too) works only once every handle on it is closed.
        using var exclusive = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Assert.True(exclusive.Length > 0);
    }

    [Theory]
    [InlineData(false, "big.arrow")]
    [InlineData(true, "big.arrows")]
    public async Task A_record_batch_larger_than_a_slice_is_read_in_slices_with_every_value_and_row_number_intact(bool streamFormat, string name)
    {
        const int rows = (2 * ArrowTransactionReader.SliceRows) + 1_000;
        var batch = new TransactionBatch(rows);
        for (var i = 0; i < rows; i++)
        {
            batch.Add($"t{i}", Some.Day(i % 28).AddSeconds(i), $"NL{i % 97:00}BANK{i:0000000000}", "NL02", 1m + (i % 1000), i % 2 == 0 ? "EUR" : "USD", Channels.Wire, "B" + (i % 13), null, i % 3 == 0 ? $"note {i}" : null);
        }

        var file = await TestArrow.TransactionsAsync(_dir, batch, streamFormat, name);

        var read = await ValidatedRows.ReadAsync(file);

        Assert.Equal([1L, ArrowTransactionReader.SliceRows + 1L, (2L * ArrowTransactionReader.SliceRows) + 1], read.Batches.Select(b => b.FirstRow));
        Assert.Empty(read.Rejected);
        Assert.Equal(rows, read.Rows.Count);
        for (var i = 0; i < rows; i++)
        {
            Assert.Equal(ValidatedRows.Row(batch, i), read.Row(i));
        }
    }

    [Fact]
    public async Task Double_amounts_text_timestamps_large_and_dictionary_strings_and_int_labels_convert_under_a_mapping()
    {
        var amounts = new DoubleArray.Builder().Append(10.005).Append(double.NaN).Append(0.1 + 0.2).AppendNull().Build();
        var channels = new DictionaryArray(
            new DictionaryType(Int32Type.Default, StringType.Default, false),
            new Int32Array.Builder().AppendRange([0, 1, 0, 0]).Build(),
            TestArrow.Strings(["TRANSFER", "CASH-IN"]));
        var file = await TestArrow.WriteAsync(_dir, "amlsim.arrow", streamFormat: false, TestArrow.Batch(
            ("tran_id", new LargeStringArray.Builder().AppendRange(["1", "2", "3", "4"]).Build()),
            ("orig_acct", TestArrow.Strings(["A", "A", "A", "A"])),
            ("bene_acct", TestArrow.Strings(["B", "B", "B", "B"])),
            ("tx_type", channels),
            ("base_amt", amounts),
            ("tran_timestamp", TestArrow.Strings(["20250301 10:00:00", "20250301 10:00:00", "20250302 11:30:00", "20250302 11:30:00"])),
            ("is_sar", new Int64Array.Builder().AppendRange([0, 1, 0, 1]).Build())));
        var mapping = new ColumnMapping
        {
            Columns = new Dictionary<string, string>
            {
                ["tx_id"] = "tran_id",
                ["from_account"] = "orig_acct",
                ["to_account"] = "bene_acct",
                ["channel"] = "tx_type",
                ["amount"] = "base_amt",
                ["booked_at"] = "tran_timestamp",
                ["is_laundering"] = "is_sar",
            },
            Defaults = new Dictionary<string, string> { ["currency"] = "USD" },
            Values = new Dictionary<string, IReadOnlyDictionary<string, string>> { ["channel"] = new Dictionary<string, string> { ["TRANSFER"] = "wire", ["CASH-IN"] = "cash_deposit" } },
            TimestampFormat = "yyyyMMdd HH:mm:ss",
        };

        var read = await ValidatedRows.ReadAsync(file, mapping);

        Assert.Equal(
            [("1", new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), "A", "B", 10.00m, "USD", Channels.Wire, null, null, null),
             ("3", new DateTime(2025, 3, 2, 11, 30, 0, DateTimeKind.Utc), "A", "B", 0.30m, "USD", Channels.Wire, null, null, null)],
            Enumerable.Range(0, read.Rows.Count).Select(read.Row));
        Assert.Equal([(2L, "amount", "amount is not a finite number in range"), (4L, "amount", "missing amount")], read.Rejected);
        Assert.Equal(new bool?[] { false, true, false, true }, read.Batches.Single().IsLaundering);
        Assert.Equal(Channels.CashDeposit, read.Batches.Single().Channel![1]);
    }

    [Fact]
    public async Task A_column_of_an_unconvertible_type_rejects_the_file_naming_the_column()
    {
        var batch = TestArrow.Canonical(Some.EveryField(), 0, 3);
        var booleanAmount = new BooleanArray.Builder().AppendRange([true, true, false]).Build();
        var file = await TestArrow.WriteAsync(_dir, "bool-amount.arrow", streamFormat: true, TestArrow.Batch(
            [.. Enumerable.Range(0, batch.ColumnCount).Select(i => (batch.Schema.FieldsList[i].Name, i == 4 ? booleanAmount : batch.Column(i)))]));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ValidatedRows.ReadAsync(file));

        Assert.Equal(file, error.Source);
        Assert.Equal("column 'amount' (amount) has Arrow type bool, which cannot be converted", error.Problem);
    }

    [Fact]
    public async Task A_truncated_arrow_file_or_stream_is_rejected()
    {
        var whole = await TestArrow.TransactionsAsync(_dir, Some.EveryField(), streamFormat: false, "whole.arrow");
        var stream = await TestArrow.TransactionsAsync(_dir, Some.EveryField(), streamFormat: true, "whole.arrows");
        var bytes = await File.ReadAllBytesAsync(whole);
        var cutFile = TestCsv.WriteBytes(_dir, "cut.arrow", bytes[..(bytes.Length - 40)]);
        var streamBytes = await File.ReadAllBytesAsync(stream);
        var cutStream = TestCsv.WriteBytes(_dir, "cut.arrows", streamBytes[..(streamBytes.Length / 2 + 20)]);

        var fileError = await Assert.ThrowsAsync<InvalidInputException>(() => ValidatedRows.ReadAsync(cutFile));
        var streamError = await Assert.ThrowsAsync<InvalidInputException>(() => ValidatedRows.ReadAsync(cutStream));

        Assert.Equal("truncated Arrow file (no ARROW1 magic at the end)", fileError.Problem);
        Assert.Equal(cutStream, streamError.Source);
        Assert.Contains("truncated or corrupt Arrow data", streamError.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_column_missing_from_an_arrow_file_is_named()
    {
        var file = await TestArrow.WriteAsync(_dir, "no-amount.arrow", streamFormat: false, TestArrow.Batch(
            ("booked_at", new TimestampArray.Builder(TimeUnit.Millisecond, "Europe/Amsterdam").Append(DateTimeOffset.UnixEpoch).Build()),
            ("from_account", TestArrow.Strings(["A"])),
            ("to_account", TestArrow.Strings(["B"]))));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ValidatedRows.ReadAsync(file));

        Assert.StartsWith("required column 'amount' is missing", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ingestor_loads_an_arrow_file_exactly_as_the_same_rows_in_parquet()
    {
        var batch = Some.EveryField();
        var arrow = await TestArrow.TransactionsAsync(_dir, batch, streamFormat: false, "tx.arrow");
        var parquet = await TestFiles.TransactionsAsync(_dir, batch);

        var fromArrow = await CsvTransactionReaderTests.IngestAsync(arrow, "arrow-data");
        var fromParquet = await CsvTransactionReaderTests.IngestAsync(parquet, "parquet-data");

        Assert.Equal(3, fromArrow.Count);
        Assert.Equal(fromParquet, fromArrow);
    }
}
