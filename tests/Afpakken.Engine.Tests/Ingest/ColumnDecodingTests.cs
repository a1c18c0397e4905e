using System.Text;
using Afpakken.Engine.Ingest;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Afpakken.Engine.Tests.Ingest;

/// <summary>The bulk decoders of the Arrow and CSV paths give exactly what decoding cell by cell gives.</summary>
public class ColumnDecodingTests
{
    private static (byte[] Data, int[] Offsets) Layout(IReadOnlyList<string> cells)
    {
        var data = new List<byte>();
        var offsets = new List<int> { 0 };
        foreach (var cell in cells)
        {
            data.AddRange(Encoding.UTF8.GetBytes(cell));
            offsets.Add(data.Count);
        }

        return ([.. data], [.. offsets]);
    }

    [Fact]
    public void A_column_of_ids_is_widened_across_chunks_with_non_ascii_empty_and_oversized_cells_exactly()
    {
        // 20,000 ids of ~18 characters fill eleven 32k-character chunks; a few cells are not ASCII, empty or longer than a chunk takes.
        var cells = Enumerable.Range(0, 20_000).Select(i => i switch
        {
            7 => "NLÉÉNRABO" + i,
            500 => "",
            12_345 => new string('x', 5_000),
            19_999 => "Ωmega-" + i,
            _ => "NL" + i.ToString("D16", System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        var (data, offsets) = Layout(cells);
        var decoded = new ReadOnlyMemory<char>[cells.Count];

        new CharArena().DecodeColumn(data, offsets, decoded);

        Assert.Equal(cells, decoded.Select(d => d.ToString()));
        Assert.True(decoded[500].IsEmpty);
    }

    [Fact]
    public void Invalid_utf8_in_a_column_becomes_the_replacement_character_as_cell_by_cell()
    {
        byte[] data = [(byte)'A', 0xFF, (byte)'B', (byte)'C'];
        int[] offsets = [0, 2, 4];
        var decoded = new ReadOnlyMemory<char>[2];

        new CharArena().DecodeColumn(data, offsets, decoded);

        Assert.Equal(["A\uFFFD", "BC"], decoded.Select(d => d.ToString()));
    }

    [Fact]
    public void The_text_cache_translates_each_distinct_value_once_and_returns_the_same_string_for_repeats()
    {
        var translated = 0;
        var cache = new Utf8TextCache(raw => { translated++; return raw.ToUpperInvariant(); });
        var values = Enumerable.Range(0, 300).Select(i => "value-" + i).ToList();

        var first = values.Select(v => cache.Get(Encoding.UTF8.GetBytes(v))).ToList();
        var again = values.Select(v => cache.Get(Encoding.UTF8.GetBytes(v))).ToList();

        Assert.Equal(values.Select(v => v.ToUpperInvariant()), first);
        Assert.All(first.Zip(again), p => Assert.Same(p.First, p.Second));
        Assert.Equal(300, translated);
        Assert.Null(cache.Get([]));
        Assert.Equal("\uFFFDX", cache.Get([0xFF, (byte)'x']));
        var longCell = new string('y', 200);
        Assert.Equal(longCell.ToUpperInvariant(), cache.Get(Encoding.UTF8.GetBytes(longCell)));
    }

    [Fact]
    public void Decimal_amounts_convert_straight_from_their_128_bits_and_out_of_range_ones_are_named()
    {
        var builder = new Decimal128Array.Builder(new Decimal128Type(38, 4));
        decimal[] values = [0m, 1234.5678m, -1234.5678m, 79_228_162_514_264.3375m, -0.0001m];
        foreach (var v in values)
        {
            builder.Append(v);
        }

        builder.AppendNull();
        builder.Append(System.Data.SqlTypes.SqlDecimal.Parse("1000000000000000000000000000000.0000"));
        var array = builder.Build();
        var target = new decimal?[array.Length];

        var problems = ArrowCells.Amounts(array, target, new CellParser(ColumnMapping.Canonical));

        Assert.Equal([.. values.Select(v => (decimal?)v), null], target.Take(6));
        Assert.Equal("amount is out of range", problems![6]);

        // A slice of the array reads its own rows.
        var slice = (Decimal128Array)array.Slice(1, 2);
        var sliced = new decimal?[2];
        ArrowCells.Amounts(slice, sliced, new CellParser(ColumnMapping.Canonical));
        Assert.Equal([1234.5678m, -1234.5678m], sliced);
    }
}
