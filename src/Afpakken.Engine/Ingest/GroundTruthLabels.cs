using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Labels (is_laundering, typology) that a labelled source carries, kept apart from the curated transactions in
/// <c>curated/labels/&lt;content hash&gt;.parquet</c> so that they can score detection but never feed it.
/// </summary>
public sealed class GroundTruthLabels
{
    private static readonly DataField<string> TxIdField = new("tx_id", false);
    private static readonly DataField<bool> IsLaunderingField = new("is_laundering", false);
    private static readonly DataField<string> TypologyField = new("typology", true);
    private static readonly ParquetSchema Schema = new(TxIdField, IsLaunderingField, TypologyField);

    private readonly List<string> _txIds = [];
    private readonly List<bool> _isLaundering = [];
    private readonly List<string?> _typology = [];

    public int Count => _txIds.Count;

    public IReadOnlyList<string> TxIds => _txIds;

    public IReadOnlyList<bool> IsLaundering => _isLaundering;

    public IReadOnlyList<string?> Typology => _typology;

    public void Add(string txId, bool isLaundering, string? typology)
    {
        _txIds.Add(txId);
        _isLaundering.Add(isLaundering);
        _typology.Add(string.IsNullOrEmpty(typology) ? null : typology);
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var aside = path + ".tmp";
        await using (var stream = new FileStream(aside, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(TxIdField, _txIds);
            await group.WriteAsync<bool>(IsLaunderingField, _isLaundering.ToArray().AsMemory(), cancellationToken: cancellationToken);
            await group.WriteAsync(TypologyField, _typology!);
        }

        File.Move(aside, path, overwrite: true);
    }

    public static async Task<GroundTruthLabels> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var labels = new GroundTruthLabels();
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        var fields = reader.Schema.GetDataFields();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var ids = new string?[n];
            var flags = new bool[n];
            var typologies = new string?[n];
            await group.ReadAsync(fields[0], ids.AsMemory(), cancellationToken: cancellationToken);
            await group.ReadAsync<bool>(fields[1], flags.AsMemory(), cancellationToken: cancellationToken);
            await group.ReadAsync(fields[2], typologies.AsMemory(), cancellationToken: cancellationToken);
            for (var i = 0; i < n; i++)
            {
                labels.Add(ids[i]!, flags[i], typologies[i]);
            }
        }

        return labels;
    }
}
