using Afpakken.Engine.Contract;
using Parquet;

namespace Afpakken.Engine.Ingest;

/// <summary>Writes canonical transaction rows into one Parquet file of the curated dataset, a row group per call.</summary>
internal sealed class CuratedPartWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ParquetWriter _writer;

    private CuratedPartWriter(string path, Stream stream, ParquetWriter writer)
    {
        Path = path;
        _stream = stream;
        _writer = writer;
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public DateTime MinBookedAt { get; private set; } = DateTime.MaxValue;

    public DateTime MaxBookedAt { get; private set; } = DateTime.MinValue;

    public static async Task<CuratedPartWriter> CreateAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        // A part per booking month is open at once: Parquet.Net's buffer pools must not keep tens of megabytes each.
        var options = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Snappy,
            MaximumLargePoolFreeBytes = 1 << 20,
            MaximumSmallPoolFreeBytes = 1 << 20,
        };
        var writer = await ParquetWriter.CreateAsync(TransactionSchema.Parquet, stream, options, cancellationToken: cancellationToken);
        return new CuratedPartWriter(path, stream, writer);
    }

    public Task WriteRowGroupAsync(TransactionBatch batch, CancellationToken cancellationToken) =>
        WriteRowGroupAsync(CuratedRows.From(batch), cancellationToken);

    public async Task WriteRowGroupAsync(CuratedRows batch, CancellationToken cancellationToken)
    {
        var n = batch.Count;
        if (n == 0)
        {
            return;
        }

        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync<ReadOnlyMemory<char>>(TransactionSchema.TxIdField, new ReadOnlyMemory<ReadOnlyMemory<char>>(batch.TxId, 0, n), cancellationToken: cancellationToken);
            await group.WriteAsync(TransactionSchema.BookedAtField, new ReadOnlyMemory<DateTime>(batch.BookedAt, 0, n), cancellationToken: cancellationToken);
            await group.WriteAsync<ReadOnlyMemory<char>>(TransactionSchema.FromAccountField, new ReadOnlyMemory<ReadOnlyMemory<char>>(batch.FromAccount, 0, n), cancellationToken: cancellationToken);
            await group.WriteAsync<ReadOnlyMemory<char>>(TransactionSchema.ToAccountField, new ReadOnlyMemory<ReadOnlyMemory<char>>(batch.ToAccount, 0, n), cancellationToken: cancellationToken);
            await group.WriteAsync(TransactionSchema.AmountField, new ReadOnlyMemory<decimal>(batch.Amount, 0, n), cancellationToken: cancellationToken);
            await group.WriteAsync(TransactionSchema.CurrencyField, new ArraySegment<string>(batch.Currency, 0, n));
            await group.WriteAsync(TransactionSchema.ChannelField, new ArraySegment<string>(batch.Channel, 0, n));
            await group.WriteAsync(TransactionSchema.FromBankField, new ArraySegment<string?>(batch.FromBank, 0, n)!);
            await group.WriteAsync(TransactionSchema.ToBankField, new ArraySegment<string?>(batch.ToBank, 0, n)!);
            await group.WriteAsync(TransactionSchema.DescriptionField, new ArraySegment<string?>(batch.Description, 0, n)!);
        }

        Rows += n;
        for (var i = 0; i < n; i++)
        {
            var t = batch.BookedAt[i];
            if (t < MinBookedAt)
            {
                MinBookedAt = t;
            }

            if (t > MaxBookedAt)
            {
                MaxBookedAt = t;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
