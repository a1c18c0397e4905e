using System.Text.Json;
using System.Text.Json.Serialization;

namespace Afpakken.Engine.Ingest;

/// <summary>One immutable Parquet file of the curated dataset.</summary>
/// <param name="Path">Relative to the dataset root, e.g. <c>month=2025-03/part-1a2b….parquet</c>.</param>
public sealed record CuratedPart(
    string Path, string Month, string SourceHash, string SourceFile, long Rows, DateTime MinBookedAt, DateTime MaxBookedAt);

/// <summary>
/// The list of committed parts of the curated dataset. It is the commit point of an ingest: a part file that
/// is not listed here does not exist for readers, so a crash before the manifest is replaced loses nothing
/// and adds nothing. Replaced atomically (write aside, rename) under a lock file.
/// </summary>
public sealed record CuratedManifest(int Version, IReadOnlyList<CuratedPart> Parts)
{
    public const string FileName = "_manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static CuratedManifest Empty { get; } = new(1, []);

    public static CuratedManifest Load(string datasetRoot)
    {
        var path = System.IO.Path.Combine(datasetRoot, FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<CuratedManifest>(stream, Json)
               ?? throw new InvalidDataException($"{path}: empty manifest");
    }

    public void Save(string datasetRoot)
    {
        var path = System.IO.Path.Combine(datasetRoot, FileName);
        var aside = path + ".tmp";
        using (var stream = new FileStream(aside, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(aside, path, overwrite: true);
    }

    public bool Contains(string sourceHash) => Parts.Any(p => p.SourceHash == sourceHash);
}
