using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Tests.Ingest;

/// <summary>
/// Curated parts are encoded by our own writer: Parquet.Net — another implementation than our page decoder — must
/// read them back as the contract's schema with the same values, nulls, empties and characters, over several row groups.
/// </summary>
public sealed class CuratedPartWriterTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TransactionBatch Rows(int group, int n)
    {
        var batch = new TransactionBatch(n);
        for (var i = 0; i < n; i++)
        {
            batch.Add(
                $"tx-{group}-{i}-{new string('é', i % 5)}", new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((i * 7_919_000_017L) + 3),
                i % 3 == 0 ? "" : $"NL{i % 97:00}BANK{i:0000000000}", $"wallet:∑{i % 13}", (i * 1.237m) + 0.015m, i % 2 == 0 ? "EUR" : "USD",
                Channels.Wire, i % 7 == 0 ? null : i % 11 == 0 ? "" : "ABNA", i % 5 == 0 ? null : "RABO", i % 3 == 1 ? null : $"omschrijving {i} — ünïcödé");
        }

        return batch;
    }

    [Fact]
    public async Task A_part_reads_back_through_Parquet_Net_with_every_value()
    {
        var path = Path.Combine(_dir, "part.parquet");
        var groups = new[] { Rows(0, 1000), Rows(1, 1), Rows(2, 33_000) };
        await using (var writer = await CuratedPartWriter.CreateAsync(path, CancellationToken.None))
        {
            foreach (var group in groups)
            {
                await writer.WriteRowGroupAsync(group, CancellationToken.None);
            }

            Assert.Equal(34_001, writer.Rows);
            Assert.Equal(groups.SelectMany(g => g.BookedAt.Take(g.Count)).Min(), writer.MinBookedAt);
        }

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(TransactionSchema.Parquet.DataFields.Select(f => (f.Name, f.ClrType, f.IsNullable)), reader.Schema.DataFields.Select(f => (f.Name, f.ClrType, f.IsNullable)));
        var amount = Assert.IsType<DecimalDataField>(reader.Schema.DataFields[4]);
        Assert.Equal((18, 2), (amount.Precision, amount.Scale));
        var booked = Assert.IsType<DateTimeDataField>(reader.Schema.DataFields[1]);
        Assert.Equal((DateTimeFormat.Timestamp, DateTimeTimeUnit.Micros, true), (booked.DateTimeFormat, booked.Unit, booked.IsAdjustedToUTC));
        Assert.Equal(groups.Length, reader.RowGroupCount);
        for (var g = 0; g < groups.Length; g++)
        {
            var expected = groups[g];
            var n = expected.Count;
            using var group = reader.OpenRowGroupReader(g);
            Assert.Equal(n, group.RowCount);
            async Task<string?[]> Text(int field)
            {
                var values = new string?[n];
                await group.ReadAsync(reader.Schema.DataFields[field], values.AsMemory());
                return values;
            }

            Assert.Equal(expected.TxId.Take(n), await Text(0));
            Assert.Equal(expected.FromAccount.Take(n), await Text(2));
            Assert.Equal(expected.ToAccount.Take(n), await Text(3));
            Assert.Equal(expected.Currency.Take(n), await Text(5));
            Assert.Equal(expected.Channel.Take(n), await Text(6));
            Assert.Equal(expected.FromBank.Take(n), await Text(7));
            Assert.Equal(expected.ToBank.Take(n), await Text(8));
            Assert.Equal(expected.Description.Take(n), await Text(9));
            var times = new DateTime[n];
            await group.ReadAsync<DateTime>(reader.Schema.DataFields[1], times.AsMemory());
            Assert.Equal(expected.BookedAt.Take(n).Select(t => new DateTime(t.Ticks - (t.Ticks % 10), DateTimeKind.Utc)), times);
            var amounts = new decimal[n];
            await group.ReadAsync<decimal>(reader.Schema.DataFields[4], amounts.AsMemory());
            Assert.Equal(expected.Amount.Take(n).Select(a => decimal.Truncate(a * 100) / 100).Select(a => a.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)), amounts.Select(a => a.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));

            var stats = group.GetMetadata(reader.Schema.DataFields[7])?.MetaData?.Statistics;
            Assert.NotNull(stats);
            Assert.Equal(expected.FromBank.Take(n).Count(b => b is null), stats.NullCount);

            // Few distinct codes: a dictionary; a description per row: PLAIN.
            if (n > 100)
            {
                var currency = group.GetMetadata(reader.Schema.DataFields[5])?.MetaData;
                var description = group.GetMetadata(reader.Schema.DataFields[9])?.MetaData;
                Assert.Contains(Parquet.Meta.Encoding.PLAIN_DICTIONARY, currency!.Encodings);
                Assert.NotNull(currency.DictionaryPageOffset);
                Assert.DoesNotContain(Parquet.Meta.Encoding.PLAIN_DICTIONARY, description!.Encodings);
            }
        }
    }

    [Fact]
    public async Task A_part_without_rows_is_a_valid_empty_file()
    {
        var path = Path.Combine(_dir, "empty.parquet");
        await using (var writer = await CuratedPartWriter.CreateAsync(path, CancellationToken.None))
        {
            await writer.WriteRowGroupAsync(new CuratedRows(4), CancellationToken.None);
        }

        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Equal(10, reader.Schema.DataFields.Length);
    }
}
