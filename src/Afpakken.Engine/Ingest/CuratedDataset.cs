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

        // Accounts repeat across millions of rows: one string each, shared by every batch of this read.
        var accounts = new TextInterner(account => account, limit: 1 << 22);
        foreach (var part in parts)
        {
            var path = Path.Combine(Root, part.Path);
            await using var reader = await ParquetTransactionReader.OpenAsync(path, cancellationToken);
            await foreach (var source in reader.ReadAsync(cancellationToken))
            {
                // Curated parts were validated when they were written: copy, keep the window, skip the checks.
                var batch = new TransactionBatch(Math.Max(1, source.Count));
                for (var i = 0; i < source.Count; i++)
                {
                    if (source.BookedAt[i] is not { } t || source.Amount[i] is not { } amount)
                    {
                        throw new InvalidDataException($"{path}: curated part fails the contract at row {source.FirstRow + i}");
                    }

                    if (t >= fromUtc && t < toUtc)
                    {
                        batch.Add(
                            source.TxId![i].ToString(), t, accounts.Get(source.FromAccount[i].Span)!, accounts.Get(source.ToAccount[i].Span)!, amount, source.Currency![i]!,
                            source.Channel![i]!, source.FromBank?[i], source.ToBank?[i], source.Description?[i]);
                    }
                }

                yield return batch;
            }
        }
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
