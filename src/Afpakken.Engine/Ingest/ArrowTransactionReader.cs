using System.Runtime.CompilerServices;
using Afpakken.Engine.Contract;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Streams a transactions file in the Arrow IPC file format (<c>ARROW1</c>) or stream format, one batch per
/// record batch. Checks the file, its schema and the column types when opened and throws
/// <see cref="InvalidInputException"/> naming the file and the column; a batch that cannot be decoded later
/// (a truncated stream) is rejected the same way.
/// </summary>
internal sealed class ArrowTransactionReader : ITransactionSource
{
    private static readonly byte[] Magic = "ARROW1"u8.ToArray();

    // Indexes into ColumnMapping.Fields.
    private const int TxId = 0, BookedAt = 1, FromAccount = 2, ToAccount = 3, Amount = 4, Currency = 5, Channel = 6,
        FromBank = 7, ToBank = 8, Description = 9, IsLaundering = 10, Typology = 11;

    /// <summary>Rows handed on at a time; a bigger record batch is sliced.</summary>
    public const int SliceRows = 4_096;

    private readonly Stream _stream;
    private readonly ArrowStreamReader _reader;
    private readonly int[] _column;
    private readonly CellParser _cells;
    private readonly Utf8TextCache[] _cached;
    private readonly bool[] _translated;
    private Task<RecordBatch?>? _pending;

    // One arena per id column: the columns of a slice are converted on two threads.
    private readonly CharArena[] _ids = [.. ColumnMapping.Fields.Select(_ => new CharArena())];

    private ArrowTransactionReader(string file, Stream stream, ArrowStreamReader reader, int[] column, ColumnMapping mapping)
    {
        File = file;
        _stream = stream;
        _reader = reader;
        _column = column;
        _cells = new CellParser(mapping);
        _cached = ColumnMapping.Fields.Select(name => new Utf8TextCache(raw => _cells.Text(name, raw))).ToArray();
        _translated = ColumnMapping.Fields.Select(mapping.Values.ContainsKey).ToArray();
    }

    public string File { get; }

    public static async Task<ArrowTransactionReader> OpenAsync(string file, bool streamFormat, ColumnMapping mapping, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(file))
        {
            throw new InvalidInputException(file, "file not found");
        }

        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            if (!streamFormat)
            {
                await CheckFileMagicAsync(file, stream, cancellationToken);
            }

