using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// The curated transactions: immutable Parquet parts partitioned by booking month (<c>month=YYYY-MM/</c>),
/// readable by any Parquet tool, plus <see cref="CuratedManifest"/> listing the committed parts.
/// </summary>
public sealed class CuratedDataset
{
    public CuratedDataset(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
    }

    public string Root { get; }

    public CuratedManifest Manifest => CuratedManifest.Load(Root);

    internal CuratedAppend BeginAppend(string sourceHash, string sourceFile)
    {
        DeleteStaged(Root, sourceHash);
        return new CuratedAppend(Root, sourceHash, sourceFile);
    }

    /// <summary>Streams the committed rows booked in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), batch by batch.</summary>
    public async IAsyncEnumerable<TransactionBatch> ReadAsync(
        DateTime fromUtc, DateTime toUtc, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parts = Manifest.Parts
            .Where(p => p.MaxBookedAt >= fromUtc && p.MinBookedAt < toUtc)
            .OrderBy(p => p.Month, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var path = Path.Combine(Root, part.Path);
            await using var reader = await ParquetTransactionReader.OpenAsync(path, cancellationToken);
            var validator = new TransactionValidator(path, DateTime.MaxValue.AddDays(-2));
            long firstRow = 1;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var source = await reader.ReadRowGroupAsync(g, firstRow, cancellationToken);
                firstRow += source.Count;
                var batch = new TransactionBatch(Math.Max(1, source.Count));
                validator.Validate(source, batch);
                if (validator.Rejected.Count > 0)
                {
                    throw new InvalidDataException($"{path}: curated part fails the contract ({validator.Rejected[0].Reason})");
                }

                FilterWindow(batch, fromUtc, toUtc);
                yield return batch;
            }
        }
    }

    private static void FilterWindow(TransactionBatch batch, DateTime fromUtc, DateTime toUtc)
    {
        var kept = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var t = batch.BookedAt[i];
            if (t < fromUtc || t >= toUtc)
            {
                continue;
            }

            if (kept != i)
            {
                batch.TxId[kept] = batch.TxId[i];
                batch.BookedAt[kept] = t;
                batch.FromAccount[kept] = batch.FromAccount[i];
                batch.ToAccount[kept] = batch.ToAccount[i];
                batch.Amount[kept] = batch.Amount[i];
                batch.Currency[kept] = batch.Currency[i];
                batch.Channel[kept] = batch.Channel[i];
                batch.FromBank[kept] = batch.FromBank[i];
                batch.ToBank[kept] = batch.ToBank[i];
                batch.Description[kept] = batch.Description[i];
            }

            kept++;
        }

        batch.Count = kept;
    }

    internal static IDisposable LockManifest(string root)
    {
        var path = Path.Combine(root, "_manifest.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Removes staged parts of a source left behind by an ingest that did not commit.</summary>
    internal static void DeleteStaged(string root, string sourceHash)
    {
        foreach (var staged in Directory.EnumerateFiles(root, $"part-{sourceHash[..24]}.parquet.staging", SearchOption.AllDirectories))
        {
            File.Delete(staged);
        }
    }
}
