using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Graph;

/// <summary>
/// Interns account ids given as UTF-8 bytes into dense ids 0, 1, 2, … in order of first appearance, with no string
/// per row: strings are made once per distinct account, on request (<see cref="ToStrings"/>).
/// </summary>
/// <remarks>
/// <para>The keys are split by their hash into 16 partitions, each an open-addressing table over its own byte arena
/// (<see cref="Utf8KeyTable"/>). <see cref="InternRows(Utf8Cells, Utf8Cells, Memory{int}, Memory{int})"/> works on
/// slices of up to a million rows in four steps: the cores hash the slice's cells and copy them into per-partition
/// buffers; the cores take partitions in turn and look their keys up (each partition's table touched by one core
/// only, a few megabytes of it at a time, the slots and entries of the keys a little ahead prefetched so that their
/// cache misses overlap — about 30 % less time for the lookups on 10M rows); accounts new in the slice get their
/// dense ids in the order of their first cell; the cores read each row's ids back. The result is the numbering a row-at-a-time intake (from, then to, row
/// by row) would give. Sixteen partitions measured cheapest on 10M rows over 1.1M accounts: fewer make the
/// lookups miss the cache more, more make the scatter into the buffers and the reading back cost more.</para>
/// <para>Bytes that are not valid UTF-8 are interned as the text they decode to (an invalid sequence becomes U+FFFD,
/// as a string reader decodes it), so that such ids land on the same account as they would through strings.</para>
/// </remarks>
public sealed class Utf8AccountInterner
{
    private const int PartitionBits = 4;
    private const int Partitions = 1 << PartitionBits;
    private const int SliceRows = 1 << 20;
    private const int ParallelFrom = 1 << 14;
    private const uint MaxPerPartition = 1u << (31 - PartitionBits);
    private const int PrefetchDistance = 32;

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private readonly Utf8KeyTable[] _tables = new Utf8KeyTable[Partitions];
    private readonly int[][] _idOf = new int[Partitions][];
    private readonly int _cores;
    private int[] _codeOf;
    private KeyBuffer[][]? _buffers;
    private byte[]? _firstMarks;

    /// <param name="expectedAccounts">A hint for the first sizes; tables grow as needed.</param>
    /// <param name="parallelism">Cores to use in <see cref="InternRows(Utf8Cells, Utf8Cells, Memory{int}, Memory{int})"/>; null: all of them.</param>
    public Utf8AccountInterner(int expectedAccounts = 1 << 16, int? parallelism = null)
    {
        var perPartition = Math.Max(16, expectedAccounts / Partitions);
        for (var p = 0; p < Partitions; p++)
        {
            _tables[p] = new Utf8KeyTable(perPartition);
            _idOf[p] = new int[perPartition];
        }

        _codeOf = new int[Math.Max(16, expectedAccounts)];
        _cores = Math.Max(1, parallelism ?? Environment.ProcessorCount);
    }

