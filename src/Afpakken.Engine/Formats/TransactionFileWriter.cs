using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Formats;

/// <summary>
/// Writes the canonical transactions file (<see cref="TransactionSchema"/>) as Parquet, Arrow IPC or CSV.
/// Parquet uses dictionary encoding for currency, channel and the bank columns.
/// </summary>
public sealed class TransactionFileWriter : ITransactionSink
{
    private static readonly string[] DictionaryColumns =
        [TransactionSchema.Currency, TransactionSchema.Channel, TransactionSchema.FromBank, TransactionSchema.ToBank, TransactionSchema.Description];

    private readonly ITableWriter _table;

    private TransactionFileWriter(ITableWriter table) => _table = table;

    public string Path => _table.Path;

    public static async Task<TransactionFileWriter> CreateAsync(FileFormat format, string path, CancellationToken cancellationToken = default) =>
        new(await TableFiles.CreateWriterAsync(format, TransactionSchema.Parquet, path, DictionaryColumns, cancellationToken));

    public Task WriteAsync(TransactionBatch batch, CancellationToken cancellationToken = default) =>
        _table.WriteAsync(ToChunk(batch), cancellationToken);

    internal static TableChunk ToChunk(TransactionBatch b) => new(
        TransactionSchema.Parquet,
        [b.TxId, b.BookedAt, b.FromAccount, b.ToAccount, b.Amount, b.Currency, b.Channel, b.FromBank, b.ToBank, b.Description],
        b.Count);

    public ValueTask DisposeAsync() => _table.DisposeAsync();
}
