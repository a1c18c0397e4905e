using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Generation;

/// <summary>
/// Buffers generated transactions and their labels in row groups and writes each full group on a background task
/// while the next one fills (two buffers, so memory stays two row groups whatever the world's size).
/// </summary>
internal sealed class TransactionStream : IAsyncDisposable
{
    private readonly ITransactionSink _transactions;
    private readonly ITableWriter _truth;
    private readonly Slot[] _slots;
    private int _current;
    private Task _pending = Task.CompletedTask;

    private TransactionStream(ITransactionSink transactions, ITableWriter truth, int rowGroupSize)
    {
        _transactions = transactions;
        _truth = truth;
        _slots = [new Slot(rowGroupSize), new Slot(rowGroupSize)];
    }

    public long Rows { get; private set; }

    public static async Task<TransactionStream> CreateAsync(FileFormat format, string transactionsPath, string truthPath, int rowGroupSize, CancellationToken ct)
    {
        var transactions = await TransactionFileWriter.CreateAsync(format, transactionsPath, ct);
        var truth = await TableFiles.CreateWriterAsync(format, TruthSchemas.TransactionsTruth, truthPath, [TruthSchemas.Typology], ct);
        return new TransactionStream(transactions, truth, rowGroupSize);
    }

    /// <summary>Buffers one row; true when the row group is full and <see cref="FlushAsync"/> must be called.</summary>
    public bool Add(
        string txId, DateTime bookedAt, string from, string to, decimal amount, string currency, string channel,
        string? fromBank, string? toBank, string? description, string? typology, string? patternId)
    {
        var slot = _slots[_current];
        var i = slot.Batch.Count;
        slot.Batch.Add(txId, bookedAt, from, to, amount, currency, channel, fromBank, toBank, description);
        slot.IsLaundering[i] = typology is not null;
        slot.Typology[i] = typology ?? string.Empty;
        slot.PatternId[i] = patternId;
        Rows++;
        return slot.Batch.IsFull;
    }

    /// <summary>Hands the filled buffer to the background writer and switches to the other one.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var slot = _slots[_current];
        if (slot.Batch.Count == 0)
        {
            return;
        }

        // The other slot's write must be done before it is refilled.
        await _pending;
        _pending = Task.Run(async () =>
        {
            await _transactions.WriteAsync(slot.Batch, ct);
            var n = slot.Batch.Count;
            await _truth.WriteAsync(new TableChunk(TruthSchemas.TransactionsTruth, [slot.Batch.TxId, slot.IsLaundering, slot.Typology, slot.PatternId], n), ct);

            // Row-group ids and the writer's buffers live long enough to reach gen 2, where a lazy GC lets them pile up
            // on a big machine; a background collection per row group keeps the peak near the live set.
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }, ct);
        _current = 1 - _current;
        _slots[_current].Batch.Clear();
    }

    /// <summary>Writes what is buffered and waits for the writers.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        await FlushAsync(ct);
        await _pending;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _pending;
        }
        finally
        {
            await _transactions.DisposeAsync();
            await _truth.DisposeAsync();
        }
    }

    private sealed class Slot(int size)
    {
        public TransactionBatch Batch { get; } = new(size);
        public bool[] IsLaundering { get; } = new bool[size];
        public string[] Typology { get; } = new string[size];
        public string?[] PatternId { get; } = new string?[size];
    }
}
