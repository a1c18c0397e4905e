using System.Runtime.InteropServices;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Duplicate detection with bounded memory, for files (with the store) of more tx ids than the in-memory index may
/// hold (TransactionIngestor.MaxKeysInMemory). A first pass spills the 128-bit key and file row of every
/// row that passed the checks as sorted runs; <see cref="ResolveAsync"/> merges them with the store's keys: a key the
/// store holds makes all its rows duplicates, else every row after its first one is. The result is the sorted list
/// of duplicate rows (spilled too), read by the second pass in file order, and the file of new keys for the index.
/// Memory: one run buffer (runEntries of 24 bytes) and a read block per run when merging.
/// </summary>
internal sealed class TxIdSpill : IDisposable
{
    private readonly int _runEntries;

    private const long StoreRow = -1;

    private readonly string _directory;
    private readonly List<string> _runs = [];
    private readonly List<string> _duplicateRuns = [];
    private Entry[] _buffer = [];
    private int _count;
    private int _files;

    public TxIdSpill(string directory, int runEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runEntries);
        _runEntries = runEntries;
        _directory = directory;

        // Left by an ingest of the same file that crashed (ingests run one at a time under ingest.lock): stale runs.
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }

    /// <summary>Duplicate rows found by <see cref="ResolveAsync"/>.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Distinct new keys written by <see cref="ResolveAsync"/>.</summary>
    public long NewKeys { get; private set; }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Entry(ulong High, ulong Low, long Row) : IComparable<Entry>
    {
        public static Entry Of(UInt128 key, long row) => new((ulong)(key >> 64), (ulong)key, row);

        public UInt128 Key => new(High, Low);

        public int CompareTo(Entry other)
        {
            var c = High.CompareTo(other.High);
            if (c == 0)
            {
                c = Low.CompareTo(other.Low);
            }

            return c != 0 ? c : Row.CompareTo(other.Row);
        }
    }

    /// <summary>Records that file row <paramref name="row"/> (a row that passed the checks) has tx id key <paramref name="key"/>.</summary>
    public void Add(UInt128 key, long row) => Append(_runs, Entry.Of(key, row));

    private void Append(List<string> runs, Entry entry)
    {
        if (_buffer.Length == 0)
        {
            _buffer = new Entry[_runEntries];
        }

        _buffer[_count++] = entry;
        if (_count == _buffer.Length)
        {
            Spill(runs);
        }
    }

    private void Spill(List<string> runs)
    {
        if (_count == 0)
        {
            return;
        }

        var entries = _buffer.AsSpan(0, _count);
        entries.Sort();
        var path = Path.Combine(_directory, $"run-{_files++}.bin");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(MemoryMarshal.AsBytes(entries));
        }

        runs.Add(path);
        _count = 0;
    }

    /// <summary>
    /// Merges the spilled keys with the store's index files (<paramref name="storeIndexFiles"/>, 16-byte keys, any
    /// order); writes the new keys (first rows of keys the store lacks) to <paramref name="newKeysPath"/>.
    /// </summary>
    public async Task ResolveAsync(IReadOnlyList<string> storeIndexFiles, string newKeysPath, CancellationToken cancellationToken)
    {
        Spill(_runs);
        await TxIdIndex.ReadKeysAsync(storeIndexFiles, key => Append(_runs, Entry.Of(key, StoreRow)), cancellationToken);
        Spill(_runs);
        using (var keys = new KeyFileWriter(newKeysPath))
        {
            var first = true;
            Entry group = default;
            foreach (var entry in Merge(_runs))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (first || entry.High != group.High || entry.Low != group.Low)
                {
                    // The first entry of a key: the store's (row −1 sorts first), or the key's first file row.
                    first = false;
                    group = entry;
                    if (entry.Row != StoreRow)
                    {
                        keys.Add(entry.Key);
                        NewKeys++;
                    }

                    continue;
                }

                if (entry.Row != StoreRow)
                {
                    Duplicates++;
                    Append(_duplicateRuns, new Entry(0, 0, entry.Row));
                }
            }

            keys.Complete(); // published before the manifest commits it: on disk first
        }

        Spill(_duplicateRuns);
        foreach (var run in _runs)
        {
            File.Delete(run);
        }

        _runs.Clear();
        _buffer = [];
    }

    /// <summary>The duplicate rows in ascending order (after <see cref="ResolveAsync"/>).</summary>
    public IEnumerable<long> DuplicateRows() => Merge(_duplicateRuns).Select(e => e.Row);

    private static IEnumerable<Entry> Merge(List<string> runs)
    {
        var readers = runs.Select(r => new RunReader(r)).ToList();
        try
        {
            var queue = new PriorityQueue<RunReader, Entry>();
            foreach (var reader in readers)
            {
                if (reader.MoveNext())
                {
                    queue.Enqueue(reader, reader.Current);
                }
            }

            while (queue.TryDequeue(out var reader, out var entry))
            {
                yield return entry;
                if (reader.MoveNext())
                {
                    queue.Enqueue(reader, reader.Current);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private sealed class RunReader(string path) : IDisposable
    {
        private readonly FileStream _stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        private readonly Entry[] _block = new Entry[2730];
        private int _count;
        private int _next;

        public Entry Current { get; private set; }

        public bool MoveNext()
        {
            if (_next == _count)
            {
                var bytes = MemoryMarshal.AsBytes(_block.AsSpan());
                var read = _stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                _count = read / Marshal.SizeOf<Entry>();
                _next = 0;
                if (_count == 0)
                {
                    return false;
                }
            }

            Current = _block[_next++];
            return true;
        }

        public void Dispose() => _stream.Dispose();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
