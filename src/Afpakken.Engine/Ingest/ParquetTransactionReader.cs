using Afpakken.Engine.Contract;
using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Streams a transactions Parquet file row group by row group with the column API. Checks the file and its
/// schema up front — missing file, not Parquet, missing required column, unconvertible column type — and
/// throws <see cref="InvalidInputException"/> naming the file and the column before anything is loaded.
/// </summary>
internal sealed class ParquetTransactionReader : IAsyncDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly string _file;
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly Dictionary<string, DataField> _fields;

    private ParquetTransactionReader(string file, Stream stream, ParquetReader reader, Dictionary<string, DataField> fields)
    {
        _file = file;
        _stream = stream;
        _reader = reader;
        _fields = fields;
    }

    public int RowGroupCount => _reader.RowGroupCount;

    public static async Task<ParquetTransactionReader> OpenAsync(string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new InvalidInputException(file, "file not found");
        }

        var stream = File.OpenRead(file);
        try
        {
            await CheckMagicAsync(file, stream, cancellationToken);
            ParquetReader reader;
            try
            {
                reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidInputException(file, $"unreadable Parquet file ({ex.Message})", ex);
            }

            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name, StringComparer.Ordinal);
            CheckSchema(file, fields);
            return new ParquetTransactionReader(file, stream, reader, fields);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static async Task CheckMagicAsync(string file, Stream stream, CancellationToken cancellationToken)
    {
        if (stream.Length < 12)
        {
            throw new InvalidInputException(file, $"not a Parquet file (only {stream.Length} bytes)");
        }

        var head = new byte[4];
        var tail = new byte[4];
        await stream.ReadExactlyAsync(head, cancellationToken);
        stream.Seek(-4, SeekOrigin.End);
        await stream.ReadExactlyAsync(tail, cancellationToken);
        stream.Seek(0, SeekOrigin.Begin);
        if (!head.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidInputException(file, "not a Parquet file (no PAR1 magic at the start)");
        }

        if (!tail.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidInputException(file, "truncated Parquet file (no PAR1 magic at the end)");
        }
    }

    private static void CheckSchema(string file, Dictionary<string, DataField> fields)
    {
        foreach (var required in TransactionSchema.Required)
        {
            if (!fields.ContainsKey(required))
            {
                throw new InvalidInputException(file, $"required column '{required}' is missing (columns: {string.Join(", ", fields.Keys)})");
            }
        }

        foreach (var (name, field) in fields)
        {
            if (field.IsArray)
            {
                throw new InvalidInputException(file, $"column '{name}' is a list; a scalar is expected");
            }
        }

        Expect(file, fields, TransactionSchema.BookedAt, t => t == typeof(DateTime) || t == typeof(DateTimeOffset) || IsText(t), "a timestamp");
        Expect(file, fields, TransactionSchema.Amount, IsNumeric, "a number (decimal, integer or floating point)");
        foreach (var text in new[]
                 {
                     TransactionSchema.TxId, TransactionSchema.FromAccount, TransactionSchema.ToAccount, TransactionSchema.Currency,
                     TransactionSchema.Channel, TransactionSchema.FromBank, TransactionSchema.ToBank, TransactionSchema.Description,
                 })
        {
            Expect(file, fields, text, IsText, "text");
        }
    }

    /// <summary>Parquet.Net 6 presents BYTE_ARRAY/UTF8 columns as ReadOnlyMemory&lt;char&gt; unless told otherwise.</summary>
    private static bool IsText(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsNumeric(Type t) =>
        t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(long) || t == typeof(int) || t == typeof(short);

    private static void Expect(string file, Dictionary<string, DataField> fields, string name, Func<Type, bool> accepts, string what)
    {
        if (fields.TryGetValue(name, out var field) && !accepts(field.ClrType))
        {
            throw new InvalidInputException(file, $"column '{name}' has type {field.ClrType.Name}; expected {what}");
        }
    }

    /// <summary>Reads row group <paramref name="index"/>; <paramref name="firstRow"/> is the 1-based file row of its first row.</summary>
    public async Task<SourceColumns> ReadRowGroupAsync(int index, long firstRow, CancellationToken cancellationToken)
    {
        using var group = _reader.OpenRowGroupReader(index);
        var count = checked((int)group.RowCount);
        var columns = new SourceColumns(count, firstRow);
        try
        {
            columns.TxId = await ReadTextAsync(group, TransactionSchema.TxId, count, cancellationToken);
            await ReadBookedAtAsync(group, columns, cancellationToken);
            columns.FromAccount = await ReadTextAsync(group, TransactionSchema.FromAccount, count, cancellationToken) ?? new string?[count];
            columns.ToAccount = await ReadTextAsync(group, TransactionSchema.ToAccount, count, cancellationToken) ?? new string?[count];
            await ReadAmountAsync(group, columns, cancellationToken);
            columns.Currency = await ReadTextAsync(group, TransactionSchema.Currency, count, cancellationToken);
            columns.Channel = await ReadTextAsync(group, TransactionSchema.Channel, count, cancellationToken);
            columns.FromBank = await ReadTextAsync(group, TransactionSchema.FromBank, count, cancellationToken);
            columns.ToBank = await ReadTextAsync(group, TransactionSchema.ToBank, count, cancellationToken);
            columns.Description = await ReadTextAsync(group, TransactionSchema.Description, count, cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or InvalidInputException))
        {
            throw new InvalidInputException(_file, $"row group {index + 1} cannot be decoded ({ex.Message})", ex);
        }

        return columns;
    }

    private async Task<string?[]?> ReadTextAsync(ParquetRowGroupReader group, string name, int count, CancellationToken cancellationToken)
    {
        if (!_fields.TryGetValue(name, out var field))
        {
            return null;
        }

        var values = new string?[count];
        await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
        return values;
    }

    private async Task ReadBookedAtAsync(ParquetRowGroupReader group, SourceColumns columns, CancellationToken cancellationToken)
    {
        var field = _fields[TransactionSchema.BookedAt];
        var target = columns.BookedAt;
        if (IsText(field.ClrType))
        {
            var text = await ReadTextAsync(group, field.Name, columns.Count, cancellationToken)!;
            for (var i = 0; i < columns.Count; i++)
            {
                target[i] = Timestamps.TryParseUtc(text![i], out var value) ? value : null;
            }
        }
        else if (field.ClrType == typeof(DateTimeOffset))
        {
            var values = new DateTimeOffset?[columns.Count];
            await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = values[i]?.UtcDateTime;
            }
        }
        else
        {
            await group.ReadAsync(field, target.AsMemory(), cancellationToken: cancellationToken);
            for (var i = 0; i < target.Length; i++)
            {
                if (target[i] is { } t)
                {
                    // Parquet timestamps adjusted to UTC, or local-less ones taken as UTC (documented in the contract).
                    target[i] = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
                }
            }
        }
    }

    private async Task ReadAmountAsync(ParquetRowGroupReader group, SourceColumns columns, CancellationToken cancellationToken)
    {
        var field = _fields[TransactionSchema.Amount];
        var target = columns.Amount;
        var type = field.ClrType;
        if (type == typeof(decimal))
        {
            await group.ReadAsync(field, target.AsMemory(), cancellationToken: cancellationToken);
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            var values = new double?[columns.Count];
            if (type == typeof(double))
            {
                await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
            }
            else
            {
                var singles = new float?[columns.Count];
                await group.ReadAsync(field, singles.AsMemory(), cancellationToken: cancellationToken);
                for (var i = 0; i < singles.Length; i++)
                {
                    values[i] = singles[i];
                }
            }

            columns.AmountProblem = new string?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is not { } v)
                {
                    continue;
                }

                if (!double.IsFinite(v) || Math.Abs(v) > 1e15)
                {
                    columns.AmountProblem[i] = $"amount {v} is not a finite number in range";
                }
                else
                {
                    // Floating point only at the border: rounded to cents once, decimal from here on.
                    target[i] = Math.Round((decimal)v, 2, MidpointRounding.ToEven);
                }
            }
        }
        else
        {
            var values = new long?[columns.Count];
            if (type == typeof(long))
            {
                await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
            }
            else
            {
                var ints = new int?[columns.Count];
                await group.ReadAsync(field, ints.AsMemory(), cancellationToken: cancellationToken);
                for (var i = 0; i < ints.Length; i++)
                {
                    values[i] = ints[i];
                }
            }

            for (var i = 0; i < values.Length; i++)
            {
                target[i] = values[i];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
