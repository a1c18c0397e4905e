using System.Collections;
using System.Text;

namespace Afpakken.Engine.Graph;

/// <summary>
/// The transaction ids of a graph's edges as UTF-8 bytes back to back in one array, edge e's at
/// [offsets[e], offsets[e + 1]) — no string per edge. <c>this[e]</c> makes the string of one id when asked (alerts,
/// reports and score files name ids; a score file asks once per edge and lets it go).
/// </summary>
public sealed class TxIdColumn : IReadOnlyList<string>
{
    private readonly byte[] _bytes;
    private readonly int[] _offsets;

    private TxIdColumn(byte[] bytes, int[] offsets)
    {
        _bytes = bytes;
        _offsets = offsets;
    }

    /// <summary>Edges (ids) in the column.</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>The id of edge <paramref name="edge"/> as a string (made on each call).</summary>
    public string this[int edge] => Encoding.UTF8.GetString(Utf8(edge));

    /// <summary>The id of edge <paramref name="edge"/> as UTF-8 bytes, no copy.</summary>
    public ReadOnlySpan<byte> Utf8(int edge)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)edge, (uint)Count, nameof(edge));
        return _bytes.AsSpan(_offsets[edge], _offsets[edge + 1] - _offsets[edge]);
    }

    /// <summary>
    /// Calls <paramref name="found"/> with every edge whose id is in <paramref name="ids"/> (and the set's string of it):
    /// each id is decoded into one reused buffer and looked up as characters, so a pass over every edge makes a string
    /// for no edge.
    /// </summary>
    public void Find(HashSet<string> ids, Action<int, string> found)
    {
        var fast = ids.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup);
        var chars = new char[256];
        for (var e = 0; e < Count; e++)
        {
            if (fast ? lookup.TryGetValue(Decode(e, ref chars), out var id) : ids.TryGetValue(this[e], out id))
            {
                found(e, id);
            }
        }
    }

    /// <summary><see cref="Find(HashSet{string}, Action{int, string})"/> over the keys of <paramref name="ids"/>, with their values.</summary>
    public void Find<TValue>(Dictionary<string, TValue> ids, Action<int, TValue> found)
    {
        var fast = ids.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup);
        var chars = new char[256];
        for (var e = 0; e < Count; e++)
        {
            if (fast ? lookup.TryGetValue(Decode(e, ref chars), out var value) : ids.TryGetValue(this[e], out value))
            {
                found(e, value!);
            }
        }
    }

    /// <summary>The id of edge <paramref name="edge"/> as characters in <paramref name="chars"/> (grown when too small).</summary>
    private ReadOnlySpan<char> Decode(int edge, ref char[] chars)
    {
        var utf8 = Utf8(edge);
        if (chars.Length < utf8.Length)
        {
            chars = new char[utf8.Length];
        }

        return chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, chars));
    }

    /// <summary>A column of the given ids, in order (tests and small graphs).</summary>
    public static TxIdColumn Of(IEnumerable<string> ids)
    {
        var builder = new Builder();
        foreach (var id in ids)
        {
            builder.Add(id);
        }

        return builder.Build(builder.Count);
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var e = 0; e < Count; e++)
        {
            yield return this[e];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Appends ids in edge order (a <see cref="Utf8CellBuffer"/>); <see cref="Build"/> or <see cref="BuildPermuted"/> make the column.</summary>
    internal sealed class Builder
    {
        private readonly Utf8CellBuffer _cells = new("The transaction ids of this window take more than 2 GB: analyse a shorter window (--from/--to).");

        public int Count => _cells.Count;

        public void Add(string id) => _cells.Append(id);

        public void Add(ReadOnlySpan<byte> utf8) => _cells.Append(utf8);

        /// <summary>Appends every cell of <paramref name="column"/> (a null cell as an empty id, as a string reader gives it).</summary>
        public void Add(Formats.Utf8Column column) => _cells.Append(column);

        /// <summary>The first <paramref name="count"/> ids, in the order added.</summary>
        public TxIdColumn Build(int count)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
            var cells = _cells.Cells;
            var offsets = cells.Offsets[..(count + 1)].ToArray();
            return new TxIdColumn(cells.Data[..offsets[count]].ToArray(), offsets);
        }

        /// <summary>The ids in the order <paramref name="order"/> gives: edge i of the column is id order[i] as added.</summary>
        public TxIdColumn BuildPermuted(int[] order)
        {
            var cells = _cells.Cells;
            var ends = cells.Offsets;
            var offsets = new int[order.Length + 1];
            for (var i = 0; i < order.Length; i++)
            {
                offsets[i + 1] = offsets[i] + (ends[order[i] + 1] - ends[order[i]]);
            }

            var data = cells.Data;
            var bytes = GC.AllocateUninitializedArray<byte>(offsets[order.Length]);
            for (var i = 0; i < order.Length; i++)
            {
                var e = order[i];
                data[ends[e]..ends[e + 1]].CopyTo(bytes.AsSpan(offsets[i]));
            }

            return new TxIdColumn(bytes, offsets);
        }
    }
}
