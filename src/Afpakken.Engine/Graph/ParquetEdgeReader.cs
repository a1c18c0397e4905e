using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Graph;

/// <summary>
/// Reads the transfers of a transactions Parquet file in the canonical layout (curated parts, generated worlds) with
/// the page decoder (<see cref="ParquetColumnFile"/>): per row group, the id columns as UTF-8 with no object per cell,
/// times as UTC ticks and amounts as cents. Two lanes decode a row group's columns side by side, each with its own
/// decoder. <see cref="Read"/> refills the reader's own columns: use a row group before asking for the next;
/// <see cref="ReadTransfers"/> fills the caller's. One read at a time (the decoders are shared): a read started while
/// another runs is refused.
/// </summary>
public sealed class ParquetEdgeReader : IDisposable
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private readonly ParquetColumnFile _file;
    private readonly ParquetColumnDecoder[] _decoders;
    private readonly ParquetLeafColumn _txId, _bookedAt, _from, _to, _amount, _channel;
    private readonly long _ticksPerUnit;
    private readonly Utf8Column _txIds = new(), _fromAccounts = new(), _toAccounts = new(), _channels = new();
    private readonly ValueColumn<long> _rawTimes = new(), _rawAmounts = new();
    private long[] _ticks = [], _cents = [];
    private int _reading;

    private ParquetEdgeReader(ParquetColumnFile file, ParquetLeafColumn[] columns, long ticksPerUnit)
    {
        _file = file;
        (_txId, _bookedAt, _from, _to, _amount, _channel) = (columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]);
        _ticksPerUnit = ticksPerUnit;
        _decoders = [file.CreateDecoder(), file.CreateDecoder()];
    }

    public string Path => _file.Path;

    public int RowGroupCount => _file.RowGroupCount;

    public int RowsIn(int rowGroup) => _file.RowsIn(rowGroup);

    /// <summary>
    /// Opens <paramref name="path"/>, or returns null with the reason when the page decoder cannot read its
    /// transfers (a column missing, of another type or scale, or in a layout it does not decode): the caller reads
    /// such a file through Parquet.Net.
    /// </summary>
    public static async Task<(ParquetEdgeReader? Reader, string? Unsupported)> TryOpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = await ParquetColumnFile.OpenAsync(path, cancellationToken);
        var (columns, ticksPerUnit, why) = Check(file);
        if (why is not null)
        {
            file.Dispose();
            return (null, why);
        }

        return (new ParquetEdgeReader(file, columns!, ticksPerUnit), null);
    }

    private static (ParquetLeafColumn[]? Columns, long TicksPerUnit, string? Unsupported) Check(ParquetColumnFile file)
    {
        string[] names = [TransactionSchema.TxId, TransactionSchema.BookedAt, TransactionSchema.FromAccount, TransactionSchema.ToAccount,
            TransactionSchema.Amount, TransactionSchema.Channel];
        var columns = new ParquetLeafColumn[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (file.Find(names[i]) is not { } column)
            {
                return (null, 0, $"no column {names[i]}");
            }

            if (file.Unsupported(column) is { } why)
            {
                return (null, 0, $"{names[i]}: {why}");
            }

            columns[i] = column;
        }

        foreach (var text in (int[])[0, 2, 3, 5])
        {
            if (columns[text].PhysicalType != Parquet.Meta.Type.BYTE_ARRAY)
            {
                return (null, 0, $"{columns[text].Name} is {columns[text].PhysicalType}");
            }
        }

        // Micro- or milliseconds only (nanoseconds would need a division per row here).
        var ticksPerUnit = columns[1].TimestampTicksPerUnit;
        if (columns[1].PhysicalType != Parquet.Meta.Type.INT64 || ticksPerUnit <= 0)
        {
            return (null, 0, "booked_at is not an INT64 timestamp in micro- or milliseconds");
        }

        return columns[4].PhysicalType != Parquet.Meta.Type.INT64 || columns[4].DecimalScale != TransactionSchema.AmountScale
            ? (null, 0, "amount is not an INT64 decimal with two decimals")
            : (columns, ticksPerUnit, null);
    }

    /// <summary>The transfers of row group <paramref name="rowGroup"/>; valid until the next read.</summary>
    /// <exception cref="InvalidDataException">A booking time or an amount is null.</exception>
    public Utf8Edges Read(int rowGroup)
    {
        using var _ = OneAtATime();
        InTwoLanes(
            () =>
            {
                _decoders[0].ReadBytes(rowGroup, _from, _fromAccounts);
                _decoders[0].ReadBytes(rowGroup, _txId, _txIds);
                _decoders[0].ReadValues(rowGroup, _bookedAt, _rawTimes);
            },
            () =>
            {
                _decoders[1].ReadBytes(rowGroup, _to, _toAccounts);
                _decoders[1].ReadValues(rowGroup, _amount, _rawAmounts);
                _decoders[1].ReadBytes(rowGroup, _channel, _channels);
            });

        var rows = _rawTimes.Count;
        if (_rawTimes.HasNulls || _rawAmounts.HasNulls)
        {
            throw new InvalidDataException($"{Path}: row group {rowGroup + 1} has a null booking time or amount");
        }

        if (_ticks.Length < rows)
        {
            _ticks = new long[rows];
            _cents = new long[rows];
        }

        var raw = _rawTimes.Values;
        for (var i = 0; i < rows; i++)
        {
            _ticks[i] = UnixEpochTicks + (raw[i] * _ticksPerUnit);
        }

        _rawAmounts.Values.CopyTo(_cents);
        return new Utf8Edges(_txIds, _ticks.AsMemory(0, rows), _fromAccounts, _toAccounts, _cents.AsMemory(0, rows), _channels);
    }

    /// <summary>
    /// Only what per-account totals need — the two account columns and the amounts (cents) — of row group
    /// <paramref name="rowGroup"/>, decoded in two lanes into <paramref name="into"/>: a caller that decodes the next row
    /// group while it works on this one keeps two <see cref="TransferColumns"/> and alternates (one read at a time).
    /// </summary>
    /// <exception cref="InvalidDataException">An amount is null.</exception>
    public TransferColumns ReadTransfers(int rowGroup, TransferColumns into)
    {
        ArgumentNullException.ThrowIfNull(into);
        using var _ = OneAtATime();
        InTwoLanes(
            () =>
            {
                _decoders[0].ReadBytes(rowGroup, _from, into.From);
                _decoders[0].ReadValues(rowGroup, _amount, into.Amounts);
            },
            () => _decoders[1].ReadBytes(rowGroup, _to, into.To));
        if (into.Amounts.HasNulls)
        {
            throw new InvalidDataException($"{Path}: row group {rowGroup + 1} has a null amount");
        }

        return into;
    }

    public void Dispose() => _file.Dispose();

    /// <summary>Marks a read as running until disposed; refuses a second one meanwhile.</summary>
    private Reading OneAtATime() => Interlocked.Exchange(ref _reading, 1) == 0
        ? new Reading(this)
        : throw new InvalidOperationException($"{Path}: a read is already running on this reader; read one row group at a time.");

    private readonly struct Reading(ParquetEdgeReader reader) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref reader._reading, 0);
    }

    /// <summary>
    /// Runs the two decoding lanes and rethrows the first lane's own exception (not Parallel's AggregateException), so
    /// that callers can tell an unsupported page (fall back to the string read) from a corrupt one.
    /// </summary>
    private static void InTwoLanes(Action first, Action second)
    {
        try
        {
            Parallel.Invoke(first, second);
        }
        catch (AggregateException ae) when (ae.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ae.InnerExceptions[0]).Throw();
            throw;
        }
    }
}

/// <summary>The columns <see cref="ParquetEdgeReader.ReadTransfers"/> fills: sender, recipient, amount in cents.</summary>
public sealed class TransferColumns
{
    public Utf8Column From { get; } = new();

    public Utf8Column To { get; } = new();

    internal ValueColumn<long> Amounts { get; } = new();

    public int Count => Amounts.Count;

    /// <summary>The amounts in cents, valid until the next read into these columns.</summary>
    public ReadOnlyMemory<long> Cents => Amounts.ValuesMemory;
}
