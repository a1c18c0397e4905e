using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Tests.Formats;

public sealed class TransactionFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("afpakken-tx-").FullName;

    private static TransactionBatch Sample()
    {
        var batch = new TransactionBatch(4);
        batch.Add("T1", new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560), "NL91ABNA0417164300", CashAccount.Id,
            9_900.00m, "EUR", Channels.CashWithdrawal, "ABNA", null, null);
        batch.Add("T2", new DateTime(2025, 3, 2, 0, 0, 1, DateTimeKind.Utc), CashAccount.Id, "NL91ABNA0417164300", 0.01m, "EUR",
            Channels.CashDeposit, null, "ABNA", "Storting, filiaal \"Zuid\"\nregel 2");
        batch.Add("T3", new DateTime(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc), "A", "B", 123_456_789_012.34m, "USD", Channels.Wire, "X", "Y", "ok");
        return batch;
    }

    [Theory]
    [InlineData(FileFormat.Arrow)]
    [InlineData(FileFormat.Parquet)]
    [InlineData(FileFormat.Csv)]
    public async Task Transactions_round_trip(FileFormat format)
    {
        var path = TableFiles.PathOf(_dir, "transactions", format);
        var written = Sample();
        await using (var writer = await TransactionFileWriter.CreateAsync(format, path))
        {
            await writer.WriteAsync(written);
        }

        var batches = new List<TransactionBatch>();
        var read = format == FileFormat.Arrow ? TransactionFileReader.ReadArrowAsync(path) : TransactionFileReader.ReadAsync(path);
        await foreach (var b in read)
        {
            batches.Add(b);
        }

        var back = Assert.Single(batches);
        Assert.Equal(written.Count, back.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal(written.TxId[i], back.TxId[i]);
            Assert.Equal(written.BookedAt[i], back.BookedAt[i]);
            Assert.Equal(DateTimeKind.Utc, back.BookedAt[i].Kind);
            Assert.Equal(written.FromAccount[i], back.FromAccount[i]);
            Assert.Equal(written.ToAccount[i], back.ToAccount[i]);
            Assert.Equal(written.Amount[i], back.Amount[i]);
            Assert.Equal(written.Currency[i], back.Currency[i]);
            Assert.Equal(written.Channel[i], back.Channel[i]);
            Assert.Equal(written.FromBank[i], back.FromBank[i]);
            Assert.Equal(written.ToBank[i], back.ToBank[i]);
            Assert.Equal(written.Description[i], back.Description[i]);
        }
    }

    [Fact]
    public async Task Csv_quotes_comma_quote_and_newline_per_rfc_4180()
    {
        var path = Path.Combine(_dir, "transactions.csv");
        await using (var writer = await TransactionFileWriter.CreateAsync(FileFormat.Csv, path))
        {
            await writer.WriteAsync(Sample());
        }

        var text = await File.ReadAllTextAsync(path);
        Assert.Equal(
            "tx_id,booked_at,from_account,to_account,amount,currency,channel,from_bank,to_bank,description\n" +
            "T1,2025-03-01T12:00:00.123456Z,NL91ABNA0417164300,CASH,9900.00,EUR,cash_withdrawal,ABNA,,\n" +
            "T2,2025-03-02T00:00:01.000000Z,CASH,NL91ABNA0417164300,0.01,EUR,cash_deposit,,ABNA,\"Storting, filiaal \"\"Zuid\"\"\nregel 2\"\n" +
            "T3,2025-12-31T23:59:59.000000Z,A,B,123456789012.34,USD,wire,X,Y,ok\n",
            text);
    }

    [Fact]
    public async Task Parquet_transactions_are_snappy_with_dictionary_encoded_channel()
    {
        var path = Path.Combine(_dir, "transactions.parquet");
        var batch = new TransactionBatch(1_000);
        for (var i = 0; i < batch.Capacity; i++)
        {
            batch.Add($"T{i}", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i), $"A{i}", $"B{i}", 10m + i, "EUR",
                i % 3 == 0 ? Channels.Card : Channels.Wire);
        }

        await using (var writer = await TransactionFileWriter.CreateAsync(FileFormat.Parquet, path))
        {
            await writer.WriteAsync(batch);
        }

        await using var reader = await Parquet.ParquetReader.CreateAsync(path);
        using var group = reader.OpenRowGroupReader(0);
        var channel = group.GetMetadata(reader.Schema.DataFields.Single(f => f.Name == TransactionSchema.Channel))!.MetaData!;
        Assert.Equal(Parquet.Meta.CompressionCodec.SNAPPY, channel.Codec);
        Assert.Contains(channel.Encodings, e => e is Parquet.Meta.Encoding.PLAIN_DICTIONARY or Parquet.Meta.Encoding.RLE_DICTIONARY);
    }

    [Fact]
    public async Task Arrow_reader_refuses_a_non_arrow_file()
    {
        await Assert.ThrowsAsync<InvalidInputException>(async () =>
        {
            await foreach (var _ in TransactionFileReader.ReadArrowAsync(Path.Combine(_dir, "x.parquet")))
            {
            }
        });
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
