using Afpakken.Engine.Contract;
using Afpakken.Engine.Generation;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Tests.Ingest;

/// <summary>
/// The page decoder's path of <see cref="ParquetTransactionReader"/> against its Parquet.Net path on the same files:
/// every column of every row group must come out the same (values, nulls, translations, amount problems, labels).
/// </summary>
public sealed class ParquetPageColumnsTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_generated_transactions_file_reads_the_same_through_both_decoders()
    {
        var world = Path.Combine(_dir, "world");
        await WorldGenerator.WriteAsync(new GenerationOptions(world, 30_000, 11));
        await AssertSameAsync(Path.Combine(world, "transactions.parquet"), ColumnMapping.Canonical, expectPages: true);
    }

    [Fact]
    public async Task Odd_columns_read_the_same_through_both_decoders()
    {
        // Nullable ids with nulls, empties and non-ASCII; text timestamps; double amounts with NaN and negatives;
        // integer labels and a typology; a mapping that renames, translates values and sets defaults.
        var id = new DataField<string>("id", true);
        var when = new DataField<string>("when", true);
        var from = new DataField<string>("from", true);
        var to = new DataField<string>("to", false);
        var amount = new DataField<double?>("amount", true);
        var channel = new DataField<string>("kanaal", true);
        var label = new DataField<int?>("label", true);
        var typology = new DataField<string>("typology", true);
        var path = Path.Combine(_dir, "odd.parquet");
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        options.ColumnEncodingHints[channel.Path.ToString()] = EncodingHint.Dictionary;
        options.ColumnEncodingHints[from.Path.ToString()] = EncodingHint.Dictionary;
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, when, from, to, amount, channel, label, typology), stream, options))
        {
            for (var g = 0; g < 3; g++)
            {
                var n = 1000 + (g * 517);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(id, Enumerable.Range(0, n).Select(i => i % 97 == 5 ? null : i % 89 == 7 ? "" : $"ïd-{g}-{i}").ToArray());
                await group.WriteAsync(when, Enumerable.Range(0, n).Select(i => i % 50 == 1 ? null : i % 77 == 2 ? "not a time" : $"2025-0{1 + (i % 9)}-1{i % 10}T10:{i % 60:00}:00Z").ToArray());
                await group.WriteAsync(from, Enumerable.Range(0, n).Select(i => i % 31 == 0 ? null : $"NL{i % 13:00}BANK{i % 13:0000000000}").ToArray());
                await group.WriteAsync(to, Enumerable.Range(0, n).Select(i => $"DE{i % 29:00}X{i:000000}").ToArray());
                await group.WriteAsync<double>(amount, Enumerable.Range(0, n).Select(i => i % 40 == 3 ? null : i % 61 == 4 ? double.NaN : i % 53 == 5 ? -i : (double?)(i * 1.25)).ToArray().AsMemory());
                await group.WriteAsync(channel, Enumerable.Range(0, n).Select(i => i % 11 == 0 ? null : i % 3 == 0 ? "overschrijving" : i % 3 == 1 ? "kaart" : "").ToArray());
                await group.WriteAsync<int>(label, Enumerable.Range(0, n).Select(i => i % 17 == 0 ? null : (int?)(i % 2)).ToArray().AsMemory());
                await group.WriteAsync(typology, Enumerable.Range(0, n).Select(i => i % 23 == 0 ? "mule" : null).ToArray());
            }
        }

        var mapping = new ColumnMapping
        {
            Name = "odd",
            Columns = new Dictionary<string, string>
            {
                [TransactionSchema.TxId] = "id",
                [TransactionSchema.BookedAt] = "when",
                [TransactionSchema.FromAccount] = "from",
                [TransactionSchema.ToAccount] = "to",
                [TransactionSchema.Amount] = "amount",
                [TransactionSchema.Channel] = "kanaal",
                [ColumnMapping.IsLaundering] = "label",
                [ColumnMapping.Typology] = "typology",
            },
            Values = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [TransactionSchema.Channel] = new Dictionary<string, string> { ["overschrijving"] = Channels.Wire, ["kaart"] = Channels.Card },
                [TransactionSchema.ToAccount] = new Dictionary<string, string> { ["DE01X000001"] = "renamed" },
            },
            Defaults = new Dictionary<string, string> { [TransactionSchema.Currency] = "EUR" },
        };
        await AssertSameAsync(path, mapping, expectPages: true);
    }

    [Fact]
    public async Task Typed_timestamps_decimals_and_boolean_labels_read_the_same_through_both_decoders()
    {
        foreach (var (unit, adjusted) in new[] { (DateTimeTimeUnit.Millis, true), (DateTimeTimeUnit.Micros, false), (DateTimeTimeUnit.Nanos, true) })
        {
            var booked = new DateTimeDataField(TransactionSchema.BookedAt, DateTimeFormat.Timestamp, adjusted, unit, isNullable: true);
            var amount = new DecimalDataField(TransactionSchema.Amount, 12, 3, isNullable: true);
            var label = new DataField<bool?>(ColumnMapping.IsLaundering, true);
            var ids = new[] { TransactionSchema.TxId, TransactionSchema.FromAccount, TransactionSchema.ToAccount }.Select(n => new DataField<string>(n, false)).ToArray();
            var path = Path.Combine(_dir, $"typed-{unit}-{adjusted}.parquet");
            await using (var stream = File.Create(path))
            await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. ids, booked, amount, label]), stream))
            {
                const int n = 2500;
                using var group = writer.CreateRowGroup();
                foreach (var field in ids)
                {
                    await group.WriteAsync(field, Enumerable.Range(0, n).Select(i => $"{field.Name}-{i}").ToArray());
                }

                var start = new DateTime(2024, 12, 31, 23, 59, 58, DateTimeKind.Utc).AddTicks(1234567);
                await group.WriteAsync<DateTime>(booked, Enumerable.Range(0, n).Select(i => i % 9 == 0 ? null : (DateTime?)start.AddMinutes(i * 37)).ToArray().AsMemory());
                await group.WriteAsync<decimal>(amount, Enumerable.Range(0, n).Select(i => i % 13 == 0 ? null : (decimal?)((i - 200) * 1.125m)).ToArray().AsMemory());
                await group.WriteAsync<bool>(label, Enumerable.Range(0, n).Select(i => i % 5 == 0 ? null : (bool?)(i % 3 == 0)).ToArray().AsMemory());
            }

            await AssertSameAsync(path, ColumnMapping.Canonical, expectPages: true);
        }
    }

    [Fact]
    public async Task A_column_the_page_decoder_does_not_read_falls_back_to_Parquet_Net_for_the_file()
    {
        // INT96 timestamps (the legacy Impala layout) are left to Parquet.Net.
        var booked = new DateTimeDataField(TransactionSchema.BookedAt, DateTimeFormat.Impala);
        var ids = new[] { TransactionSchema.TxId, TransactionSchema.FromAccount, TransactionSchema.ToAccount }.Select(n => new DataField<string>(n, false)).ToArray();
        var amount = new DataField<long>(TransactionSchema.Amount, false);
        var path = Path.Combine(_dir, "int96.parquet");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema([.. ids, booked, amount]), stream))
        {
            using var group = writer.CreateRowGroup();
            foreach (var field in ids)
            {
                await group.WriteAsync(field, new[] { field.Name + "1", field.Name + "2" });
            }

            await group.WriteAsync<DateTime>(booked, new[] { Some.Day(1), Some.Day(2) }.AsMemory());
            await group.WriteAsync<long>(amount, new long[] { 5, 7 }.AsMemory());
        }

        await AssertSameAsync(path, ColumnMapping.Canonical, expectPages: false);
    }

    [Fact]
    public async Task A_corrupt_chunk_rejects_the_file_naming_the_column()
    {
        var world = Path.Combine(_dir, "world");
        await WorldGenerator.WriteAsync(new GenerationOptions(world, 10_000, 5));
        var path = Path.Combine(world, "transactions.parquet");
        long offset;
        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            offset = reader.Metadata!.RowGroups[0].Columns.Single(c => c.MetaData!.PathInSchema[0] == TransactionSchema.FromAccount).MetaData!.DataPageOffset;
        }

        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = offset + 40;
            stream.Write(Enumerable.Repeat((byte)0x5A, 200).ToArray());
        }

        await using var source = await ParquetTransactionReader.OpenAsync(path, CancellationToken.None);
        Assert.True(source.UsesPageDecoder);
        var error = await Assert.ThrowsAsync<InvalidInputException>(async () =>
        {
            await foreach (var _ in source.ReadAsync(CancellationToken.None))
            {
            }
        });
        Assert.Equal(path, error.Source);
        Assert.Contains($"column '{TransactionSchema.FromAccount}'", error.Problem, StringComparison.Ordinal);
    }

    private static async Task AssertSameAsync(string path, ColumnMapping mapping, bool expectPages)
    {
        await using var pages = await ParquetTransactionReader.OpenAsync(path, mapping, CancellationToken.None);
        await using var reference = await ParquetTransactionReader.OpenAsync(path, mapping, CancellationToken.None, usePages: false);
        Assert.True(expectPages == pages.UsesPageDecoder, pages.PageDecoderRefusal ?? "the page decoder reads it");
        Assert.False(reference.UsesPageDecoder);
        long firstRow = 1;
        for (var g = 0; g < reference.RowGroupCount; g++)
        {
            var expected = await reference.ReadRowGroupAsync(g, firstRow, CancellationToken.None);
            var actual = await pages.ReadRowGroupAsync(g, firstRow, CancellationToken.None);
            var n = expected.Count;
            Assert.Equal(n, actual.Count);
            Assert.Equal(expected.FirstRow, actual.FirstRow);
            Assert.Equal(Ids(expected.TxId, n), Ids(actual.TxId, n));
            Assert.Equal(Ids(expected.FromAccount, n), Ids(actual.FromAccount, n));
            Assert.Equal(Ids(expected.ToAccount, n), Ids(actual.ToAccount, n));
            Assert.Equal(expected.BookedAt.Take(n), actual.BookedAt.Take(n));
            Assert.Equal(expected.Amount.Take(n).Select(Text), actual.Amount.Take(n).Select(Text));
            Assert.Equal(expected.AmountProblem?.Take(n), actual.AmountProblem?.Take(n));
            Assert.Equal(expected.Currency?.Take(n), actual.Currency?.Take(n));
            Assert.Equal(expected.Channel?.Take(n), actual.Channel?.Take(n));
            Assert.Equal(expected.FromBank?.Take(n), actual.FromBank?.Take(n));
            Assert.Equal(expected.ToBank?.Take(n), actual.ToBank?.Take(n));
            Assert.Equal(expected.Description?.Take(n), actual.Description?.Take(n));
            Assert.Equal(expected.IsLaundering?.Take(n), actual.IsLaundering?.Take(n));
            Assert.Equal(expected.Typology?.Take(n), actual.Typology?.Take(n));
            firstRow += n;
        }
    }

    // Ids as text: a null and an empty id are both missing (empty); decimals with their scale (1.00 is not 1).
    private static string?[]? Ids(ReadOnlyMemory<char>[]? ids, int n) => ids?.Take(n).Select(i => i.ToString()).ToArray();

    private static string? Text(decimal? amount) => amount?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
