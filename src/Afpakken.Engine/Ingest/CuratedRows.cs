using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Validated rows on their way into the curated dataset, column by column. Like <see cref="TransactionBatch"/>, but
/// the ids (tx id, accounts) stay the characters the reader decoded — no string per cell is made for them between
/// the source file and the curated Parquet part.
/// </summary>
internal sealed class CuratedRows
{
    public CuratedRows(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        TxId = new ReadOnlyMemory<char>[capacity];
        BookedAt = new DateTime[capacity];
        FromAccount = new ReadOnlyMemory<char>[capacity];
        ToAccount = new ReadOnlyMemory<char>[capacity];
        Amount = new decimal[capacity];
        Currency = new string[capacity];
        Channel = new string[capacity];
        FromBank = new string?[capacity];
        ToBank = new string?[capacity];
        Description = new string?[capacity];
    }

    public int Capacity => TxId.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public ReadOnlyMemory<char>[] TxId { get; }
    public DateTime[] BookedAt { get; }
    public ReadOnlyMemory<char>[] FromAccount { get; }
    public ReadOnlyMemory<char>[] ToAccount { get; }
    public decimal[] Amount { get; }
    public string[] Currency { get; }
    public string[] Channel { get; }
    public string?[] FromBank { get; }
    public string?[] ToBank { get; }
    public string?[] Description { get; }

    public void Add(
        ReadOnlyMemory<char> txId, DateTime bookedAtUtc, ReadOnlyMemory<char> fromAccount, ReadOnlyMemory<char> toAccount,
        decimal amount, string currency, string channel, string? fromBank, string? toBank, string? description)
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

    // Characters of the ids added by AddCopy, back to back; refilled after Clear.
    private char[] _chars = [];
    private int _charsUsed;

    /// <summary>
    /// Like <see cref="Add"/>, but the ids are copied into this buffer's own characters: the rows stay valid after the
    /// reader refills the buffers they came from (the curated append holds rows of a month across many batches).
    /// </summary>
    public void AddCopy(
        ReadOnlyMemory<char> txId, DateTime bookedAtUtc, ReadOnlyMemory<char> fromAccount, ReadOnlyMemory<char> toAccount,
        decimal amount, string currency, string channel, string? fromBank, string? toBank, string? description)
    {
        var needed = _charsUsed + txId.Length + fromAccount.Length + toAccount.Length;
        if (needed > _chars.Length)
        {
            // Rows added before keep the old array alive for as long as they are held.
            _chars = new char[Math.Max(needed, Math.Max(1 << 16, _chars.Length * 2))];
            _charsUsed = 0;
        }

        Add(Copy(txId), bookedAtUtc, Copy(fromAccount), Copy(toAccount), amount, currency, channel, fromBank, toBank, description);
    }

    private ReadOnlyMemory<char> Copy(ReadOnlyMemory<char> text)
    {
        if (text.IsEmpty)
        {
            return text;
        }

        text.Span.CopyTo(_chars.AsSpan(_charsUsed));
        var copy = new ReadOnlyMemory<char>(_chars, _charsUsed, text.Length);
        _charsUsed += text.Length;
        return copy;
    }

    /// <summary>Forgets the rows, and the references to their characters so that those can be collected.</summary>
    public void Clear()
    {
        Array.Clear(TxId, 0, Count);
        Array.Clear(FromAccount, 0, Count);
        Array.Clear(ToAccount, 0, Count);
        Count = 0;
        _charsUsed = 0;
    }

    /// <summary>The rows of a <see cref="TransactionBatch"/>, sharing its strings.</summary>
    public static CuratedRows From(TransactionBatch batch)
    {
        var rows = new CuratedRows(Math.Max(1, batch.Count));
        for (var i = 0; i < batch.Count; i++)
        {
            rows.Add(
                batch.TxId[i].AsMemory(), batch.BookedAt[i], batch.FromAccount[i].AsMemory(), batch.ToAccount[i].AsMemory(), batch.Amount[i],
                batch.Currency[i], batch.Channel[i], batch.FromBank[i], batch.ToBank[i], batch.Description[i]);
        }

        return rows;
    }

    /// <summary>The rows as a <see cref="TransactionBatch"/>: a string per id.</summary>
    public TransactionBatch ToBatch()
    {
        var batch = new TransactionBatch(Math.Max(1, Count));
        for (var i = 0; i < Count; i++)
        {
            batch.Add(
                TxId[i].ToString(), BookedAt[i], FromAccount[i].ToString(), ToAccount[i].ToString(), Amount[i],
                Currency[i], Channel[i], FromBank[i], ToBank[i], Description[i]);
        }

        return batch;
    }
}
