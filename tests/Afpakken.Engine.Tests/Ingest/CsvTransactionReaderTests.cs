using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;
using Serilog;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class CsvTransactionReaderTests : IDisposable
{
    private const string Header = TestCsv.CanonicalHeader;
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    [Theory]
    [InlineData(false, "\n")]
    [InlineData(true, "\r\n")]
    public async Task Every_contract_field_survives_a_write_and_a_read(bool bom, string newline)
    {
        var batch = Some.EveryField("ünïcödé €\nline two");
        var file = TestCsv.Write(_dir, "tx.csv", TestCsv.Canonical(batch, newline), bom);

        var read = await ValidatedRows.ReadAsync(file);

        Assert.Empty(read.Rejected);
        Assert.Equal(3, read.Rows.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ValidatedRows.Row(batch, i), read.Row(i));
            Assert.Equal(DateTimeKind.Utc, read.Rows.BookedAt[i].Kind);
        }
    }

    [Fact]
    public async Task Quoted_fields_keep_delimiters_doubled_quotes_and_line_breaks_and_rows_count_records()
    {
        var file = TestCsv.Write(_dir, "quoted.csv", string.Join(
            "\r\n",
            Header,
            "a,2025-03-01T10:00:00Z,NL01,NL02,10.00,EUR,wire,,,\"two\r\nlines, and \"\"quotes\"\"\"",
            "\"b\",2025-03-01T10:00:00Z,NL01,NL02,11.00,EUR,wire,,,\"\"",
            "",
            "c,2025-03-01T10:00:00Z,NL01,NL02,not-a-number,EUR,wire,,,x",
            "d,yesterday,NL01,NL02,12.50,EUR,wire,,,\"\n\n\"",
            "e,2025-03-01 10:00:00,NL01,NL02,1E2,EUR,wire,,,last") + "\r\n");

        var read = await ValidatedRows.ReadAsync(file);

        Assert.Equal(["a", "b", "e"], read.Rows.TxId[..read.Rows.Count]);
        Assert.Equal("two\r\nlines, and \"quotes\"", read.Rows.Description[0]);
        Assert.Null(read.Rows.Description[1]);
        Assert.Equal(100m, read.Rows.Amount[2]);
        Assert.Equal([(3L, "amount", "amount is not a number"), (4L, "booked_at", "missing or unparseable timestamp")], read.Rejected);
    }

    [Fact]
    public async Task Semicolons_and_dutch_numbers_follow_the_mapping()
    {
        var file = TestCsv.Write(_dir, "nl.csv", "tx_id;booked_at;from_account;to_account;amount\nn1;2025-03-01T10:00:00Z;NL01;NL02;1.234,56\nn2;2025-03-01T10:00:00Z;NL01;NL02;\"7,5\"\n");
        var mapping = ColumnMapping.Canonical with { Delimiter = ';', Culture = "nl-NL" };

        var read = await ValidatedRows.ReadAsync(file, mapping);

        Assert.Empty(read.Rejected);
        Assert.Equal([1_234.56m, 7.5m], read.Rows.Amount[..2]);
        Assert.Equal(["EUR", "EUR"], read.Rows.Currency[..2]);
    }

    [Fact]
    public async Task A_record_with_the_wrong_number_of_fields_is_rejected_with_its_row_and_the_rest_loads()
    {
        var file = TestCsv.Write(_dir, "ragged.csv", string.Join(
            "\n",
            Header,
            "r1,2025-03-01T10:00:00Z,NL01,NL02,1,EUR,wire,,,",
            "r2,2025-03-01T10:00:00Z,NL01",
            "r3,2025-03-01T10:00:00Z,NL01,NL02,3,EUR,wire,,,,extra",
            "r4,2025-03-01T10:00:00Z,NL01,NL02,\"4\"x,EUR,wire,,,",
            "r5,2025-03-01T10:00:00Z,NL01,NL02,5,EUR,wire,,,"));

        var read = await ValidatedRows.ReadAsync(file);

        Assert.Equal(["r1", "r5"], read.Rows.TxId[..read.Rows.Count]);
        Assert.Equal(
            [
                (2L, "amount", "record has 3 fields; the header has 10"),
                (3L, "amount", "record has 11 fields; the header has 10"),
                (4L, "amount", "field 5 has text after its closing quote"),
            ],
            read.Rejected);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_field_becomes_a_replacement_character_and_the_row_is_rejected()
    {
        byte[] bytes = [.. "tx_id,booked_at,from_account,to_account,amount\nok,2025-03-01T10:00:00Z,NL01,NL02,1\nbad,2025-03-01T10:00:00Z,NL"u8, 0xC3, 0x28, .. ",NL02,1\n"u8];
        var file = TestCsv.WriteBytes(_dir, "utf8.csv", bytes);

        var read = await ValidatedRows.ReadAsync(file);

        Assert.Equal(["ok"], read.Rows.TxId[..read.Rows.Count]);
        Assert.Equal([(2L, "from_account", "not valid UTF-8")], read.Rejected);
    }

    [Theory]
    [InlineData("", "empty CSV file: no header row")]
    [InlineData("\n\n", "empty CSV file: no header row")]
    [InlineData("tx_id,booked_at,from_account,to_account\nx,2025-03-01T10:00:00Z,NL01,NL02\n", "required column 'amount' is missing")]
    [InlineData("tx_id,booked_at,from_account,to_account,amount\nx,2025-03-01T10:00:00Z,NL01,NL02,1\ny,2025-03-01T10:00:00Z,\"NL01,NL02,1\n", "truncated: the quoted field 3 of data row 2 never closes")]
    public async Task A_bad_file_is_rejected_whole_naming_the_file_and_the_problem(string content, string problem)
    {
        var file = TestCsv.Write(_dir, "bad.csv", content);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ValidatedRows.ReadAsync(file));

        Assert.Equal(file, error.Source);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_that_is_not_utf8_is_rejected()
    {
        byte[] bytes = [.. "tx_id,booked_"u8, 0xFF, .. "at,from_account,to_account,amount\n"u8];
        var file = TestCsv.WriteBytes(_dir, "header.csv", bytes);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ValidatedRows.ReadAsync(file));

        Assert.Equal("the header is not valid UTF-8 (column 2)", error.Problem);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Many_rows_cross_batches_and_buffers_with_every_value_and_row_number_intact(string newline)
    {
        const int rows = 85_536; // many batches, several read buffers, and row 70,001 to break
        var batch = new TransactionBatch(rows);
        for (var i = 0; i < rows; i++)
        {
            batch.Add($"t{i}", Some.Day(i % 28).AddSeconds(i), $"NL{i % 97:00}BANK{i:0000000000}", "NL02", 1m + (i % 1000) / 100m, i % 2 == 0 ? "EUR" : "USD", Channels.Wire, "B" + (i % 13), null, i % 3 == 0 ? $"note \"{i}\",\r\nmore" : null);
        }

        var text = TestCsv.Canonical(batch, newline).Replace("\nt70000,", "\nt70000,\"\"", StringComparison.Ordinal);
        var file = TestCsv.Write(_dir, "many.csv", text);

        var read = await ValidatedRows.ReadAsync(file);

        const int batches = (rows + CsvTransactionReader.BatchRows - 1) / CsvTransactionReader.BatchRows;
        Assert.Equal(Enumerable.Range(0, batches).Select(b => 1L + ((long)b * CsvTransactionReader.BatchRows)), read.Batches.Select(b => b.FirstRow));
        Assert.Equal([(70_001L, "amount", "field 2 has text after its closing quote")], read.Rejected);
        Assert.Equal(rows - 1, read.Rows.Count);
        for (int i = 0, r = 0; i < rows; i++)
        {
            if (i != 70_000)
            {
                Assert.Equal(ValidatedRows.Row(batch, i), read.Row(r++));
            }
        }
    }

    [Fact]
    public async Task Records_split_anywhere_by_the_buffer_read_the_same()
    {
        var text = "\uFEFFh1;h2;h3\r\n\"a;\"\"b\"\"\";;\"x\r\ny\"\r\n\r\n1;2;3\rlast;\"\";\"\"\"\"\"\"\n\"ünï\";é;€";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var expected = await TokenizeAsync(bytes, 1 << 20);

        Assert.Equal(
            ["h1|h2|h3", "a;\"b\"||x\r\ny", "1|2|3", "last||\"\"", "ünï|é|€"],
            expected);
        for (var size = 16; size <= 64; size++)
        {
            Assert.Equal(expected, await TokenizeAsync(bytes, size));
        }
    }

    private static async Task<List<string>> TokenizeAsync(byte[] bytes, int bufferBytes)
    {
        // A stream that hands out a few bytes at a time, so records split at every position.
        await using var stream = new TrickleStream(bytes);
        using var tokenizer = new CsvTokenizer("test.csv", stream, ';', bufferBytes);
        var records = new List<string>();
        do
        {
            while (tokenizer.TryReadRecord())
            {
                records.Add(string.Join('|', Enumerable.Range(0, tokenizer.FieldCount).Select(i => System.Text.Encoding.UTF8.GetString(tokenizer.Field(i)))));
            }
        }
        while (await tokenizer.FillAsync(CancellationToken.None));
        return records;
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }

    [Fact]
    public async Task The_amlworld_preset_reads_the_real_header_by_position()
    {
        var file = TestCsv.Write(_dir, "HI-Small_Trans.csv", string.Join(
            "\n",
            "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,Amount Paid,Payment Currency,Payment Format,Is Laundering",
            "2022/09/01 00:20,10,8000EBD30,10,8000EBD30,3697.34,US Dollar,3697.34,US Dollar,Reinvestment,0",
            "2022/09/01 00:20,3208,8000F4580,1,8000F5340,0.01,US Dollar,0.01,US Dollar,Cheque,0",
            "2022/09/01 00:02,1124,800825340,1124,800825340,1,Euro,1.17,US Dollar,ACH,1") + "\n");

        var read = await ValidatedRows.ReadAsync(file, MappingPresets.AmlWorld);

        Assert.Empty(read.Rejected);
        Assert.Equal(
            ("HI-Small_Trans.csv:1", new DateTime(2022, 9, 1, 0, 20, 0, DateTimeKind.Utc), "8000EBD30", "8000EBD30", 3697.34m, "USD", Channels.Other, (string?)"10", (string?)"10", (string?)null),
            read.Row(0));
        Assert.Equal(("8000F4580", "8000F5340", "3208", "1", Channels.Cheque), (read.Rows.FromAccount[1], read.Rows.ToAccount[1], read.Rows.FromBank[1], read.Rows.ToBank[1], read.Rows.Channel[1]));
        Assert.Equal(("HI-Small_Trans.csv:3", 1.17m, "USD", Channels.Ach), (read.Rows.TxId[2], read.Rows.Amount[2], read.Rows.Currency[2], read.Rows.Channel[2]));
        Assert.Equal([false, false, true], read.Batches.Single().IsLaundering!);
        Assert.Equal(3, read.Validator.Labels.Count);
    }

    [Fact]
    public async Task The_ingestor_loads_a_csv_exactly_as_the_same_rows_in_parquet()
    {
        var batch = Some.EveryField("ünïcödé €\nline two");
        var csv = TestCsv.Write(_dir, "tx.csv", TestCsv.Canonical(batch));
        var parquet = await TestFiles.TransactionsAsync(_dir, batch);

        var fromCsv = await IngestAsync(csv, "csv-data");
        var fromParquet = await IngestAsync(parquet, "parquet-data");

        Assert.Equal(3, fromCsv.Count);
        Assert.Equal(fromParquet, fromCsv);
    }

    internal static async Task<List<(string, DateTime, string, string, decimal, string, string, string?, string?, string?)>> IngestAsync(string file, string dataDirectory)
    {
        var service = new PipelineService(new LoggerConfiguration().CreateLogger(), TimeProvider.System);
        var data = new DataLayout(Path.Combine(Path.GetDirectoryName(file)!, dataDirectory));
        var summary = await service.IngestAsync(file, data);
        Assert.Equal((0L, 0L), (summary.Rejected, summary.Duplicates));
        var rows = new List<(string, DateTime, string, string, decimal, string, string, string?, string?, string?)>();
        await foreach (var part in new CuratedDataset(data.CuratedTransactions).ReadAsync(DateTime.MinValue, DateTime.MaxValue))
        {
            rows.AddRange(Enumerable.Range(0, part.Count).Select(i => ValidatedRows.Row(part, i)));
        }

        return [.. rows.OrderBy(r => r.Item1, StringComparer.Ordinal)];
    }
}
