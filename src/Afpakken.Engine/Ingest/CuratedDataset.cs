using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Graph;

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
        // Accounts repeat across millions of rows: one string each, shared by every batch of this read.
        var accounts = new TextInterner(account => account, limit: 1 << 22);
        foreach (var path in PartsOf(fromUtc, toUtc))
        {
            await foreach (var batch in ReadPartAsync(path, fromUtc, toUtc, accounts, cancellationToken))
            {
                yield return batch;
            }
        }
    }

    /// <summary>
    /// Adds the committed rows booked in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) to
    /// <paramref name="builder"/>, in the order <see cref="ReadAsync"/> streams them: through the page decoder, account
    /// ids interned from their UTF-8 bytes with no string per row (<see cref="FlowGraphBuilder.Add(Utf8Edges, long, long)"/>).
    /// A part the decoder cannot read goes through <see cref="ReadAsync"/>'s strings; the graph is the same either way.
    /// </summary>
    /// <returns>The parts read through strings, with the reason (none, normally).</returns>
    public async Task<IReadOnlyList<string>> AddToAsync(
        FlowGraphBuilder builder, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var fallbacks = new List<string>();
        var accounts = new TextInterner(account => account, limit: 1 << 22);
        foreach (var path in PartsOf(fromUtc, toUtc))
        {
            var (reader, unsupported) = await ParquetEdgeReader.TryOpenAsync(path, cancellationToken);
            if (reader is null)
            {
                fallbacks.Add($"{path}: {unsupported}");
                await foreach (var batch in ReadPartAsync(path, fromUtc, toUtc, accounts, cancellationToken))
                {
                    builder.Add(batch);
                }

                continue;
            }

            using (reader)
            {
                long firstRow = 1;
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Utf8Edges edges;
                    try
                    {
                        edges = reader.Read(g);
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new InvalidDataException($"{path}: curated part fails the contract ({ex.Message})", ex);
                    }
                    catch (ParquetUnsupportedException ex)
                    {
                        // A page the decoder does not read, met only now: this row group and the rest of the part
                        // through the string read, after the row groups already added.
                        fallbacks.Add($"{path} from row group {g + 1}: {ex.Message}");
                        await foreach (var batch in ReadPartAsync(path, fromUtc, toUtc, accounts, cancellationToken, g, firstRow))
                        {
                            builder.Add(batch);
                        }

                        break;
                    }

                    builder.Add(edges, fromUtc.Ticks, toUtc.Ticks);
                    firstRow += reader.RowsIn(g);
                }
            }
        }

        return fallbacks;
    }

    private IEnumerable<string> PartsOf(DateTime fromUtc, DateTime toUtc) => Manifest.Parts
        .Where(p => p.MaxBookedAt >= fromUtc && p.MinBookedAt < toUtc)
        .OrderBy(p => p.Month, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal)
        .Select(p => Path.Combine(Root, p.Path));

    /// <param name="firstRowGroup">The row group to start at (0-based); <paramref name="firstRow"/> is its first row (1-based).</param>
    private static async IAsyncEnumerable<TransactionBatch> ReadPartAsync(
        string path, DateTime fromUtc, DateTime toUtc, TextInterner accounts,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, int firstRowGroup = 0, long firstRow = 1)
    {
        await using var reader = await ParquetTransactionReader.OpenAsync(path, cancellationToken);
        for (var g = firstRowGroup; g < reader.RowGroupCount; g++)
        {
            var source = await reader.ReadRowGroupAsync(g, firstRow, cancellationToken);
            firstRow += source.Count;
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
