using System.Runtime.CompilerServices;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Parquet;
using Parquet.Schema;
using Serilog;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Streams a transactions Parquet file row group by row group with the column API. Checks the file and its
/// schema up front — missing file, not Parquet, truncated, mapping unresolved, unconvertible column type — and
/// throws <see cref="InvalidInputException"/> naming the file and the column before anything is loaded.
/// Row groups are decoded by our own page decoder (<see cref="ParquetPageColumns"/>) where it reads every mapped
/// column of the file, else — and for a row group with a page it does not read — by Parquet.Net (logged).
/// </summary>
internal sealed class ParquetTransactionReader : ITransactionSource
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField?[] _fields;
    private readonly CellParser _cells;
    private readonly TextInterner?[] _interners;
    private readonly ColumnMapping _mapping;

    // Scratch targets of the column reads, one set per lane, reused from row group to row group: a row group of a
    // million rows would otherwise cost tens of megabytes of large-object garbage per column.
    private readonly Dictionary<Type, Array>[] _scratch = [[], []];
    private SourceColumns? _recycled;

    // A second reader of the same file on its own stream: the columns of a row group are decoded in two lanes.
    private Stream? _secondStream;
    private ParquetReader? _second;

    private readonly ParquetPageColumns? _pages;
    private readonly ILogger _logger;

    private ParquetTransactionReader(
        string file, Stream stream, ParquetReader reader, DataField?[] fields, ColumnMapping mapping, ILogger? logger, bool usePages)
    {
        File = file;
        _stream = stream;
        _reader = reader;
        _fields = fields;
        _cells = new CellParser(mapping);
        _mapping = mapping;

        // The short code lists (currency, channel, bank, typology, usual descriptions) repeat: one string per value.
        // Ids stay characters (ReadIdsAsync); textual timestamps and amounts are parsed, not kept.
        _interners = ColumnMapping.Fields.Select(name => name switch
        {
            TransactionSchema.TxId or TransactionSchema.FromAccount or TransactionSchema.ToAccount or
                TransactionSchema.BookedAt or TransactionSchema.Amount => null,
            _ => new TextInterner(raw => _cells.Text(name, raw), Utf8TextCache.Limit),
        }).ToArray();

        _logger = (logger ?? Serilog.Core.Logger.None).ForContext<ParquetTransactionReader>();
        if (usePages && reader.Metadata is { } metadata)
        {
            _pages = ParquetPageColumns.TryCreate(file, metadata, fields, mapping, _cells, _interners, out var reason);
            PageDecoderRefusal = reason;
            if (_pages is null)
            {
                _logger.Information("Decoding {File} with Parquet.Net: the page decoder does not read it ({Reason})", file, reason);
            }
        }
    }

    public string File { get; }

    public int RowGroupCount => _reader.RowGroupCount;

    public long ExpectedRows => _reader.Metadata?.NumRows ?? 0;

    /// <summary>True for both decoders: batches are refilled, not read ahead (see <see cref="ITransactionSource"/>).</summary>
    public bool DecodesInParallel => _second is not null || _pages is not null;

    /// <summary>Whether row groups go through our page decoder (false: Parquet.Net for the whole file).</summary>
    internal bool UsesPageDecoder => _pages is not null;

    /// <summary>Why the page decoder does not read this file (null when it does, or was not asked to).</summary>
    internal string? PageDecoderRefusal { get; }

    public static Task<ParquetTransactionReader> OpenAsync(string file, CancellationToken cancellationToken) =>
        OpenAsync(file, ColumnMapping.Canonical, cancellationToken);

    /// <param name="logger">Told when the file or a row group is decoded by Parquet.Net rather than the page decoder.</param>
    /// <param name="usePages">False: Parquet.Net decodes every row group (the reference the page decoder is tested against).</param>
    public static async Task<ParquetTransactionReader> OpenAsync(
        string file, ColumnMapping mapping, CancellationToken cancellationToken, ILogger? logger = null, bool usePages = true)
    {
        if (!System.IO.File.Exists(file))
        {
            throw new InvalidInputException(file, "file not found");
        }

        var stream = System.IO.File.OpenRead(file);
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

            var dataFields = reader.Schema.GetDataFields();
            var resolved = ResolvedColumns.Resolve(file, dataFields.Select(f => f.Name).ToList(), mapping);
            var fields = ColumnMapping.Fields.Select(f => resolved.IndexOf(f) is var i and >= 0 ? dataFields[i] : null).ToArray();
            CheckTypes(file, fields);
            var result = new ParquetTransactionReader(file, stream, reader, fields, mapping, logger, usePages);
            if (!result.UsesPageDecoder)
            {
                // Parquet.Net only: a second reader decodes half of the columns.
                (result._secondStream, result._second) = await OpenSecondAsync(file, reader, cancellationToken);
            }

            return result;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>The second lane's reader, where there are two cores and row groups worth splitting.</summary>
    private static async Task<(Stream?, ParquetReader?)> OpenSecondAsync(string file, ParquetReader first, CancellationToken cancellationToken)
    {
        if (Environment.ProcessorCount < 2 || (first.Metadata?.NumRows ?? 0) < 100_000)
        {
            return (null, null);
        }

        var stream = System.IO.File.OpenRead(file);
        try
        {
            return (stream, await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken));
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

    private DataField? Field(string canonical) => _fields[ColumnMapping.FieldIndex(canonical)];

    private static void CheckTypes(string file, DataField?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is not { } field)
            {
                continue;
            }

            var canonical = ColumnMapping.Fields[i];
            if (field.IsArray)
            {
                throw new InvalidInputException(file, $"column '{field.Name}' ({canonical}) is a list; a scalar is expected");
            }

            var type = field.ClrType;
            var ok = canonical switch
            {
                TransactionSchema.BookedAt => type == typeof(DateTime) || type == typeof(DateTimeOffset) || IsText(type),
                TransactionSchema.Amount => IsNumeric(type) || IsText(type),
                ColumnMapping.IsLaundering => type == typeof(bool) || IsText(type) || type == typeof(int) || type == typeof(long),
                _ => IsText(type),
            };
            if (!ok)
            {
                throw new InvalidInputException(file, $"column '{field.Name}' ({canonical}) has type {type.Name}, which cannot be converted");
            }
        }
    }

    /// <summary>Parquet.Net 6 presents BYTE_ARRAY/UTF8 columns as ReadOnlyMemory&lt;char&gt; unless told otherwise.</summary>
    private static bool IsText(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool IsNumeric(Type t) =>
        t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(long) || t == typeof(int) || t == typeof(short);

    public async IAsyncEnumerable<SourceColumns> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long firstRow = 1;
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            var columns = await ReadRowGroupAsync(g, firstRow, cancellationToken);
            firstRow += columns.Count;
            yield return columns;
        }
    }

    /// <summary>Reads row group <paramref name="index"/>; <paramref name="firstRow"/> is the 1-based file row of its first row.</summary>
    public async Task<SourceColumns> ReadRowGroupAsync(int index, long firstRow, CancellationToken cancellationToken)
    {
        using var group = _reader.OpenRowGroupReader(index);
        using var other = _second?.OpenRowGroupReader(index);
        var count = checked((int)group.RowCount);

        // Not read ahead (DecodesInParallel), a batch is done with when the next is asked for: its arrays are refilled,
        // so that a million-row row group does not leave ~200 MB of large-object garbage behind every time.
        var columns = DecodesInParallel && _recycled is { } recycled && recycled.Capacity >= count
            ? recycled.Reset(count, firstRow)
            : new SourceColumns(count, firstRow);
        _recycled = DecodesInParallel ? columns : null;
        if (_pages is not null)
        {
            try
            {
                await _pages.ReadAsync(index, columns, cancellationToken);
                return columns;
            }
            catch (ParquetUnsupportedException ex)
            {
                _logger.Warning("Row group {RowGroup} of {File} decoded with Parquet.Net: {Reason}", index + 1, File, ex.Message);
                columns.Reset(count, firstRow);
            }
            catch (ParquetFormatException ex)
            {
                throw new InvalidInputException(File, $"row group {index + 1} cannot be decoded (column '{ex.Column}': {ex.Reason})", ex);
            }
            catch (Exception ex) when (ex is InvalidDataException or OverflowException)
            {
                throw new InvalidInputException(File, $"row group {index + 1} cannot be decoded ({ex.Message})", ex);
            }
        }

        try
        {
            // Two lanes of about equal work; each column is read by one lane only, with that lane's scratch arrays.
            var first = ReadLaneAsync(group, _scratch[0], async (g, scratch) =>
            {
                columns.TxId = await ReadIdsAsync(g, TransactionSchema.TxId, count, columns.TxId, scratch, cancellationToken);
                await ReadBookedAtAsync(g, columns, scratch, cancellationToken);
                await ReadAmountAsync(g, columns, scratch, cancellationToken);
                columns.Currency = await ReadTextAsync(g, TransactionSchema.Currency, count, scratch, cancellationToken, columns.Currency);
                columns.Channel = await ReadTextAsync(g, TransactionSchema.Channel, count, scratch, cancellationToken, columns.Channel);
                columns.Typology = await ReadTextAsync(g, ColumnMapping.Typology, count, scratch, cancellationToken, columns.Typology);
                await ReadLabelAsync(g, columns, scratch, cancellationToken);
            });
            var second = ReadLaneAsync(other ?? group, _scratch[1], async (g, scratch) =>
            {
                columns.FromAccount = await ReadIdsAsync(g, TransactionSchema.FromAccount, count, columns.FromAccount, scratch, cancellationToken) ?? new ReadOnlyMemory<char>[count];
                columns.ToAccount = await ReadIdsAsync(g, TransactionSchema.ToAccount, count, columns.ToAccount, scratch, cancellationToken) ?? new ReadOnlyMemory<char>[count];
                columns.FromBank = await ReadTextAsync(g, TransactionSchema.FromBank, count, scratch, cancellationToken, columns.FromBank);
                columns.ToBank = await ReadTextAsync(g, TransactionSchema.ToBank, count, scratch, cancellationToken, columns.ToBank);
                columns.Description = await ReadTextAsync(g, TransactionSchema.Description, count, scratch, cancellationToken, columns.Description);
            });
            if (other is null)
            {
                await first();
                await second();
            }
            else
            {
                await Task.WhenAll(Task.Run(first, cancellationToken), Task.Run(second, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or InvalidInputException))
        {
            throw new InvalidInputException(File, $"row group {index + 1} cannot be decoded ({ex.Message})", ex);
        }

        return columns;
    }

    private static Func<Task> ReadLaneAsync(
        ParquetRowGroupReader group, Dictionary<Type, Array> scratch, Func<ParquetRowGroupReader, Dictionary<Type, Array>, Task> lane) =>
        () => lane(group, scratch);

    /// <summary>
    /// An id column as the characters Parquet.Net decoded: no string per cell, and no copy. A required column is read
    /// into a plain array (see <see cref="ReadValuesAsync{T}"/>); a null cell becomes an empty (missing) id.
    /// </summary>
    private async Task<ReadOnlyMemory<char>[]?> ReadIdsAsync(
        ParquetRowGroupReader group, string canonical, int count, ReadOnlyMemory<char>[]? reuse, Dictionary<Type, Array> scratch, CancellationToken cancellationToken)
    {
        if (Field(canonical) is not { } field)
        {
            return null;
        }

        if (field.ClrType == typeof(string) || _mapping.Values.ContainsKey(canonical))
        {
            return SourceColumns.Ids(await ReadTextAsync(group, canonical, count, scratch, cancellationToken));
        }

        var ids = reuse is not null && reuse.Length >= count ? reuse : new ReadOnlyMemory<char>[count];
        if (field.IsNullable)
        {
            var cells = new ReadOnlyMemory<char>?[count];
            await group.ReadAsync<ReadOnlyMemory<char>>(field, cells.AsMemory(), cancellationToken: cancellationToken);
            for (var i = 0; i < count; i++)
            {
                ids[i] = cells[i] ?? default;
            }
        }
        else
        {
            await group.ReadAsync<ReadOnlyMemory<char>>(field, ids.AsMemory(0, count), cancellationToken: cancellationToken);
        }

        return ids;
    }

    private async Task<string?[]?> ReadTextAsync(
        ParquetRowGroupReader group, string canonical, int count, Dictionary<Type, Array> scratch, CancellationToken cancellationToken, string?[]? reuse = null)
    {
        if (Field(canonical) is not { } field)
        {
            return null;
        }

        var values = reuse is not null && reuse.Length >= count ? reuse : new string?[count];
        if (field.ClrType == typeof(string))
        {
            await group.ReadAsync(field, values.AsMemory(), cancellationToken: cancellationToken);
            for (var i = 0; i < count; i++)
            {
                values[i] = _cells.Text(canonical, values[i]);
            }

            return values;
        }

        // Characters, not a string per cell: repeated values become one shared string. A required column is read
        // into a plain array (see ReadValuesAsync), and every cell is copied out before the next read.
        var interner = _interners[ColumnMapping.FieldIndex(canonical)];
        if (field.IsNullable)
        {
            var cells = Scratch<ReadOnlyMemory<char>?>(scratch, count);
            await group.ReadAsync<ReadOnlyMemory<char>>(field, cells.AsMemory(0, count), cancellationToken: cancellationToken);
            for (var i = 0; i < count; i++)
            {
                values[i] = cells[i] is { } cell ? TextOf(canonical, interner, cell.Span) : null;
            }

            Array.Clear(cells, 0, count);
        }
        else
        {
            var cells = Scratch<ReadOnlyMemory<char>>(scratch, count);
            await group.ReadAsync<ReadOnlyMemory<char>>(field, cells.AsMemory(0, count), cancellationToken: cancellationToken);
            for (var i = 0; i < count; i++)
            {
                values[i] = TextOf(canonical, interner, cells[i].Span);
            }

            Array.Clear(cells, 0, count);
        }

        return values;
    }

    /// <summary>A reused array of at least <paramref name="count"/> elements, cleared of what the last read left.</summary>
    private static T[] Scratch<T>(Dictionary<Type, Array> scratch, int count)
    {
        if (scratch.TryGetValue(typeof(T), out var known) && known.Length >= count)
        {
            var array = (T[])known;
            Array.Clear(array, 0, count);
            return array;
        }

        var fresh = new T[count];
        scratch[typeof(T)] = fresh;
        return fresh;
    }

    private string? TextOf(string canonical, TextInterner? interner, ReadOnlySpan<char> cell) =>
        interner is not null ? interner.Get(cell) : _cells.Text(canonical, new string(cell));

    private async Task ReadBookedAtAsync(ParquetRowGroupReader group, SourceColumns columns, Dictionary<Type, Array> scratch, CancellationToken cancellationToken)
    {
        var field = Field(TransactionSchema.BookedAt)!;
        var target = columns.BookedAt;
        if (IsText(field.ClrType))
        {
            var text = (await ReadTextAsync(group, TransactionSchema.BookedAt, columns.Count, scratch, cancellationToken))!;
            for (var i = 0; i < columns.Count; i++)
            {
                target[i] = _cells.Timestamp(text[i]);
            }
        }
        else if (field.ClrType == typeof(DateTimeOffset))
        {
            var values = await ReadValuesAsync<DateTimeOffset>(group, field, columns.Count, scratch, cancellationToken);
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = values[i]?.UtcDateTime;
            }
        }
        else
        {
            await ReadValuesIntoAsync(group, field, target, columns.Count, scratch, cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                if (target[i] is { } t)
                {
                    // Timestamps adjusted to UTC, or local-less ones taken as UTC (documented in the contract).
                    target[i] = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);
                }
            }
        }
    }

    private async Task ReadAmountAsync(ParquetRowGroupReader group, SourceColumns columns, Dictionary<Type, Array> scratch, CancellationToken cancellationToken)
    {
        var field = Field(TransactionSchema.Amount)!;
        var target = columns.Amount;
        var type = field.ClrType;
        if (type == typeof(decimal))
        {
            await ReadValuesIntoAsync(group, field, target, columns.Count, scratch, cancellationToken);
        }
        else if (IsText(type))
        {
            var text = (await ReadTextAsync(group, TransactionSchema.Amount, columns.Count, scratch, cancellationToken))!;
            columns.AmountProblem = new string?[columns.Count];
            for (var i = 0; i < text.Length; i++)
            {
                target[i] = _cells.Amount(text[i], out columns.AmountProblem[i]);
            }
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            var values = type == typeof(double)
                ? await ReadValuesAsync<double>(group, field, columns.Count, scratch, cancellationToken)
                : Array.ConvertAll(await ReadValuesAsync<float>(group, field, columns.Count, scratch, cancellationToken), v => (double?)v);

            columns.AmountProblem = new string?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                target[i] = Amounts.FromDouble(values[i], out columns.AmountProblem[i]);
            }
        }
        else
        {
            var values = type == typeof(long)
                ? await ReadValuesAsync<long>(group, field, columns.Count, scratch, cancellationToken)
                : type == typeof(int)
                    ? Array.ConvertAll(await ReadValuesAsync<int>(group, field, columns.Count, scratch, cancellationToken), v => (long?)v)
                    : Array.ConvertAll(await ReadValuesAsync<short>(group, field, columns.Count, scratch, cancellationToken), v => (long?)v);

            for (var i = 0; i < values.Length; i++)
            {
                target[i] = values[i];
            }
        }
    }

    private async Task ReadLabelAsync(ParquetRowGroupReader group, SourceColumns columns, Dictionary<Type, Array> scratch, CancellationToken cancellationToken)
    {
        if (Field(ColumnMapping.IsLaundering) is not { } field)
        {
            return;
        }

        var labels = new bool?[columns.Count];
        if (field.ClrType == typeof(bool))
        {
            labels = await ReadValuesAsync<bool>(group, field, columns.Count, scratch, cancellationToken);
        }
        else if (IsText(field.ClrType))
        {
            var text = (await ReadTextAsync(group, ColumnMapping.IsLaundering, columns.Count, scratch, cancellationToken))!;
            for (var i = 0; i < text.Length; i++)
            {
                labels[i] = CellParser.Flag(text[i]);
            }
        }
        else
        {
            var values = field.ClrType == typeof(long)
                ? await ReadValuesAsync<long>(group, field, columns.Count, scratch, cancellationToken)
                : Array.ConvertAll(await ReadValuesAsync<int>(group, field, columns.Count, scratch, cancellationToken), v => (long?)v);
            for (var i = 0; i < values.Length; i++)
            {
                labels[i] = values[i] is { } v ? v != 0 : null;
            }
        }

        columns.IsLaundering = labels;
    }

    /// <summary>
    /// Reads a value column. A required column is read into a plain array first: Parquet.Net 6.1's overload for a
    /// nullable target was seen to return stale pooled values (null rows that are not null) on later reads in the
    /// same process, so it is used only where the column itself is optional.
    /// </summary>
    private static async Task<T?[]> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, int count, Dictionary<Type, Array> scratch, CancellationToken cancellationToken)
        where T : struct
    {
        var result = new T?[count];
        if (field.IsNullable)
        {
            await group.ReadAsync(field, result.AsMemory(), cancellationToken: cancellationToken);
            return result;
        }

        var values = Scratch<T>(scratch, count);
        await group.ReadAsync<T>(field, values.AsMemory(0, count), cancellationToken: cancellationToken);
        for (var i = 0; i < count; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    /// <summary>Reads a value column into <paramref name="target"/>[0, <paramref name="count"/>), as <see cref="ReadValuesAsync{T}"/> does.</summary>
    private static async Task ReadValuesIntoAsync<T>(
        ParquetRowGroupReader group, DataField field, T?[] target, int count, Dictionary<Type, Array> scratch, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            Array.Clear(target, 0, count);
            await group.ReadAsync(field, target.AsMemory(0, count), cancellationToken: cancellationToken);
            return;
        }

        var values = Scratch<T>(scratch, count);
        await group.ReadAsync<T>(field, values.AsMemory(0, count), cancellationToken: cancellationToken);
        for (var i = 0; i < count; i++)
        {
            target[i] = values[i];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pages?.Dispose();
        await _reader.DisposeAsync();
        await _stream.DisposeAsync();
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        if (_secondStream is not null)
        {
            await _secondStream.DisposeAsync();
        }
    }
}
