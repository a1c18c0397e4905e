using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// The transaction ids already in the curated dataset, as 128-bit hashes (collisions are out of practical reach),
/// so that a tx id seen in an earlier file is dropped as a duplicate. One binary file of hashes per
/// ingested source lives in <c>_ids/</c>; it is written before the manifest commit and read only for sources the
/// manifest lists.
/// </summary>
internal sealed class TxIdIndex
{
    private const string Folder = "_ids";

    private readonly TxIdKeySet _committed;

    private TxIdIndex(TxIdKeySet committed) => _committed = committed;

    public int Count => _committed.Count;

    public static UInt128 Key(ReadOnlySpan<char> txId) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(txId));

    public bool Contains(UInt128 key) => _committed.Contains(key);

    public void Prefetch(ReadOnlySpan<UInt128> keys) => _committed.Prefetch(keys);

    /// <summary>The index files of the sources the manifest lists.</summary>
    public static IReadOnlyList<string> Files(string datasetRoot, CuratedManifest manifest) =>
        manifest.Parts.Select(p => p.SourceHash).Distinct(StringComparer.Ordinal)
            .Select(source => PathOf(datasetRoot, source)).Where(File.Exists).ToList();

    /// <summary>Keys in the store's index files, from their sizes (nothing is loaded).</summary>
    public static long CountKeys(string datasetRoot, CuratedManifest manifest) =>
        Files(datasetRoot, manifest).Sum(f => new FileInfo(f).Length / 16);

    /// <summary>Where the index file of a source is prepared before <see cref="Publish"/>.</summary>
    public static string StagingPath(string datasetRoot, string sourceHash)
    {
        var path = PathOf(datasetRoot, sourceHash) + ".staging";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Moves a prepared index file (<see cref="StagingPath"/>) into place, as <see cref="WriteAsync"/> ends.</summary>
    public static void Publish(string datasetRoot, string sourceHash, string prepared) =>
        File.Move(prepared, PathOf(datasetRoot, sourceHash), overwrite: true);

    public static async Task<TxIdIndex> LoadAsync(string datasetRoot, CuratedManifest manifest, CancellationToken cancellationToken)
    {
        var files = Files(datasetRoot, manifest);
        var set = new TxIdKeySet(files.Sum(f => new FileInfo(f).Length / 16));
        await ReadKeysAsync(files, key => set.Add(key), cancellationToken);
        return new TxIdIndex(set);
    }

    /// <summary>Every key of the index files, in file order; streamed in blocks (the file of a 10M-row source is 160 MB).</summary>
    internal static async Task ReadKeysAsync(IEnumerable<string> files, Action<UInt128> key, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        foreach (var path in files)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
            {
                foreach (var k in MemoryMarshal.Cast<byte, UInt128>(buffer.AsSpan(0, read - (read % 16))))
                {
                    key(k);
                }
            }
        }
    }

    public static Task WriteAsync(string datasetRoot, string sourceHash, IEnumerable<UInt128> keys, CancellationToken cancellationToken)
    {
        // Unsorted and streamed in blocks: the index is loaded into a set, and a copy of 10M keys would cost 160 MB.
        var staging = StagingPath(datasetRoot, sourceHash);
        using (var writer = new KeyFileWriter(staging))
        {
            foreach (var key in keys)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.Add(key);
            }

            writer.Complete();
        }

        Publish(datasetRoot, sourceHash, staging);
        return Task.CompletedTask;
    }

    private static string PathOf(string datasetRoot, string sourceHash) => Path.Combine(datasetRoot, Folder, sourceHash + ".ids");
}

/// <summary>Writes 16-byte keys to an index file in blocks; <see cref="Complete"/> puts them on disk (before a manifest commits the file).</summary>
internal sealed class KeyFileWriter(string path) : IDisposable
{
    private readonly FileStream _stream = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    private readonly UInt128[] _block = new UInt128[4096];
    private int _count;

    public void Add(UInt128 key)
    {
        _block[_count++] = key;
        if (_count == _block.Length)
        {
            _stream.Write(MemoryMarshal.AsBytes(_block.AsSpan()));
            _count = 0;
        }
    }

    public void Complete()
    {
        _stream.Write(MemoryMarshal.AsBytes(_block.AsSpan(0, _count)));
        _count = 0;
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}
