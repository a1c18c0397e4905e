namespace Afpakken.Engine.Contract;

/// <summary>
/// A columnar batch of canonical transactions: one array per field, <see cref="Count"/> rows in use.
/// Readers, writers, the generator and the graph builder exchange these instead of row objects.
/// </summary>
/// <remarks>
/// <see cref="BookedAt"/> holds UTC instants (<see cref="DateTimeKind.Utc"/>); <see cref="Amount"/> is the
/// positive amount in <see cref="Currency"/>, never a float. Optional text columns hold null where absent.
/// </remarks>
public sealed class TransactionBatch
{
    public TransactionBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        TxId = new string[capacity];
        BookedAt = new DateTime[capacity];
        FromAccount = new string[capacity];
        ToAccount = new string[capacity];
        Amount = new decimal[capacity];
        Currency = new string[capacity];
        Channel = new string[capacity];
        FromBank = new string?[capacity];
        ToBank = new string?[capacity];
        Description = new string?[capacity];
    }

    public int Capacity => TxId.Length;

    /// <summary>Rows in use, from index 0.</summary>
    public int Count { get; set; }

    public string[] TxId { get; }
    public DateTime[] BookedAt { get; }
    public string[] FromAccount { get; }
    public string[] ToAccount { get; }
    public decimal[] Amount { get; }
    public string[] Currency { get; }
    public string[] Channel { get; }
    public string?[] FromBank { get; }
    public string?[] ToBank { get; }
    public string?[] Description { get; }

    public bool IsFull => Count == Capacity;

    /// <summary>Appends one row; the caller checks <see cref="IsFull"/> first.</summary>
    public void Add(
        string txId, DateTime bookedAtUtc, string fromAccount, string toAccount, decimal amount,
        string currency, string channel, string? fromBank = null, string? toBank = null, string? description = null)
    {
        if (IsFull)
        {
            throw new InvalidOperationException("The batch is full.");
        }

        var i = Count++;
        TxId[i] = txId;
        BookedAt[i] = bookedAtUtc;
        FromAccount[i] = fromAccount;
        ToAccount[i] = toAccount;
        Amount[i] = amount;
        Currency[i] = currency;
        Channel[i] = channel;
        FromBank[i] = fromBank;
        ToBank[i] = toBank;
        Description[i] = description;
    }

    public void Clear() => Count = 0;
}
