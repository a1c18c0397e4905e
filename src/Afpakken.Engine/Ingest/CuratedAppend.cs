using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// The rows of one source file on their way into the curated dataset: routed to one part per booking month,
/// written under names derived from the source's content hash, and made visible only by <see cref="CommitAsync"/>.
/// Full row groups are encoded on a background writer while the caller validates the next batch.
/// </summary>
internal sealed class CuratedAppend : IAsyncDisposable
{
    // Row groups of 32k rows: one buffer per booking month is live at a time (and the ids it holds), so memory stays
    // flat whatever the file; 64k cost ~120 MB more at the peak of a 13-month file and no measurable speed.
    private const int RowGroupRows = 1 << 15;

    private readonly string _root;
    private readonly string _sourceHash;
    private readonly string _sourceFile;
    private readonly SortedDictionary<string, MonthPart> _months = new(StringComparer.Ordinal);
    private readonly Channel<(CuratedPartWriter Writer, CuratedRows Rows)> _fullGroups =
        Channel.CreateBounded<(CuratedPartWriter, CuratedRows)>(2);
    private readonly ConcurrentBag<CuratedRows> _spareBuffers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private bool _committed;

    public CuratedAppend(string root, string sourceHash, string sourceFile)
    {
        _root = root;
        _sourceHash = sourceHash;
        _sourceFile = sourceFile;
        _writer = Task.Run(WriteFullGroupsAsync);
    }

    private sealed class MonthPart(CuratedPartWriter writer, CuratedRows buffer)
    {
        public CuratedPartWriter Writer { get; } = writer;

        public CuratedRows Buffer { get; set; } = buffer;
    }

    public async Task AddAsync(CuratedRows rows, CancellationToken cancellationToken)
    {
        MonthPart? part = null;
        var partMonth = (Year: -1, Month: -1);
        for (var i = 0; i < rows.Count; i++)
        {
            var t = rows.BookedAt[i];
            if (part is null || t.Year != partMonth.Year || t.Month != partMonth.Month)
            {
                partMonth = (t.Year, t.Month);
                part = await PartForAsync(t, cancellationToken);
            }

            // Copied: the ids point into the reader's buffers, which are refilled for the next batch.
            part.Buffer.AddCopy(
                rows.TxId[i], t, rows.FromAccount[i], rows.ToAccount[i], rows.Amount[i], rows.Currency[i],
                rows.Channel[i], rows.FromBank[i], rows.ToBank[i], rows.Description[i]);
            if (part.Buffer.IsFull)
            {
                await _fullGroups.Writer.WriteAsync((part.Writer, part.Buffer), cancellationToken);
                part.Buffer = _spareBuffers.TryTake(out var spare) ? spare : new CuratedRows(RowGroupRows);
            }
        }
    }

    private async Task<MonthPart> PartForAsync(DateTime bookedAt, CancellationToken cancellationToken)
    {
        var month = bookedAt.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        if (!_months.TryGetValue(month, out var part))
        {
            var path = Path.Combine(_root, $"month={month}", $"part-{_sourceHash[..24]}.parquet.staging");
            part = new MonthPart(await CuratedPartWriter.CreateAsync(path, cancellationToken), new CuratedRows(RowGroupRows));
            _months[month] = part;
        }

        return part;
    }

    private async Task WriteFullGroupsAsync()
    {
        await foreach (var (writer, rows) in _fullGroups.Reader.ReadAllAsync(_stop.Token))
        {
            await writer.WriteRowGroupAsync(rows, _stop.Token);
            rows.Clear();
            _spareBuffers.Add(rows);
        }
    }

    /// <summary>Closes the parts, renames them into place and replaces the manifest: the single commit point.</summary>
    public async Task<IReadOnlyList<CuratedPart>> CommitAsync(CancellationToken cancellationToken)
    {
        _fullGroups.Writer.Complete();
        await _writer;
        var parts = new List<CuratedPart>();
        foreach (var (month, part) in _months)
        {
            await part.Writer.WriteRowGroupAsync(part.Buffer, cancellationToken);
            await part.Writer.DisposeAsync();
            var finalPath = part.Writer.Path[..^".staging".Length];
            File.Move(part.Writer.Path, finalPath, overwrite: true);
            parts.Add(new CuratedPart(
                Path.GetRelativePath(_root, finalPath), month, _sourceHash, _sourceFile, part.Writer.Rows,
                part.Writer.MinBookedAt, part.Writer.MaxBookedAt));
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
        _fullGroups.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var (_, part) in _months)
        {
            await part.Writer.DisposeAsync();
            File.Delete(part.Writer.Path);
        }

        _months.Clear();
        _stop.Dispose();
        if (!_committed)
        {
            CuratedDataset.DeleteStaged(_root, _sourceHash);
        }
    }
}
