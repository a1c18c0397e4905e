using System.Buffers.Binary;
using System.Text;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Writes canonical transaction rows into one Parquet file of the curated dataset, a row group per call, in the
/// contract's schema (<see cref="TransactionSchema.Parquet"/>): tx_id, accounts, currency, channel UTF-8 strings,
/// booked_at TIMESTAMP(MICROS, UTC), amount DECIMAL(18,2) as INT64, banks and description optional strings.
/// Encoded here rather than by Parquet.Net: one data page (v1) per column chunk, Snappy, ids written from their
/// characters straight to UTF-8 — no string per cell, no string statistics; PLAIN, except the code columns of a row
/// group with few distinct values, which get a dictionary page and bit-packed indices. Chunks carry null counts, and
/// booked_at and amount their min/max. Amounts are truncated to two decimals as Parquet.Net does.
/// </summary>
internal sealed class CuratedPartWriter : IAsyncDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly FileStream _stream;
    private readonly List<RowGroupInfo> _rowGroups = [];
    private readonly ThriftCompactWriter _thrift = new();
    private byte[] _body = new byte[1 << 16];
    private int _bodyLength;
    private byte[] _compressed = [];
    private bool _closed;

    private CuratedPartWriter(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public DateTime MinBookedAt { get; private set; } = DateTime.MaxValue;

    public DateTime MaxBookedAt { get; private set; } = DateTime.MinValue;

    /// <param name="Offset">Where the chunk starts: its dictionary page if it has one (<paramref name="DataOffset"/> otherwise).</param>
    private sealed record ColumnInfo(
        string Name, int Type, long Offset, long DataOffset, long Compressed, long Uncompressed, long Nulls, byte[]? Min, byte[]? Max)
    {
        public bool HasDictionary => Offset != DataOffset;
    }

    private sealed record RowGroupInfo(long Rows, List<ColumnInfo> Columns);

    // parquet.thrift numbers
    private const int Int64Type = 2;
    private const int ByteArrayType = 6;

    public static async Task<CuratedPartWriter> CreateAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        await stream.WriteAsync(Magic, cancellationToken);
        return new CuratedPartWriter(path, stream);
    }

    public Task WriteRowGroupAsync(TransactionBatch batch, CancellationToken cancellationToken) =>
        WriteRowGroupAsync(CuratedRows.From(batch), cancellationToken);

    /// <summary>Encodes and writes the rows as one row group (synchronously: the caller runs it on its writer task).</summary>
    public Task WriteRowGroupAsync(CuratedRows batch, CancellationToken cancellationToken)
    {
        var n = batch.Count;
        if (n == 0)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        long minMicros = long.MaxValue, maxMicros = long.MinValue, minAmount = long.MaxValue, maxAmount = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            var t = batch.BookedAt[i];
            MinBookedAt = t < MinBookedAt ? t : MinBookedAt;
            MaxBookedAt = t > MaxBookedAt ? t : MaxBookedAt;
        }

        var columns = new List<ColumnInfo>(10)
        {
            Strings(TransactionSchema.TxId, batch.TxId.AsSpan(0, n)),
            Timestamps(batch.BookedAt.AsSpan(0, n), ref minMicros, ref maxMicros),
            Strings(TransactionSchema.FromAccount, batch.FromAccount.AsSpan(0, n)),
            Strings(TransactionSchema.ToAccount, batch.ToAccount.AsSpan(0, n)),
            Amounts(batch.Amount.AsSpan(0, n), ref minAmount, ref maxAmount),
            Strings(TransactionSchema.Currency, batch.Currency.AsSpan(0, n)!, optional: false),
            Strings(TransactionSchema.Channel, batch.Channel.AsSpan(0, n)!, optional: false),
            Strings(TransactionSchema.FromBank, batch.FromBank.AsSpan(0, n), optional: true),
            Strings(TransactionSchema.ToBank, batch.ToBank.AsSpan(0, n), optional: true),
            Strings(TransactionSchema.Description, batch.Description.AsSpan(0, n), optional: true),
        };
        _rowGroups.Add(new RowGroupInfo(n, columns));
        Rows += n;
        return Task.CompletedTask;
    }

    private ColumnInfo Strings(string name, ReadOnlySpan<ReadOnlyMemory<char>> values)
    {
        _bodyLength = 0;
        foreach (var value in values)
        {
            AppendUtf8(value.Span);
        }

        return WritePage(name, ByteArrayType, values.Length, nulls: 0, null, null);
    }

    // Code columns (currency, channel, banks, description) repeat a few strings: dictionary-encoded while a row
    // group has at most this many distinct ones (by reference: the readers intern them), else PLAIN.
    private const int MaxDictionary = 1 << 12;
    private readonly Dictionary<string, int> _dictionary = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _entries = [];
    private int[] _indices = [];

    private ColumnInfo Strings(string name, ReadOnlySpan<string?> values, bool optional)
    {
        // The dictionary (by string reference) and an index per defined row, if the distinct values are few.
        _dictionary.Clear();
        _entries.Clear();
        if (_indices.Length < values.Length)
        {
            _indices = new int[values.Length];
        }

        var defined = 0;
        var limit = Math.Min(MaxDictionary, Math.Max(1, values.Length / 4));
        string? last = null;
        var lastIndex = -1;
        foreach (var value in values)
        {
            if (value is null)
            {
                if (!optional)
                {
                    throw new InvalidOperationException($"curated column '{name}' may not be null");
                }

                continue;
            }

            if (!ReferenceEquals(value, last))
            {
                if (!_dictionary.TryGetValue(value, out lastIndex))
                {
                    if (_entries.Count == limit)
                    {
                        return PlainStrings(name, values, optional);
                    }

                    lastIndex = _entries.Count;
                    _dictionary[value] = lastIndex;
                    _entries.Add(value);
                }

                last = value;
            }

            _indices[defined++] = lastIndex;
        }

        if (_entries.Count == 0)
        {
            return PlainStrings(name, values, optional);
        }

        // Dictionary page: the entries, PLAIN.
        _bodyLength = 0;
        foreach (var entry in _entries)
        {
            AppendUtf8(entry);
        }

        var (dictionaryOffset, dictionaryCompressed, dictionaryUncompressed) = WritePageBytes(dictionaryPage: true, _entries.Count, PlainDictionary);

        // Data page: definition levels, then the bit width and the indices as one bit-packed run.
        _bodyLength = 0;
        var nulls = optional ? DefinitionLevels(values) : 0;
        var bitWidth = Math.Max(1, 32 - int.LeadingZeroCount(_entries.Count - 1));
        Reserve(1);
        _body[_bodyLength++] = (byte)bitWidth;
        var groups = (defined + 7) / 8;
        Varint(((ulong)groups << 1) | 1);
        var packedBytes = groups * bitWidth;
        Reserve(packedBytes);
        var packed = _body.AsSpan(_bodyLength, packedBytes);
        packed.Clear();
        ulong buffer = 0;
        var bits = 0;
        var at = 0;
        for (var i = 0; i < defined; i++)
        {
            buffer |= (ulong)(uint)_indices[i] << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                packed[at++] = (byte)buffer;
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            packed[at] = (byte)buffer;
        }

        _bodyLength += packedBytes;
        var (dataOffset, dataCompressed, dataUncompressed) = WritePageBytes(dictionaryPage: false, values.Length, PlainDictionary);
        return new ColumnInfo(
            name, ByteArrayType, dictionaryOffset, dataOffset, dictionaryCompressed + dataCompressed, dictionaryUncompressed + dataUncompressed, nulls, null, null);
    }

    /// <summary>Definition levels (bit width 1) as RLE runs after a 4-byte length; returns the nulls.</summary>
    private int DefinitionLevels(ReadOnlySpan<string?> values)
    {
        var nulls = 0;
        Reserve(4);
        var start = _bodyLength;
        _bodyLength += 4;
        var i = 0;
        while (i < values.Length)
        {
            var defined = values[i] is not null;
            var run = 1;
            while (i + run < values.Length && (values[i + run] is not null) == defined)
            {
                run++;
            }

            Varint((ulong)run << 1);
            Reserve(1);
            _body[_bodyLength++] = defined ? (byte)1 : (byte)0;
            nulls += defined ? 0 : run;
            i += run;
        }

        BinaryPrimitives.WriteInt32LittleEndian(_body.AsSpan(start), _bodyLength - start - 4);
        return nulls;
    }

    private ColumnInfo PlainStrings(string name, ReadOnlySpan<string?> values, bool optional)
    {
        _bodyLength = 0;
        var nulls = optional ? DefinitionLevels(values) : 0;
        foreach (var value in values)
        {
            if (value is not null)
            {
                AppendUtf8(value);
            }
            else if (!optional)
            {
                throw new InvalidOperationException($"curated column '{name}' may not be null");
            }
        }

        return WritePage(name, ByteArrayType, values.Length, nulls, null, null);
    }

    private ColumnInfo Timestamps(ReadOnlySpan<DateTime> values, ref long min, ref long max)
    {
        _bodyLength = 0;
        Reserve(values.Length * 8);
        var target = _body.AsSpan(0, values.Length * 8);
        for (var i = 0; i < values.Length; i++)
        {
            // UTC microseconds since the epoch (ticks are 100 ns), truncated as Parquet.Net does.
            var micros = (values[i].Ticks - DateTime.UnixEpoch.Ticks) / 10;
            min = Math.Min(min, micros);
            max = Math.Max(max, micros);
            BinaryPrimitives.WriteInt64LittleEndian(target[(i * 8)..], micros);
        }

        _bodyLength = values.Length * 8;
        return WritePage(TransactionSchema.BookedAt, Int64Type, values.Length, 0, LittleEndian(min), LittleEndian(max));
    }

    private ColumnInfo Amounts(ReadOnlySpan<decimal> values, ref long min, ref long max)
    {
        _bodyLength = 0;
        Reserve(values.Length * 8);
        var target = _body.AsSpan(0, values.Length * 8);
        for (var i = 0; i < values.Length; i++)
        {
            var unscaled = decimal.ToInt64(decimal.Truncate(values[i] * 100m));
            min = Math.Min(min, unscaled);
            max = Math.Max(max, unscaled);
            BinaryPrimitives.WriteInt64LittleEndian(target[(i * 8)..], unscaled);
        }

        _bodyLength = values.Length * 8;
        return WritePage(TransactionSchema.Amount, Int64Type, values.Length, 0, LittleEndian(min), LittleEndian(max));
    }

    private static byte[] LittleEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private void AppendUtf8(ReadOnlySpan<char> text)
    {
        Reserve(4 + (text.Length * 3));
        var length = Encoding.UTF8.GetBytes(text, _body.AsSpan(_bodyLength + 4));
        BinaryPrimitives.WriteInt32LittleEndian(_body.AsSpan(_bodyLength), length);
        _bodyLength += 4 + length;
    }

    private void Varint(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _body[_bodyLength++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _body[_bodyLength++] = (byte)value;
    }

    private void Reserve(int more)
    {
        if (_bodyLength + more > _body.Length)
        {
            Array.Resize(ref _body, Math.Max(_body.Length * 2, _bodyLength + more));
        }
    }

    private const int PlainEncoding = 0;
    private const int PlainDictionary = 2;

    /// <summary>A chunk of one PLAIN data page: compresses the page body, writes header and page, returns the chunk's metadata.</summary>
    private ColumnInfo WritePage(string name, int type, int values, long nulls, byte[]? min, byte[]? max)
    {
        var (offset, compressed, uncompressed) = WritePageBytes(dictionaryPage: false, values, PlainEncoding);
        return new ColumnInfo(name, type, offset, offset, compressed, uncompressed, nulls, min, max);
    }

    /// <summary>Compresses the page body and writes header and page: its offset and sizes with the header.</summary>
    private (long Offset, long Compressed, long Uncompressed) WritePageBytes(bool dictionaryPage, int values, int encoding)
    {
        var bound = Snappier.Snappy.GetMaxCompressedLength(_bodyLength);
        if (_compressed.Length < bound)
        {
            _compressed = new byte[bound];
        }

        var compressed = Snappier.Snappy.Compress(_body.AsSpan(0, _bodyLength), _compressed);
        var header = _thrift;
        header.Reset();
        header.I32(1, dictionaryPage ? 2 : 0); // DICTIONARY_PAGE or DATA_PAGE
        header.I32(2, _bodyLength);
        header.I32(3, compressed);
        if (dictionaryPage)
        {
            header.BeginStruct(7);
            header.I32(1, values);
            header.I32(2, encoding);
            header.EndStruct();
        }
        else
        {
            header.BeginStruct(5);
            header.I32(1, values);
            header.I32(2, encoding);
            header.I32(3, 3); // RLE definition levels
            header.I32(4, 3); // RLE repetition levels
            header.EndStruct();
        }

        header.End();
        var offset = _stream.Position;
        _stream.Write(header.Written);
        _stream.Write(_compressed.AsSpan(0, compressed));
        return (offset, header.Length + compressed, header.Length + _bodyLength);
    }

    /// <summary>Writes the footer: the schema, the row groups and their column chunks.</summary>
    private void WriteFooter()
    {
        var w = _thrift;
        w.Reset();
        w.I32(1, 1); // version
        w.BeginList(2, ThriftCompactReader.Struct, 11);
        w.BeginStructValue();
        w.String(4, "schema");
        w.I32(5, 10);
        w.EndStruct();
        SchemaString(w, TransactionSchema.TxId, optional: false);
        w.BeginStructValue();
        w.I32(1, Int64Type);
        w.I32(3, 0);
        w.String(4, TransactionSchema.BookedAt);
        w.I32(6, 10); // TIMESTAMP_MICROS
        w.BeginStruct(10);
        w.BeginStruct(8); // TIMESTAMP
        w.Bool(1, true);
        w.BeginStruct(2);
        w.BeginStruct(2); // MICROS
        w.EndStruct();
        w.EndStruct();
        w.EndStruct();
        w.EndStruct();
        w.EndStruct();
        SchemaString(w, TransactionSchema.FromAccount, optional: false);
        SchemaString(w, TransactionSchema.ToAccount, optional: false);
        w.BeginStructValue();
        w.I32(1, Int64Type);
        w.I32(3, 0);
        w.String(4, TransactionSchema.Amount);
        w.I32(6, 5); // DECIMAL
        w.I32(7, TransactionSchema.AmountScale);
        w.I32(8, TransactionSchema.AmountPrecision);
        w.BeginStruct(10);
        w.BeginStruct(5); // DECIMAL
        w.I32(1, TransactionSchema.AmountScale);
        w.I32(2, TransactionSchema.AmountPrecision);
        w.EndStruct();
        w.EndStruct();
        w.EndStruct();
        SchemaString(w, TransactionSchema.Currency, optional: false);
        SchemaString(w, TransactionSchema.Channel, optional: false);
        SchemaString(w, TransactionSchema.FromBank, optional: true);
        SchemaString(w, TransactionSchema.ToBank, optional: true);
        SchemaString(w, TransactionSchema.Description, optional: true);

        w.I64(3, Rows);
        w.BeginList(4, ThriftCompactReader.Struct, _rowGroups.Count);
        foreach (var group in _rowGroups)
        {
            w.BeginStructValue();
            w.BeginList(1, ThriftCompactReader.Struct, group.Columns.Count);
            foreach (var column in group.Columns)
            {
                w.BeginStructValue();
                w.I64(2, column.Offset);
                w.BeginStruct(3);
                w.I32(1, column.Type);
                w.BeginList(2, ThriftCompactReader.I32, column.HasDictionary ? 3 : 2);
                if (column.HasDictionary)
                {
                    w.I32Value(PlainDictionary);
                }

                w.I32Value(PlainEncoding);
                w.I32Value(3); // RLE
                w.BeginList(3, ThriftCompactReader.Binary, 1);
                w.StringValue(column.Name);
                w.I32(4, 1); // SNAPPY
                w.I64(5, group.Rows);
                w.I64(6, column.Uncompressed);
                w.I64(7, column.Compressed);
                w.I64(9, column.DataOffset);
                if (column.HasDictionary)
                {
                    w.I64(11, column.Offset);
                }

                w.BeginStruct(12);
                w.I64(3, column.Nulls);
                if (column.Max is not null && column.Min is not null)
                {
                    w.Binary(5, column.Max);
                    w.Binary(6, column.Min);
                }

                w.EndStruct();
                w.EndStruct();
                w.EndStruct();
            }

            w.I64(2, group.Columns.Sum(c => c.Uncompressed));
            w.I64(3, group.Rows);
            w.I64(5, group.Columns[0].Offset);
            w.I64(6, group.Columns.Sum(c => c.Compressed));
            w.EndStruct();
        }

        w.String(6, "afpakken version 1.0.0 (curated part writer)");

        // Column orders (TypeDefinedOrder for each of the ten columns): without them readers may not trust min/max.
        w.BeginList(7, ThriftCompactReader.Struct, 10);
        for (var i = 0; i < 10; i++)
        {
            w.BeginStructValue();
            w.BeginStruct(1);
            w.EndStruct();
            w.EndStruct();
        }

        w.End();
        _stream.Write(w.Written);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, w.Length);
        _stream.Write(length);
        _stream.Write(Magic);
    }

    private static void SchemaString(ThriftCompactWriter w, string name, bool optional)
    {
        w.BeginStructValue();
        w.I32(1, ByteArrayType);
        w.I32(3, optional ? 1 : 0);
        w.String(4, name);
        w.I32(6, 0); // UTF8
        w.BeginStruct(10);
        w.BeginStruct(1); // STRING
        w.EndStruct();
        w.EndStruct();
        w.EndStruct();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            WriteFooter();
            _stream.Flush(flushToDisk: true); // a part is on disk before the manifest that lists it
        }

        await _stream.DisposeAsync();
    }
}