    /// <summary>Distinct accounts interned so far; ids are 0 .. Count - 1.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// A 64-bit hash of the bytes: 8-byte words (the last one overlapping) mixed by multiplication, then the
    /// finaliser of MurmurHash3, so that the partition (top bits), the slot (low bits) and the tag (high half) are all
    /// well spread. Ids are short; this costs a few nanoseconds where a general-purpose hash costs several times more.
    /// Seeded at random per process, so that ids cannot be chosen ahead to collide; a collision would cost time, never
    /// a wrong id, and the ids themselves do not depend on the hash (they follow first appearance).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var length = utf8.Length;
        var h = Seed ^ ((ulong)length * Multiplier);
        ref var start = ref MemoryMarshal.GetReference(utf8);
        if (length >= 8)
        {
            var i = 0;
            for (; i + 8 < length; i += 8)
            {
                h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * Multiplier;
                h = BitOperations.RotateLeft(h, 29);
            }

            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8))) * Multiplier;
        }
        else if (length >= 4)
        {
            var word = ((ulong)Unsafe.ReadUnaligned<uint>(ref start) << 32) | Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4));
            h = (h ^ word) * Multiplier;
        }
        else if (length > 0)
        {
            var word = ((ulong)start << 16) | ((ulong)Unsafe.Add(ref start, length >> 1) << 8) | Unsafe.Add(ref start, length - 1);
            h = (h ^ word) * Multiplier;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return h;
    }

    private static int PartitionOf(ulong hash) => (int)(hash >> (64 - PartitionBits));

    /// <summary>The dense id of <paramref name="utf8"/>, adding it when it is new.</summary>
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var p = PartitionOf(hash);
        var table = _tables[p];
        var before = table.Count;
        var number = table.Intern(utf8, hash);
        if (number < 0)
        {
            return Intern(Canonical(utf8));
        }

        if (number == before)
        {
            Assign(p, number);
        }

        return _idOf[p][number];
    }

    /// <summary>The id of <paramref name="utf8"/>, or -1 when it was never interned.</summary>
    public int Find(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return Find(Canonical(utf8));
        }

        var hash = Hash(utf8);
        var p = PartitionOf(hash);
        var number = _tables[p].Find(utf8, hash);
        return number < 0 ? -1 : _idOf[p][number];
    }

    /// <summary>The UTF-8 bytes of account <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> Utf8Of(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, Count);
        var code = _codeOf[id];
        return _tables[code & (Partitions - 1)].Utf8Of(code >> PartitionBits);
    }

    /// <summary>Every account id as a string, by dense id: one string per distinct account.</summary>
    public string[] ToStrings()
    {
        var strings = new string[Count];
        for (var id = 0; id < strings.Length; id++)
        {
            strings[id] = Encoding.UTF8.GetString(Utf8Of(id));
        }

        return strings;
    }

    /// <summary>
    /// <see cref="InternRows(Utf8Cells, Utf8Cells, Memory{int}, Memory{int})"/> for decoded columns in either form: flat
    /// columns as they lie; a dictionary-encoded one row by row, each dictionary value looked up once (a null cell is
    /// the empty id, as a string reader gives it).
    /// </summary>
    public void InternRows(Utf8Column from, Utf8Column to, Memory<int> fromIds, Memory<int> toIds)
    {
        if (from.Dictionary is null && to.Dictionary is null)
        {
            InternRows(new Utf8Cells(from), new Utf8Cells(to), fromIds, toIds);
            return;
        }

        var rows = from.Count;
        if (to.Count != rows || fromIds.Length < rows || toIds.Length < rows)
        {
            throw new ArgumentException("The columns and the id spans must have the same number of rows.");
        }

        var fromMemo = Memo(from);
        var toMemo = Memo(to);
        var fromSpan = fromIds.Span;
        var toSpan = toIds.Span;
        for (var r = 0; r < rows; r++)
        {
            fromSpan[r] = Lookup(from, fromMemo, r);
            toSpan[r] = Lookup(to, toMemo, r);
        }
    }

    private static int[]? Memo(Utf8Column column)
    {
        if (column.Dictionary is not { } dictionary)
        {
            return null;
        }

        var memo = new int[dictionary.Count];
        Array.Fill(memo, -1);
        return memo;
    }

    private int Lookup(Utf8Column column, int[]? memo, int row)
    {
        if (memo is null)
        {
            return Intern(column[row]);
        }

        var index = column.Indices[row];
        if (index < 0)
        {
            return Intern([]);
        }

        if (memo[index] < 0)
        {
            memo[index] = Intern(column.Dictionary![index]);
        }

        return memo[index];
    }

    /// <summary>
    /// Interns two columns row by row — row r's <paramref name="from"/> cell, then its <paramref name="to"/> cell —
    /// into <paramref name="fromIds"/> and <paramref name="toIds"/>: the ids <see cref="Intern"/> would give, in that order.
    /// </summary>
    public void InternRows(Utf8Cells from, Utf8Cells to, Memory<int> fromIds, Memory<int> toIds)
    {
        var rows = from.Count;
        if (to.Count != rows || fromIds.Length < rows || toIds.Length < rows)
        {
            throw new ArgumentException("The columns and the id spans must have the same number of rows.");
        }

        if (rows < ParallelFrom || !from.CellsAreValidUtf8() || !to.CellsAreValidUtf8())
        {
            var fromSpan = fromIds.Span;
            var toSpan = toIds.Span;
            for (var r = 0; r < rows; r++)
            {
                fromSpan[r] = Intern(from[r]);
                toSpan[r] = Intern(to[r]);
            }

            return;
        }

        // Sized for a full slice (cells spread evenly over the partitions, a quarter more for the unevenness).
        var perBuffer = (int)Math.Min(2L * Math.Min(rows, SliceRows) / Partitions / _cores * 5 / 4, 1 << 20);
        _buffers ??= [.. Enumerable.Range(0, _cores).Select(_ => Enumerable.Range(0, Partitions).Select(_ => new KeyBuffer(perBuffer)).ToArray())];
        for (var start = 0; start < rows; start += SliceRows)
        {
            var n = Math.Min(SliceRows, rows - start);
            InternSlice(from, to, start, n, fromIds.Slice(start, n), toIds.Slice(start, n));
        }
    }

    private void InternSlice(Utf8Cells from, Utf8Cells to, int start, int rows, Memory<int> fromIds, Memory<int> toIds)
    {
        var buffers = _buffers!;
        var cores = buffers.Length;
        var options = new ParallelOptions { MaxDegreeOfParallelism = cores };

        // 1. Each core takes a range of rows: hashes each cell and appends it, with its place (2 × row + side), to its
        //    partition's buffer, in row order; in the id spans it leaves where each cell went (partition, index).
        Parallel.For(0, cores, options, w =>
        {
            var mine = buffers[w];
            foreach (var buffer in mine)
            {
                buffer.Clear();
            }

            var (first, last) = Range(rows, cores, w);
            var fromData = from.Data;
            var fromOffsets = from.Offsets;
            var toData = to.Data;
            var toOffsets = to.Offsets;
            var fromOut = fromIds.Span;
            var toOut = toIds.Span;
            for (var r = first; r < last; r++)
            {
                var key = fromData[fromOffsets[start + r]..fromOffsets[start + r + 1]];
                var hash = Hash(key);
                var p = PartitionOf(hash);
                fromOut[r] = (mine[p].Add(key, hash, 2 * r) << PartitionBits) | p;
                key = toData[toOffsets[start + r]..toOffsets[start + r + 1]];
                hash = Hash(key);
                p = PartitionOf(hash);
                toOut[r] = (mine[p].Add(key, hash, (2 * r) + 1) << PartitionBits) | p;
            }
        });

        // 2. The cores take partitions in turn and look their cells up in the partition's table, in row order; an
        //    entry's place is replaced by the number the table gave it, and the places of new keys are noted.
        var firstNew = new int[Partitions];
        var newPlaces = new List<int>[Partitions];
        var next = -1;
        Parallel.For(0, cores, options, _ =>
        {
            for (var p = Interlocked.Increment(ref next); p < Partitions; p = Interlocked.Increment(ref next))
            {
                var table = _tables[p];
                firstNew[p] = table.Count;
                var news = newPlaces[p] = [];
                for (var w = 0; w < cores; w++)
                {
                    var buffer = buffers[w][p];
                    var entries = buffer.Entries;
                    var count = buffer.Count;
                    for (var j = 0; j < count; j++)
                    {
                        // The slot of the key PrefetchDistance ahead, and the arena entry of the key half as far ahead
                        // (its slot asked for earlier), requested without waiting, so that many cache misses overlap.
                        if (j + PrefetchDistance < count)
                        {
                            table.PrefetchSlot(entries[j + PrefetchDistance].Hash);
                        }

                        if (j + (PrefetchDistance / 2) < count)
                        {
                            table.PrefetchEntry(entries[j + (PrefetchDistance / 2)].Hash);
                        }

                        ref var entry = ref entries[j];
                        var before = table.Count;
                        var number = table.Intern(buffer.Key(j), entry.Hash);
                        if ((uint)number >= MaxPerPartition)
                        {
                            throw new InvalidOperationException(number < 0
                                ? "A cell checked as valid UTF-8 was refused."
                                : "Too many distinct accounts for one interner.");
                        }

                        if (number == before)
                        {
                            news.Add(entry.PlaceOrNumber);
                        }

                        entry.PlaceOrNumber = number;
                    }
                }
            }
        });

        // 3. Accounts new in this slice get the next ids in the order of their first cell: their places marked with
        //    their partition, then the marks read in order.
        var marks = _firstMarks ??= new byte[2 * SliceRows];
        for (var p = 0; p < Partitions; p++)
        {
            foreach (var place in newPlaces[p])
            {
                marks[place] = (byte)(p + 1);
            }
        }

        var scan = marks.AsSpan(0, 2 * rows);
        for (var at = scan.IndexOfAnyExcept((byte)0); at >= 0;)
        {
            var p = scan[at] - 1;
            scan[at] = 0;
            Assign(p, firstNew[p]++);
            var rest = scan[(at + 1)..].IndexOfAnyExcept((byte)0);
            at = rest < 0 ? -1 : at + 1 + rest;
        }

        // 3b. Numbers to ids, partition by partition (each partition's ids are at hand in the cache).
        next = -1;
        Parallel.For(0, cores, options, _ =>
        {
            for (var p = Interlocked.Increment(ref next); p < Partitions; p = Interlocked.Increment(ref next))
            {
                var idOf = _idOf[p];
                for (var w = 0; w < cores; w++)
                {
                    var buffer = buffers[w][p];
                    var entries = buffer.Entries;
                    for (var j = 0; j < buffer.Count; j++)
                    {
                        entries[j].PlaceOrNumber = idOf[entries[j].PlaceOrNumber];
                    }
                }
            }
        });

        // 4. Each core reads its rows' ids from where their cells went (partition, index).
        Parallel.For(0, cores, options, w =>
        {
            var (first, last) = Range(rows, cores, w);
            var mine = buffers[w];
            var fromOut = fromIds.Span;
            var toOut = toIds.Span;
            for (var r = first; r < last; r++)
            {
                var place = fromOut[r];
                var p = place & (Partitions - 1);
                fromOut[r] = mine[p].Entries[place >> PartitionBits].PlaceOrNumber;
                place = toOut[r];
                p = place & (Partitions - 1);
                toOut[r] = mine[p].Entries[place >> PartitionBits].PlaceOrNumber;
            }
        });
    }

    private static (int First, int Last) Range(int rows, int cores, int w) => ((int)((long)rows * w / cores), (int)((long)rows * (w + 1) / cores));

    private void Assign(int partition, int number)
    {
        var ids = _idOf[partition];
        if (number >= ids.Length)
        {
            Array.Resize(ref _idOf[partition], Math.Max(number + 1, ids.Length * 2));
        }

        if (Count == _codeOf.Length)
        {
            Array.Resize(ref _codeOf, Count * 2);
        }

        _idOf[partition][number] = Count;
        _codeOf[Count] = (number << PartitionBits) | partition;
        Count++;
    }

    private static byte[] Canonical(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(utf8));

    /// <summary>Cells of one partition gathered by one core, in row order: the bytes back to back and an entry each.</summary>
    private sealed class KeyBuffer(int capacity)
    {
        private byte[] _bytes = new byte[Math.Max(1024, capacity) * 24];

        public Entry[] Entries { get; private set; } = new Entry[Math.Max(1024, capacity)];

        public int Count { get; private set; }

        public void Clear() => Count = 0;

        public ReadOnlySpan<byte> Key(int j)
        {
            var from = j == 0 ? 0 : Entries[j - 1].End;
            return _bytes.AsSpan(from, Entries[j].End - from);
        }

        /// <summary>Appends a cell; returns its index in the buffer.</summary>
        public int Add(ReadOnlySpan<byte> key, ulong hash, int place)
        {
            var j = Count;
            var entries = Entries;
            if (j == entries.Length)
            {
                Array.Resize(ref entries, j * 2);
                Entries = entries;
            }

            var at = j == 0 ? 0 : entries[j - 1].End;
            var end = at + key.Length;
            if (end > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(end, _bytes.Length * 2));
            }

            if (key.Length is > 0 and <= 32)
            {
                CopySmall(key, ref _bytes[at]);
            }
            else
            {
                key.CopyTo(_bytes.AsSpan(at));
            }

            entries[j] = new Entry { Hash = hash, End = end, PlaceOrNumber = place };
            Count = j + 1;
            return j;
        }
    }

    /// <summary>Copies up to 32 bytes with two overlapping loads and stores of the widest size that fits, no call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySmall(ReadOnlySpan<byte> key, ref byte destination)
    {
        ref var source = ref MemoryMarshal.GetReference(key);
        var n = key.Length;
        if (n >= 16)
        {
            Unsafe.WriteUnaligned(ref destination, Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, n - 16), Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref Unsafe.Add(ref source, n - 16)));
        }
        else if (n >= 8)
        {
            Unsafe.WriteUnaligned(ref destination, Unsafe.ReadUnaligned<ulong>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, n - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, n - 8)));
        }
        else if (n >= 4)
        {
            Unsafe.WriteUnaligned(ref destination, Unsafe.ReadUnaligned<uint>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, n - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, n - 4)));
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
            }
        }
    }

    /// <summary>A cell in a <see cref="KeyBuffer"/>: its hash, where its bytes end, and its place until it is looked up, then its number in the partition, then its id.</summary>
    private struct Entry
    {
        public ulong Hash;
        public int End;
        public int PlaceOrNumber;
    }
}
