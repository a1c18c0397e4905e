using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// The rows of one source file on their way into the curated dataset: routed to one part per booking month,
/// written under names derived from the source's content hash, and made visible only by <see cref="CommitAsync"/>.
/// </summary>
internal sealed class CuratedAppend : IAsyncDisposable
{
    private const int RowGroupRows = 1 << 18;

    private readonly string _root;
    private readonly string _sourceHash;
    private readonly string _sourceFile;
    private readonly SortedDictionary<string, (CuratedPartWriter Writer, TransactionBatch Buffer)> _months = new(StringComparer.Ordinal);
    private bool _committed;

    public CuratedAppend(string root, string sourceHash, string sourceFile)
    {
        _root = root;
        _sourceHash = sourceHash;
        _sourceFile = sourceFile;
    }

    public async Task AddAsync(TransactionBatch rows, CancellationToken cancellationToken)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var month = rows.BookedAt[i].ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            if (!_months.TryGetValue(month, out var slot))
            {
                var path = Path.Combine(_root, $"month={month}", $"part-{_sourceHash[..24]}.parquet.staging");
                slot = (await CuratedPartWriter.CreateAsync(path, cancellationToken), new TransactionBatch(RowGroupRows));
                _months[month] = slot;
            }

            slot.Buffer.Add(
                rows.TxId[i], rows.BookedAt[i], rows.FromAccount[i], rows.ToAccount[i], rows.Amount[i], rows.Currency[i],
                rows.Channel[i], rows.FromBank[i], rows.ToBank[i], rows.Description[i]);
            if (slot.Buffer.IsFull)
            {
                await slot.Writer.WriteRowGroupAsync(slot.Buffer, cancellationToken);
                slot.Buffer.Clear();
            }
        }
    }

    /// <summary>Closes the parts, renames them into place and replaces the manifest: the single commit point.</summary>
    public async Task<IReadOnlyList<CuratedPart>> CommitAsync(CancellationToken cancellationToken)
    {
        var parts = new List<CuratedPart>();
        foreach (var (month, slot) in _months)
        {
            await slot.Writer.WriteRowGroupAsync(slot.Buffer, cancellationToken);
            await slot.Writer.DisposeAsync();
            var finalPath = slot.Writer.Path[..^".staging".Length];
            File.Move(slot.Writer.Path, finalPath, overwrite: true);
            parts.Add(new CuratedPart(
                Path.GetRelativePath(_root, finalPath), month, _sourceHash, _sourceFile, slot.Writer.Rows,
                slot.Writer.MinBookedAt, slot.Writer.MaxBookedAt));
        }

        _months.Clear();
        using (CuratedDataset.LockManifest(_root))
        {
            var manifest = CuratedManifest.Load(_root);
            if (!manifest.Contains(_sourceHash))
            {
                manifest = manifest with { Parts = [.. manifest.Parts, .. parts] };
                manifest.Save(_root);
            }
        }

        _committed = true;
        return parts;
    }

    /// <summary>Without a commit, whatever was staged is removed: nothing of the file becomes visible.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, slot) in _months)
        {
            await slot.Writer.DisposeAsync();
            File.Delete(slot.Writer.Path);
        }

        _months.Clear();
        if (!_committed)
        {
            CuratedDataset.DeleteStaged(_root, _sourceHash);
        }
    }
}