            ArrowStreamReader reader;
            Schema schema;
            try
            {
                reader = streamFormat ? new ArrowStreamReader(stream, leaveOpen: true) : new ArrowFileReader(stream, leaveOpen: true);
                schema = reader.Schema ?? throw new InvalidDataException("no schema");
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or InvalidInputException))
            {
                throw new InvalidInputException(file, $"unreadable Arrow {(streamFormat ? "stream" : "file")} ({ex.Message})", ex);
            }

            var resolved = ResolvedColumns.Resolve(file, schema.FieldsList.Select(f => f.Name).ToList(), mapping);
            var column = ColumnMapping.Fields.Select(resolved.IndexOf).ToArray();
            CheckTypes(file, schema, column);
            return new ArrowTransactionReader(file, stream, reader, column, mapping);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static async Task CheckFileMagicAsync(string file, Stream stream, CancellationToken cancellationToken)
    {
        if (stream.Length < 2 * Magic.Length)
        {
            throw new InvalidInputException(file, $"not an Arrow file (only {stream.Length} bytes)");
        }

        var tail = new byte[Magic.Length];
        stream.Seek(-Magic.Length, SeekOrigin.End);
        await stream.ReadExactlyAsync(tail, cancellationToken);
        stream.Seek(0, SeekOrigin.Begin);
        if (!tail.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidInputException(file, "truncated Arrow file (no ARROW1 magic at the end)");
        }
    }

    private static void CheckTypes(string file, Schema schema, int[] column)
    {
        for (var f = 0; f < column.Length; f++)
        {
            if (column[f] < 0)
            {
                continue;
            }

            var field = schema.FieldsList[column[f]];
            var canonical = ColumnMapping.Fields[f];
            var type = field.DataType;
            var ok = canonical switch
            {
                TransactionSchema.BookedAt => type.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date64 or ArrowTypeId.Date32 || IsText(type),
                TransactionSchema.Amount => type.TypeId is ArrowTypeId.Decimal128 or ArrowTypeId.Double or ArrowTypeId.Float or ArrowTypeId.Int64 or ArrowTypeId.Int32 || IsText(type),
                ColumnMapping.IsLaundering => type.TypeId is ArrowTypeId.Boolean or ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64 or ArrowTypeId.UInt8 || IsText(type),
                _ => IsText(type),
            };
            if (!ok)
            {
                throw new InvalidInputException(file, $"column '{field.Name}' ({canonical}) has Arrow type {type.Name}, which cannot be converted");
            }
        }
    }

    private static bool IsText(IArrowType type) =>
        type.TypeId is ArrowTypeId.String or ArrowTypeId.LargeString ||
        (type is DictionaryType dictionary && dictionary.ValueType.TypeId is ArrowTypeId.String or ArrowTypeId.LargeString);

    public async IAsyncEnumerable<SourceColumns> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long firstRow = 1;
        var index = 1;
        // The next record batch is read from the file while the slices of this one are converted.
        _pending = ReadBatchAsync(index, cancellationToken);
        while (true)
        {
            var batch = await _pending;
            if (batch is null)
            {
                yield break;
            }

            _pending = ReadBatchAsync(++index, cancellationToken);

            // A record batch may hold a million rows: it is handed on in slices, so that the converted columns stay
            // small (under the large-object threshold) and read-ahead keeps two slices, not two record batches.
            using (batch)
            {
                for (var offset = 0; offset < batch.Length; offset += SliceRows)
                {
                    var length = Math.Min(SliceRows, batch.Length - offset);
                    SourceColumns columns;
                    if (offset == 0 && length == batch.Length)
                    {
                        columns = await ConvertAsync(batch, firstRow, cancellationToken);
                    }
                    else
                    {
                        // A view on the record batch's buffers; not disposed, which would release the batch's memory.
                        columns = await ConvertAsync(batch.Slice(offset, length), firstRow, cancellationToken);
                    }

                    firstRow += columns.Count;
                    yield return columns;
                }
            }
        }
    }

    private Task<RecordBatch?> ReadBatchAsync(int index, CancellationToken cancellationToken) => Task.Run<RecordBatch?>(async () =>
    {
        try
        {
            return await _reader.ReadNextRecordBatchAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidInputException(File, $"record batch {index} cannot be read; truncated or corrupt Arrow data ({ex.Message})", ex);
        }
    }, cancellationToken);

    /// <summary>
    /// The columns of a slice, converted in two halves on two threads as the Parquet page path does (each column has
    /// its own arena and text cache; the cell parser keeps no state).
    /// </summary>
    private async Task<SourceColumns> ConvertAsync(RecordBatch batch, long firstRow, CancellationToken cancellationToken)
    {
        var count = batch.Length;
        var columns = new SourceColumns(count, firstRow);
        var accounts = Task.Run(() =>
        {
            columns.FromAccount = Ids(batch, FromAccount, count)!;
            columns.ToAccount = Ids(batch, ToAccount, count)!;
            columns.FromBank = Text(batch, FromBank, count, cached: true);
            columns.ToBank = Text(batch, ToBank, count, cached: true);
            columns.Description = Text(batch, Description, count, cached: true);
        }, cancellationToken);
        try
        {
            columns.TxId = Ids(batch, TxId, count);
            columns.Currency = Text(batch, Currency, count, cached: true);
            columns.Channel = Text(batch, Channel, count, cached: true);
            columns.Typology = Text(batch, Typology, count, cached: true);
            ArrowCells.Timestamps(batch.Column(_column[BookedAt]), columns.BookedAt, _cells);
            columns.AmountProblem = ArrowCells.Amounts(batch.Column(_column[Amount]), columns.Amount, _cells);
            if (_column[IsLaundering] >= 0)
            {
                columns.IsLaundering = ArrowCells.Flags(batch.Column(_column[IsLaundering]));
            }
        }
        finally
        {
            // The other half reads the same batch: it must be done before the batch can be released.
            await accounts;
        }

        return columns;
    }

    /// <summary>An id column: UTF-8 cells decoded into the shared arena (no string per id) unless the mapping translates it.</summary>
    private ReadOnlyMemory<char>[]? Ids(RecordBatch batch, int field, int count)
    {
        if (_column[field] < 0)
        {
            return null;
        }

        if (_translated[field] || batch.Column(_column[field]) is not StringArray strings)
        {
            return SourceColumns.Ids(Text(batch, field, count, cached: false));
        }

        var ids = new ReadOnlyMemory<char>[count];
        _ids[field].DecodeColumn(strings.Values, strings.ValueOffsets, ids);
        if (strings.NullCount > 0)
        {
            for (var i = 0; i < count; i++)
            {
                if (!strings.IsValid(i))
                {
                    ids[i] = default;
                }
            }
        }

        return ids;
    }

    private string?[]? Text(RecordBatch batch, int field, int count, bool cached)
    {
        if (_column[field] < 0)
        {
            return null;
        }

        var name = ColumnMapping.Fields[field];
        return ArrowCells.Text(batch.Column(_column[field]), count, cached ? _cached[field] : null, raw => _cells.Text(name, raw));
    }

    public async ValueTask DisposeAsync()
    {
        // A read still running (the consumer stopped early) must end before the file goes; its batch is not needed.
        if (_pending is { } pending)
        {
            try
            {
                (await pending)?.Dispose();
            }
            catch (Exception ex) when (ex is InvalidInputException or OperationCanceledException)
            {
                // Already reported (or not wanted) by whoever stopped reading.
            }
        }

        _reader.Dispose();
        await _stream.DisposeAsync();
    }
}
