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

    /// <summary>
    /// The labels to score a store against: a labels Parquet file given, a world folder with <c>truth/transactions_truth.parquet</c>
    /// (the generator's), or else the labels kept at ingest for the files in the store.
    /// </summary>
    public static async Task<(GroundTruthLabels Labels, string Source)> FindAsync(string? truth, Storage.DataLayout data, CancellationToken cancellationToken)
    {
        if (truth is not null)
        {
            var candidates = new[] { truth, Path.Combine(truth, "truth", "transactions_truth.parquet"), Path.Combine(truth, "transactions_truth.parquet") };
            var file = candidates.FirstOrDefault(File.Exists)
                ?? throw new Contract.InvalidInputException(truth, "no labels here (a labels Parquet file, or a world folder with truth/transactions_truth.parquet)");
            return (await ReadAsync(file, cancellationToken), file);
        }

        var labels = new GroundTruthLabels();
        var sources = new CuratedDataset(data.CuratedTransactions).Manifest.Parts.Select(p => p.SourceHash).Distinct(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var file = Path.Combine(data.Labels, source + ".parquet");
            if (File.Exists(file))
            {
                await ReadIntoAsync(labels, file, cancellationToken);
            }
        }

        return labels.Count > 0
            ? (labels, data.Labels)
            : throw new Contract.InvalidInputException(data.Root, "no ground truth: the store's files carried no label column; give --truth");
    }

    public static async Task<GroundTruthLabels> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var labels = new GroundTruthLabels();
        await ReadIntoAsync(labels, path, cancellationToken);
        return labels;
    }

    private static async Task ReadIntoAsync(GroundTruthLabels labels, string path, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        var byName = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
        var fields = new[] { TxIdField.Name, IsLaunderingField.Name, TypologyField.Name }
            .Select(n => byName.TryGetValue(n, out var f) ? f : throw new Contract.InvalidInputException(path, $"labels need a column '{n}'"))
            .ToArray();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var ids = new string?[n];
            var flags = new bool?[n];
            var typologies = new string?[n];
            await group.ReadAsync(fields[0], ids.AsMemory(), cancellationToken: cancellationToken);
            if (fields[1].IsNullable)
            {
                await group.ReadAsync(fields[1], flags.AsMemory(), cancellationToken: cancellationToken);
            }
            else
            {
                var plain = new bool[n];
                await group.ReadAsync<bool>(fields[1], plain.AsMemory(), cancellationToken: cancellationToken);
                Array.ConvertAll(plain, v => (bool?)v).CopyTo(flags, 0);
            }

            await group.ReadAsync(fields[2], typologies.AsMemory(), cancellationToken: cancellationToken);
            for (var i = 0; i < n; i++)
            {
                labels.Add(ids[i]!, flags[i] ?? false, typologies[i]);
            }
        }
    }
}
