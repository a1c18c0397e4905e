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

    private readonly HashSet<UInt128> _committed;

    private TxIdIndex(HashSet<UInt128> committed) => _committed = committed;

    public int Count => _committed.Count;

    public static UInt128 Key(string txId) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(txId.AsSpan()));

    public bool Contains(UInt128 key) => _committed.Contains(key);

    public static async Task<TxIdIndex> LoadAsync(string datasetRoot, CuratedManifest manifest, CancellationToken cancellationToken)
    {
        var sources = manifest.Parts.Select(p => p.SourceHash).Distinct(StringComparer.Ordinal).ToList();
        var set = new HashSet<UInt128>();
        foreach (var source in sources)
        {
            var path = PathOf(datasetRoot, source);
            if (!File.Exists(path))
            {
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var keys = MemoryMarshal.Cast<byte, UInt128>(bytes);
            set.EnsureCapacity(set.Count + keys.Length);
            foreach (var key in keys)
            {
                set.Add(key);
            }
        }

        return new TxIdIndex(set);
    }

    public static async Task WriteAsync(string datasetRoot, string sourceHash, IEnumerable<UInt128> keys, CancellationToken cancellationToken)
    {
        // Unsorted: the index is loaded into a hash set; sorting would cost time at every commit for nothing.
        var sorted = keys.ToArray();
        var path = PathOf(datasetRoot, sourceHash);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var aside = path + ".tmp";
        await File.WriteAllBytesAsync(aside, MemoryMarshal.AsBytes(sorted.AsSpan()).ToArray(), cancellationToken);
        File.Move(aside, path, overwrite: true);
    }

    private static string PathOf(string datasetRoot, string sourceHash) => Path.Combine(datasetRoot, Folder, sourceHash + ".ids");
}
