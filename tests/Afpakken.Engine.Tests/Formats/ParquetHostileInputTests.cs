using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Ingest;
using Afpakken.Engine.Tests.Support;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Afpakken.Engine.Tests.Formats;

/// <summary>
/// Corrupt or crafted files give the decoder's own errors — never a raw library exception, silently wrong values or a
/// huge allocation (cases found in review, each once shown to fail).
/// </summary>
public sealed class ParquetHostileInputTests : IDisposable
{
    private static readonly DataField<long> N = new("n", false);
    private static readonly ParquetLeafColumn Text = new(0, "c", new SchemaElement { Name = "c", Type = Parquet.Meta.Type.BYTE_ARRAY }, 0, false);
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> LongsAsync(CompressionMethod compression, int groups)
    {
        var path = Path.Combine(_dir, $"{compression}-{groups}.parquet");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(N), stream, new ParquetOptions { CompressionMethod = compression });
        for (var g = 0; g < groups; g++)
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(N, Enumerable.Range(0, 5000).Select(i => (long)((i * 7919 % 100003) + (g * 1_000_000))).ToArray().AsMemory());
        }

        return path;
    }

    [Fact]
    public async Task A_corrupt_zstd_page_is_a_format_error_naming_the_column()
    {
        var path = await LongsAsync(CompressionMethod.Zstd, 1);
        long at;
        using (var file = await ParquetColumnFile.OpenAsync(path, CancellationToken.None))
        {
            var meta = file.Metadata.RowGroups[0].Columns[0].MetaData!;
            var raw = new byte[meta.TotalCompressedSize];
            await using (var read = File.OpenRead(path))
            {
                read.Position = meta.DataPageOffset;
                read.ReadExactly(raw);
            }

            at = meta.DataPageOffset + raw.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]) + 4;
        }

        await using (var write = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            write.Position = at;
            write.Write([0xEE, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE]);
        }

        using var corrupt = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        var ex = Assert.Throws<ParquetFormatException>(() => corrupt.CreateDecoder().ReadValues(0, corrupt.Columns[0], new ValueColumn<long>()));
        Assert.Contains("'n'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_offset_near_the_end_of_the_long_range_is_a_format_error()
    {
        var path = await LongsAsync(CompressionMethod.Snappy, 2);
        using var good = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        var metadata = good.Metadata;
        metadata.RowGroups[1].Columns[0].MetaData!.DataPageOffset = long.MaxValue - 8;
        metadata.RowGroups[1].Columns[0].MetaData!.DictionaryPageOffset = null;
        using var file = ParquetColumnFile.Open(path, metadata);
        var decoder = file.CreateDecoder();
        decoder.ReadValues(0, file.Columns[0], new ValueColumn<long>());

        Assert.Throws<ParquetFormatException>(() => decoder.ReadValues(1, file.Columns[0], new ValueColumn<long>()));
    }

    [Fact]
    public void A_second_dictionary_page_in_a_chunk_is_refused_rather_than_remapping_earlier_rows()
    {
        var chunk = new MemoryStream();
        TestPages.Dictionary(chunk, ["EUR", "USD"]);
        TestPages.DataV1(chunk, [], TestPages.Indices(1, [0, 1]), encoding: 8, rows: 2);
        TestPages.Dictionary(chunk, ["XXX", "YYY"]);
        TestPages.DataV1(chunk, [], TestPages.Indices(1, [0, 1]), encoding: 8, rows: 2);

        Assert.Throws<InvalidDataException>(() =>
            new ParquetColumnDecoder("chunk").DecodeBytes(chunk.ToArray(), 4, Text, CompressionCodec.UNCOMPRESSED, new Utf8Column()));
    }

    [Fact]
    public void A_delta_page_claiming_millions_of_values_for_one_row_allocates_nothing_big()
    {
        // DELTA_BINARY_PACKED: block size 2^20, one miniblock, 8M values, bit width 0 — 42 bytes that used to become 198 MB.
        var page = new MemoryStream();
        void V(ulong v)
        {
            while (v >= 0x80)
            {
                page.WriteByte((byte)(v | 0x80));
                v >>= 7;
            }

            page.WriteByte((byte)v);
        }

        V(1 << 20);
        V(1);
        V(8_000_000);
        V(0);
        for (var i = 0; i < 8; i++)
        {
            V(0);
            page.WriteByte(0);
        }

        var chunk = new MemoryStream();
        TestPages.DataV1(chunk, [], page.ToArray(), encoding: 5, rows: 1);
        var column = new ParquetLeafColumn(0, "n", new SchemaElement { Name = "n", Type = Parquet.Meta.Type.INT64 }, 0, false);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        Assert.Throws<InvalidDataException>(() =>
            new ParquetColumnDecoder("chunk").DecodeValues(chunk.ToArray(), 1, column, CompressionCodec.UNCOMPRESSED, new ValueColumn<long>()));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 10_000_000);
    }

    [Fact]
    public async Task An_unsupported_page_in_a_curated_part_reaches_the_edge_readers_caller_as_itself()
    {
        var path = Path.Combine(_dir, "part.parquet");
        var batch = new TransactionBatch(10);
        for (var i = 0; i < 10; i++)
        {
            batch.Add($"tx{i}", new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), $"A{i}", $"B{i}", 10m + i, "EUR", Channels.Wire, null, null, null);
        }

        await using (var writer = await CuratedPartWriter.CreateAsync(path, CancellationToken.None))
        {
            await writer.WriteRowGroupAsync(batch, CancellationToken.None);
        }

        // tx_id's data page header: … 2C 15 <values> 15 <encoding>; set the encoding to BYTE_STREAM_SPLIT (9).
        var bytes = await File.ReadAllBytesAsync(path);
        var p = Array.IndexOf(bytes, (byte)0x2C, 4);
        bytes[p + 4] = 0x12;
        await File.WriteAllBytesAsync(path, bytes);

        var (reader, why) = await ParquetEdgeReader.TryOpenAsync(path);
        Assert.Null(why);
        using (reader)
        {
            Assert.Throws<ParquetUnsupportedException>(() => reader!.Read(0));
        }
    }
}
