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

    /// <summary>Appends ids in edge order; <see cref="Build"/> or <see cref="BuildPermuted"/> make the column.</summary>
    internal sealed class Builder
    {
        private byte[] _bytes = new byte[4096];
        private int[] _ends = new int[1024];

        public int Count { get; private set; }

        private int Used => Count == 0 ? 0 : _ends[Count - 1];

        public void Add(string id)
        {
            var at = Reserve(Encoding.UTF8.GetMaxByteCount(id.Length));
            End(at + Encoding.UTF8.GetBytes(id, _bytes.AsSpan(at)));
        }

        public void Add(ReadOnlySpan<byte> utf8)
        {
            var at = Reserve(utf8.Length);
            utf8.CopyTo(_bytes.AsSpan(at));
            End(at + utf8.Length);
        }

        /// <summary>Appends every cell of <paramref name="column"/> (a null cell as an empty id, as a string reader gives it).</summary>
        public void Add(Formats.Utf8Column column)
        {
            if (column.Dictionary is not null)
            {
                for (var i = 0; i < column.Count; i++)
                {
                    Add(column[i]);
                }

                return;
            }

            // Flat: the bytes in one copy, the offsets shifted.
            var data = column.Data;
            var offsets = column.Offsets;
            var at = Reserve(data.Length);
            data.CopyTo(_bytes.AsSpan(at));
            EnsureEnds(Count + column.Count);
            for (var i = 0; i < column.Count; i++)
            {
                _ends[Count + i] = at + offsets[i + 1];
            }

            Count += column.Count;
        }

        /// <summary>The first <paramref name="count"/> ids, in the order added.</summary>
        public TxIdColumn Build(int count)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
            var offsets = new int[count + 1];
            _ends.AsSpan(0, count).CopyTo(offsets.AsSpan(1));
            return new TxIdColumn(_bytes.AsSpan(0, offsets[count]).ToArray(), offsets);
        }

        /// <summary>The ids in the order <paramref name="order"/> gives: edge i of the column is id order[i] as added.</summary>
        public TxIdColumn BuildPermuted(int[] order)
        {
            var offsets = new int[order.Length + 1];
            for (var i = 0; i < order.Length; i++)
            {
                var e = order[i];
                offsets[i + 1] = offsets[i] + (_ends[e] - (e == 0 ? 0 : _ends[e - 1]));
            }

            var bytes = GC.AllocateUninitializedArray<byte>(offsets[order.Length]);
            for (var i = 0; i < order.Length; i++)
            {
                var e = order[i];
                var start = e == 0 ? 0 : _ends[e - 1];
                _bytes.AsSpan(start, _ends[e] - start).CopyTo(bytes.AsSpan(offsets[i]));
            }

            return new TxIdColumn(bytes, offsets);
        }

        /// <summary>Makes room for <paramref name="bytes"/> more bytes; returns where they go.</summary>
        private int Reserve(int bytes)
        {
            var at = Used;
            var needed = (long)at + bytes;
            if (needed > _bytes.Length)
            {
                var size = Math.Min(Array.MaxLength, Math.Max(needed, (long)_bytes.Length * 2));
                if (size < needed)
                {
                    throw new InvalidOperationException(
                        "The transaction ids of this window take more than 2 GB: analyse a shorter window (--from/--to).");
                }

                Array.Resize(ref _bytes, (int)size);
            }

            return at;
        }

        private void End(int end)
        {
            EnsureEnds(Count + 1);
            _ends[Count++] = end;
        }

        private void EnsureEnds(int needed)
        {
            if (needed > _ends.Length)
            {
                Array.Resize(ref _ends, Math.Max(needed, _ends.Length * 2));
            }
        }
    }
}
