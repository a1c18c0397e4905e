using Afpakken.Engine.Formats;
using Afpakken.Engine.Tests.Support;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Afpakken.Engine.Tests.Formats;

public sealed class ParquetPagesTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DataField<string> Id = new("id", false);
    private static readonly DataField<string> Code = new("code", true);
    private static readonly DataField<long> Count = new("count", false);
    private static readonly DataField<int?> Small = new("small", true);
    private static readonly DataField<double> Ratio = new("ratio", false);
    private static readonly DataField<bool?> Flag = new("flag", true);
    private static readonly ParquetSchema Schema = new(Id, Code, Count, Small, Ratio, Flag);

    private sealed record Rows(string[] Ids, string?[] Codes, long[] Counts, int?[] Smalls, double[] Ratios, bool?[] Flags);

    /// <summary>Row group <paramref name="group"/>: unique ids (plain), a few codes with nulls (dictionary), numbers with nulls.</summary>
    private static Rows Make(int group, int n)
    {
        string[] codes = ["EUR", "USD", "", "GBP", "CHF", "zł-Ω"];
        return new Rows(
            Enumerable.Range(0, n).Select(i => $"tx-{group}-{i:D6}-{new string('x', i % 17)}").ToArray(),
            Enumerable.Range(0, n).Select(i => i % 7 == 3 ? null : codes[(i * 31 + group) % codes.Length]).ToArray(),
            Enumerable.Range(0, n).Select(i => ((long)i * 1_000_003) - (group * 77L)).ToArray(),
            Enumerable.Range(0, n).Select(i => i % 5 == 0 ? (int?)null : i - 500).ToArray(),
            Enumerable.Range(0, n).Select(i => i / 3.0).ToArray(),
            Enumerable.Range(0, n).Select(i => i % 4 == 0 ? (bool?)null : i % 3 == 0).ToArray());
    }

    private async Task<(string Path, List<Rows> Groups)> WriteAsync(CompressionMethod compression, bool dictionary, params int[] groupSizes)
    {
        var path = Path.Combine(_dir, $"t-{compression}-{dictionary}-{groupSizes.Length}.parquet");
        var options = new ParquetOptions { CompressionMethod = compression };
        if (dictionary)
        {
            options.ColumnEncodingHints[Code.Path.ToString()] = EncodingHint.Dictionary;
            options.ColumnEncodingHints[Small.Path.ToString()] = EncodingHint.Dictionary;
        }

        var groups = new List<Rows>();
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(Schema, stream, options))
        {
            for (var g = 0; g < groupSizes.Length; g++)
            {
                var rows = Make(g, groupSizes[g]);
                groups.Add(rows);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(Id, rows.Ids);
                await group.WriteAsync(Code, rows.Codes);
                await group.WriteAsync<long>(Count, rows.Counts.AsMemory());
                await group.WriteAsync<int>(Small, rows.Smalls.AsMemory());
                await group.WriteAsync<double>(Ratio, rows.Ratios.AsMemory());
                await group.WriteAsync<bool>(Flag, rows.Flags.AsMemory());
            }
        }

        return (path, groups);
    }

    [Theory]
    [InlineData(CompressionMethod.Snappy, true)]
    [InlineData(CompressionMethod.Snappy, false)]
    [InlineData(CompressionMethod.None, true)]
    [InlineData(CompressionMethod.None, false)]
    [InlineData(CompressionMethod.Gzip, true)]
    [InlineData(CompressionMethod.Zstd, false)]
    public async Task Columns_written_by_Parquet_Net_decode_to_the_same_values(CompressionMethod compression, bool dictionary)
    {
        var (path, groups) = await WriteAsync(compression, dictionary, 5000, 1, 2048);
        using var file = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        Assert.Equal(3, file.RowGroupCount);
        Assert.All(file.Columns, c => Assert.Null(file.Unsupported(c)));

        var decoder = file.CreateDecoder();
        var ids = new Utf8Column();
        var codes = new Utf8Column();
        var counts = new ValueColumn<long>();
        var smalls = new ValueColumn<int>();
        var ratios = new ValueColumn<double>();
        var flags = new ValueColumn<bool>();
        for (var g = 0; g < groups.Count; g++)
        {
            // The same targets refilled for every row group, larger and smaller ones.
            decoder.ReadBytes(g, file.Find("id")!, ids);
            decoder.ReadBytes(g, file.Find("code")!, codes);
            decoder.ReadValues(g, file.Find("count")!, counts);
            decoder.ReadValues(g, file.Find("small")!, smalls);
            decoder.ReadValues(g, file.Find("ratio")!, ratios);
            decoder.ReadValues(g, file.Find("flag")!, flags);

            var expected = groups[g];
            Assert.Equal(expected.Ids, ids.ToStrings());
            Assert.Equal(expected.Codes, codes.ToStrings());
            Assert.Equal(expected.Counts, counts.Values.ToArray());
            Assert.Equal(expected.Smalls, Enumerable.Range(0, smalls.Count).Select(i => smalls[i]));
            Assert.Equal(expected.Ratios, ratios.Values.ToArray());
            Assert.Equal(expected.Flags, Enumerable.Range(0, flags.Count).Select(i => flags[i]));
            Assert.Equal(expected.Codes.Any(c => c is null), codes.HasNulls);
            Assert.Equal(expected.Codes.Select(c => c is null), Enumerable.Range(0, codes.Count).Select(codes.IsNull));
        }

        // The codes repeat: with dictionary encoding on, they come as a dictionary and an index per row.
        if (dictionary && groups[^1].Codes.Length > 1)
        {
            Assert.NotNull(codes.Dictionary);
            Assert.True(codes.Dictionary!.Count <= 6);
            Assert.Equal(-1, codes.Indices[3]);
        }
        else
        {
            Assert.Null(codes.Dictionary);
            Assert.Equal(ids.Offsets[^1], ids.Data.Length);
        }
    }

    [Fact]
    public async Task Decoded_strings_match_Parquet_Net_on_a_generated_transactions_file()
    {
        var world = Path.Combine(_dir, "world");
        await Afpakken.Engine.Generation.WorldGenerator.WriteAsync(new Afpakken.Engine.Generation.GenerationOptions(world, 20_000, 7));
        var path = Path.Combine(world, "transactions.parquet");
        using var file = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        await using var reader = await ParquetReader.CreateAsync(path);
        var decoder = file.CreateDecoder();
        var text = new Utf8Column();
        var numbers = new ValueColumn<long>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            foreach (var field in reader.Schema.DataFields)
            {
                var column = file.Find(field.Name)!;
                Assert.Null(file.Unsupported(column));
                var rows = (int)group.RowCount;
                if (column.PhysicalType == Parquet.Meta.Type.BYTE_ARRAY)
                {
                    var expected = new string?[rows];
                    await group.ReadAsync(field, expected.AsMemory());
                    decoder.ReadBytes(g, column, text);
                    Assert.Equal(expected, text.ToStrings());
                }
                else if (column.PhysicalType == Parquet.Meta.Type.INT64)
                {
                    decoder.ReadValues(g, column, numbers);
                    Assert.Equal(rows, numbers.Count);
                    if (field.ClrType == typeof(decimal))
                    {
                        var expected = new decimal[rows];
                        await group.ReadAsync<decimal>(field, expected.AsMemory());
                        Assert.Equal(expected, numbers.Values.ToArray().Select(v => new decimal(v) / 100m));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Multiple_pages_v1_and_v2_with_a_dictionary_and_a_plain_fallback_decode_in_order(bool snappy)
    {
        // A chunk as a writer whose dictionary overflowed writes it: dictionary page, two dictionary-encoded data pages
        // (v1, then v2), then PLAIN pages; an optional column with nulls.
        var column = new ParquetLeafColumn(0, "c", new SchemaElement { Name = "c", Type = Parquet.Meta.Type.BYTE_ARRAY }, MaxDefinitionLevel: 1, IsNested: false);
        string?[] expected = ["b", null, "a", "a", "é", null, "b", "plain-1", null, "", "plain-2", "b", "b", "b"];
        var chunk = new MemoryStream();
        TestPages.Dictionary(chunk, ["a", "b", "é"], snappy);
        TestPages.DataV1(chunk, levels: [1, 0, 1, 1], values: TestPages.Indices(2, [1, 0, 0]), encoding: 8, snappy);
        TestPages.DataV2(chunk, levels: [1, 0, 1], values: TestPages.Indices(2, [2, 1]), encoding: 8, snappy);
        TestPages.DataV1(chunk, levels: [1, 0, 1], values: TestPages.Plain("plain-1", ""), encoding: 0, snappy);
        TestPages.DataV2(chunk, levels: [1], values: TestPages.Plain("plain-2"), encoding: 0, snappy);
        TestPages.DataV1(chunk, levels: [1, 1, 1], values: TestPages.Indices(2, [1, 1, 1]), encoding: 2, snappy);

        var target = new Utf8Column();
        var decoder = new ParquetColumnDecoder("chunk");
        decoder.DecodeBytes(chunk.ToArray(), expected.Length, column, snappy ? CompressionCodec.SNAPPY : CompressionCodec.UNCOMPRESSED, target);

        Assert.Equal(expected, target.ToStrings());
        Assert.Null(target.Dictionary); // flattened when the plain pages came
    }

    [Fact]
    public void A_chunk_of_dictionary_pages_only_stays_a_dictionary_and_an_index_per_row()
    {
        var column = new ParquetLeafColumn(0, "c", new SchemaElement { Name = "c", Type = Parquet.Meta.Type.BYTE_ARRAY }, MaxDefinitionLevel: 0, IsNested: false);
        var chunk = new MemoryStream();
        TestPages.Dictionary(chunk, ["EUR", "USD"]);
        TestPages.DataV1(chunk, levels: [], values: TestPages.Indices(1, [1, 0, 1, 1, 0, 0, 0, 1, 1]), encoding: 8, rows: 9);
        TestPages.DataV2(chunk, levels: [], values: TestPages.Indices(1, [0, 0]), encoding: 8, snappy: false, rows: 2);

        var target = new Utf8Column();
        new ParquetColumnDecoder("chunk").DecodeBytes(chunk.ToArray(), 11, column, CompressionCodec.UNCOMPRESSED, target);

        Assert.Equal(new string?[] { "EUR", "USD" }, target.Dictionary!.ToStrings());
        Assert.Equal([1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0], target.Indices.ToArray());
        Assert.Equal("USD", System.Text.Encoding.UTF8.GetString(target[7]));
        Assert.False(target.HasNulls);
    }

    [Fact]
    public void Int64_pages_v2_with_nulls_and_a_dictionary_decode()
    {
        var column = new ParquetLeafColumn(0, "n", new SchemaElement { Name = "n", Type = Parquet.Meta.Type.INT64 }, MaxDefinitionLevel: 1, IsNested: false);
        static byte[] Longs(params long[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
        var chunk = new MemoryStream();
        TestPages.DataV2(chunk, levels: [1, 0, 1], values: Longs(-5, long.MaxValue), encoding: 0, snappy: true);
        TestPages.DataV1(chunk, levels: [0, 1], values: Longs(42), encoding: 0, snappy: true);

        var target = new ValueColumn<long>();
        new ParquetColumnDecoder("chunk").DecodeValues(chunk.ToArray(), 5, column, CompressionCodec.SNAPPY, target);

        Assert.Equal([-5, null, long.MaxValue, null, 42], Enumerable.Range(0, target.Count).Select(i => target[i]));
    }

    [Fact]
    public async Task A_corrupt_chunk_is_an_error_naming_the_file_and_the_column()
    {
        var (path, _) = await WriteAsync(CompressionMethod.Snappy, dictionary: false, 3000);
        using (var original = await ParquetColumnFile.OpenAsync(path, CancellationToken.None))
        {
            // Garbage over the middle of the "count" chunk: its page header or its Snappy data no longer make sense.
            var meta = original.Metadata.RowGroups[0].Columns[original.Find("count")!.Index].MetaData!;
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            stream.Position = meta.DataPageOffset;
            stream.Write(Enumerable.Repeat((byte)0xEE, (int)Math.Min(64, meta.TotalCompressedSize)).ToArray());
        }

        using var file = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        var error = Assert.Throws<ParquetFormatException>(() => file.CreateDecoder().ReadValues(0, file.Find("count")!, new ValueColumn<long>()));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'count'", error.Message, StringComparison.Ordinal);
        Assert.Equal("count", error.Column);

        // The columns around it still decode.
        var ids = new Utf8Column();
        file.CreateDecoder().ReadBytes(0, file.Find("id")!, ids);
        Assert.Equal(3000, ids.Count);
    }

    [Fact]
    public async Task A_truncated_file_is_an_error_naming_the_file_and_the_column()
    {
        var (path, _) = await WriteAsync(CompressionMethod.Snappy, dictionary: true, 4000, 4000);
        using var whole = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        var cut = Path.Combine(_dir, "cut.parquet");
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);

        // Without its footer the file is not Parquet at all.
        var noFooter = await Assert.ThrowsAsync<ParquetFormatException>(() => ParquetColumnFile.OpenAsync(cut, CancellationToken.None));
        Assert.Contains(cut, noFooter.Message, StringComparison.Ordinal);

        // With the footer of the whole file (a file cut after its footer was read), the chunks past the cut are errors.
        using var file = ParquetColumnFile.Open(cut, whole.Metadata);
        var last = file.Columns[^1];
        var error = Assert.Throws<ParquetFormatException>(() => file.CreateDecoder().ReadValues(1, last, new ValueColumn<bool>()));
        Assert.Contains(cut, error.Message, StringComparison.Ordinal);
        Assert.Contains($"column '{last.Name}', row group 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_of_another_type_is_refused()
    {
        var (path, _) = await WriteAsync(CompressionMethod.None, dictionary: false, 10);
        using var file = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        Assert.Throws<ArgumentException>(() => file.CreateDecoder().ReadValues(0, file.Find("count")!, new ValueColumn<int>()));
        Assert.Throws<ArgumentException>(() => file.CreateDecoder().ReadBytes(0, file.Find("count")!, new Utf8Column()));
    }

    [Fact]
    public async Task A_fixed_length_decimal_column_decodes_to_its_big_endian_bytes()
    {
        var field = new DecimalDataField("d", 30, 4, isNullable: true);
        var path = Path.Combine(_dir, "flba.parquet");
        decimal?[] values = [1.5m, null, -2m, 123_456_789_012_345.6789m];
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<decimal>(field, values.AsMemory());
        }

        using var file = await ParquetColumnFile.OpenAsync(path, CancellationToken.None);
        var column = file.Find("d")!;
        Assert.Equal(Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY, column.PhysicalType);
        var target = new Utf8Column();
        file.CreateDecoder().ReadBytes(0, column, target);

        var decoded = Enumerable.Range(0, target.Count).Select(i =>
        {
            if (target.IsNull(i))
            {
                return (decimal?)null;
            }

            var unscaled = new System.Numerics.BigInteger(target[i], isUnsigned: false, isBigEndian: true);
            return (decimal)unscaled / 10_000m;
        });
        Assert.Equal(values, decoded);
        Assert.All(Enumerable.Range(0, target.Count).Where(i => !target.IsNull(i)), i => Assert.Equal(column.Element.TypeLength, target[i].Length));
    }

    [Fact]
    public void Delta_encoded_pages_decode_integers_and_byte_arrays()
    {
        // INT64: negatives, jumps that need 64-bit widths, more than one block, nulls (v2 page) and a v1 page.
        var longs = Enumerable.Range(0, 300).Select(i => i % 50 == 7 ? long.MinValue + i : i % 3 == 0 ? -1_000_000L * i : (long)i * i).ToArray();
        var levels = Enumerable.Range(0, 330).Select(i => i % 11 == 4 ? 0 : 1).ToArray();
        var defined = levels.Count(l => l == 1);
        var int64 = new ParquetLeafColumn(0, "n", new SchemaElement { Name = "n", Type = Parquet.Meta.Type.INT64 }, MaxDefinitionLevel: 1, IsNested: false);
        var chunk = new MemoryStream();
        TestPages.DataV2(chunk, levels, TestPages.DeltaIntegers(longs[..defined]), encoding: 5, snappy: true);
        TestPages.DataV1(chunk, levels: [1, 1], values: TestPages.DeltaIntegers([7, 7]), encoding: 5, snappy: true);
        var target = new ValueColumn<long>();
        new ParquetColumnDecoder("chunk").DecodeValues(chunk.ToArray(), 332, int64, CompressionCodec.SNAPPY, target);
        var next = 0;
        var expected = levels.Select(l => l == 1 ? longs[next++] : (long?)null).Concat([7L, 7L]);
        Assert.Equal(expected, Enumerable.Range(0, target.Count).Select(i => target[i]));

        // INT32 wraps around as the format says.
        var int32 = new ParquetLeafColumn(0, "i", new SchemaElement { Name = "i", Type = Parquet.Meta.Type.INT32 }, MaxDefinitionLevel: 0, IsNested: false);
        int[] ints = [int.MaxValue, int.MinValue, 0, -5, int.MaxValue];
        chunk = new MemoryStream();
        TestPages.DataV2(chunk, [], TestPages.DeltaIntegers(ints.Select(v => (long)v).ToArray()), encoding: 5, snappy: false, rows: ints.Length);
        var intTarget = new ValueColumn<int>();
        new ParquetColumnDecoder("chunk").DecodeValues(chunk.ToArray(), ints.Length, int32, CompressionCodec.UNCOMPRESSED, intTarget);
        Assert.Equal(ints, intTarget.Values.ToArray());

        // Byte arrays: lengths, and shared prefixes.
        var text = new ParquetLeafColumn(0, "s", new SchemaElement { Name = "s", Type = Parquet.Meta.Type.BYTE_ARRAY }, MaxDefinitionLevel: 1, IsNested: false);
        string[] words = ["NL01BANK0001", "NL01BANK0002", "", "NL01BANK0002", "ünïcödé", "ünï", "DE89"];
        chunk = new MemoryStream();
        TestPages.DataV2(chunk, [1, 1, 1, 0, 1], TestPages.DeltaLengths(words[..4]), encoding: 6, snappy: true);
        TestPages.DataV1(chunk, [1, 1, 1], TestPages.DeltaPrefixes(words[4..]), encoding: 7, snappy: true);
        var strings = new Utf8Column();
        new ParquetColumnDecoder("chunk").DecodeBytes(chunk.ToArray(), 8, text, CompressionCodec.SNAPPY, strings);
        Assert.Equal(new string?[] { "NL01BANK0001", "NL01BANK0002", "", null, "NL01BANK0002", "ünïcödé", "ünï", "DE89" }, strings.ToStrings());
    }
}
