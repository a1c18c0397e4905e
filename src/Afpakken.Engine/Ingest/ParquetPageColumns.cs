using System.Text;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;
using Parquet.Schema;
using FileMetaData = Parquet.Meta.FileMetaData;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// The fast path of <see cref="ParquetTransactionReader"/>: a row group's columns decoded by our own page decoder
/// (<see cref="ParquetColumnDecoder"/>) into UTF-8 buffers, then turned into <see cref="SourceColumns"/> with the same
/// conversions as the Parquet.Net path, without an object per cell. Ids are widened into character buffers of this
/// reader that are refilled for the next row group (the curated append copies what it keeps); code columns become
/// one string per distinct value (a dictionary-encoded column costs one lookup per dictionary entry).
/// Used only for files whose every mapped column it can convert (<see cref="TryCreate"/>); the columns of a row group
/// are decoded in two lanes on a machine with two cores or more.
/// </summary>
internal sealed class ParquetPageColumns : IDisposable
{
    private readonly ParquetColumnFile _file;
    private readonly ParquetLeafColumn?[] _columns;
    private readonly DataField?[] _fields;
    private readonly ColumnMapping _mapping;
    private readonly CellParser _cells;
    private readonly TextInterner?[] _interners;
    private readonly Lane[] _lanes;

    private ParquetPageColumns(
        ParquetColumnFile file, ParquetLeafColumn?[] columns, DataField?[] fields, ColumnMapping mapping, CellParser cells, TextInterner?[] interners)
    {
        _file = file;
        _columns = columns;
        _fields = fields;
        _mapping = mapping;
        _cells = cells;
        _interners = interners;
        _lanes = [new Lane(file.CreateDecoder()), new Lane(file.CreateDecoder())];
    }

    public bool Parallel { get; init; }

    /// <summary>
    /// The fast path for <paramref name="file"/>, or null with <paramref name="reason"/> when one of its mapped
    /// columns is laid out or typed in a way only Parquet.Net reads (the caller then uses Parquet.Net).
    /// </summary>
    public static ParquetPageColumns? TryCreate(
        string file, FileMetaData metadata, DataField?[] fields, ColumnMapping mapping, CellParser cells, TextInterner?[] interners, out string? reason)
    {
        var pages = ParquetColumnFile.Open(file, metadata);
        var columns = new ParquetLeafColumn?[fields.Length];
        reason = null;
        for (var i = 0; i < fields.Length && reason is null; i++)
        {
            if (fields[i] is not { } field)
            {
                continue;
            }

            var column = pages.Columns.FirstOrDefault(c => !c.IsNested && c.Name == field.Name);
            reason = column is null
                ? $"column '{field.Name}' not found among the leaf columns"
                : pages.Unsupported(column) is { } why
                    ? $"column '{field.Name}': {why}"
                    : Unconvertible(ColumnMapping.Fields[i], field, column) is { } type ? $"column '{field.Name}': {type}" : null;
            columns[i] = column;
        }

        if (reason is not null)
        {
            pages.Dispose();
            return null;
        }

        return new ParquetPageColumns(pages, columns, fields, mapping, cells, interners) { Parallel = Environment.ProcessorCount >= 2 };
    }

    /// <summary>Why the fast path cannot convert <paramref name="column"/> as the Parquet.Net path would (null: it can).</summary>
    private static string? Unconvertible(string canonical, DataField field, ParquetLeafColumn column)
    {
        var physical = column.PhysicalType;
        var type = field.ClrType;
        var text = type == typeof(string) || type == typeof(ReadOnlyMemory<char>);
        var ok = canonical switch
        {
            TransactionSchema.BookedAt => text
                ? physical == Parquet.Meta.Type.BYTE_ARRAY
                : type == typeof(DateTime) && physical == Parquet.Meta.Type.INT64 && column.TimestampTicksPerUnit != 0,
            TransactionSchema.Amount => text
                ? physical == Parquet.Meta.Type.BYTE_ARRAY
                : type == typeof(decimal)
                    ? physical is Parquet.Meta.Type.INT64 or Parquet.Meta.Type.INT32 && column.DecimalScale is >= 0 and <= 28
                    : (type == typeof(long) && physical == Parquet.Meta.Type.INT64)
                      || ((type == typeof(int) || type == typeof(short)) && physical == Parquet.Meta.Type.INT32)
                      || (type == typeof(double) && physical == Parquet.Meta.Type.DOUBLE)
                      || (type == typeof(float) && physical == Parquet.Meta.Type.FLOAT),
            ColumnMapping.IsLaundering => text
                ? physical == Parquet.Meta.Type.BYTE_ARRAY
                : (type == typeof(bool) && physical == Parquet.Meta.Type.BOOLEAN)
                  || (type == typeof(long) && physical == Parquet.Meta.Type.INT64)
                  || (type == typeof(int) && physical == Parquet.Meta.Type.INT32),
            _ => text && physical == Parquet.Meta.Type.BYTE_ARRAY,
        };
        return ok ? null : $"{physical} read as {type.Name}";
    }

    private ParquetLeafColumn? Column(string canonical) => _columns[ColumnMapping.FieldIndex(canonical)];

    /// <summary>Decodes row group <paramref name="rowGroup"/> into <paramref name="columns"/> (sized for its rows).</summary>
    /// <exception cref="ParquetFormatException">A chunk is corrupt or truncated.</exception>
    /// <exception cref="ParquetUnsupportedException">A page uses what the decoder does not read; nothing of it was used.</exception>
    public async Task ReadAsync(int rowGroup, SourceColumns columns, CancellationToken cancellationToken)
    {
        var count = columns.Count;
        void First()
        {
            var lane = _lanes[0];
            columns.TxId = ReadIds(lane, rowGroup, TransactionSchema.TxId, count, columns.TxId);
            ReadBookedAt(lane, rowGroup, columns);
            ReadAmount(lane, rowGroup, columns);
            columns.Currency = ReadText(lane, rowGroup, TransactionSchema.Currency, count, columns.Currency);
            columns.Channel = ReadText(lane, rowGroup, TransactionSchema.Channel, count, columns.Channel);
            columns.Typology = ReadText(lane, rowGroup, ColumnMapping.Typology, count, columns.Typology);
            ReadLabel(lane, rowGroup, columns);
        }

        void Second()
        {
            var lane = _lanes[1];
            columns.FromAccount = ReadIds(lane, rowGroup, TransactionSchema.FromAccount, count, columns.FromAccount) ?? new ReadOnlyMemory<char>[count];
            columns.ToAccount = ReadIds(lane, rowGroup, TransactionSchema.ToAccount, count, columns.ToAccount) ?? new ReadOnlyMemory<char>[count];
            columns.FromBank = ReadText(lane, rowGroup, TransactionSchema.FromBank, count, columns.FromBank);
            columns.ToBank = ReadText(lane, rowGroup, TransactionSchema.ToBank, count, columns.ToBank);
            columns.Description = ReadText(lane, rowGroup, TransactionSchema.Description, count, columns.Description);
        }

        if (Parallel)
        {
            await Task.WhenAll(Task.Run(First, cancellationToken), Task.Run(Second, cancellationToken));
        }
        else
        {
            First();
            Second();
        }
    }

    /// <summary>
    /// An id column as characters in the lane's buffer for it (valid until the next row group); a null cell is an
    /// empty id. Ids the mapping translates are strings, as on the Parquet.Net path.
    /// </summary>
    private ReadOnlyMemory<char>[]? ReadIds(Lane lane, int rowGroup, string canonical, int count, ReadOnlyMemory<char>[]? reuse)
    {
        if (Column(canonical) is not { } column)
        {
            return null;
        }

        var text = lane.Text;
        lane.Decoder.ReadBytes(rowGroup, column, text);
        var ids = reuse is not null && reuse.Length >= count ? reuse : new ReadOnlyMemory<char>[count];
        if (_mapping.Values.ContainsKey(canonical))
        {
            for (var i = 0; i < count; i++)
            {
                ids[i] = text.IsNull(i) ? default : _cells.Text(canonical, Encoding.UTF8.GetString(text[i])).AsMemory();
            }

            return ids;
        }

        if (text.Dictionary is { } dictionary)
        {
            var entries = Widen(lane, canonical, dictionary);
            var indices = text.Indices;
            for (var i = 0; i < count; i++)
            {
                ids[i] = indices[i] < 0 ? default : entries[indices[i]];
            }

            return ids;
        }

        var data = text.Data;
        var offsets = text.Offsets;
        var chars = lane.Chars(canonical, data.Length);
        if (System.Text.Ascii.IsValid(data))
        {
            // The common case: one vectorised widening of the whole column, then slices at the byte offsets.
            System.Text.Ascii.ToUtf16(data, chars, out _);
            for (var i = 0; i < count; i++)
            {
                ids[i] = new ReadOnlyMemory<char>(chars, offsets[i], offsets[i + 1] - offsets[i]);
            }

            return ids;
        }

        // UTF-8 never decodes to more chars than it has bytes; invalid bytes become U+FFFD, as with Parquet.Net.
        var used = 0;
        for (var i = 0; i < count; i++)
        {
            var length = Encoding.UTF8.GetChars(data[offsets[i]..offsets[i + 1]], chars.AsSpan(used));
            ids[i] = new ReadOnlyMemory<char>(chars, used, length);
            used += length;
        }

        return ids;
    }

    /// <summary>The entries of a dictionary as characters in the lane's buffer.</summary>
    private static ReadOnlyMemory<char>[] Widen(Lane lane, string canonical, Utf8Column dictionary)
    {
        var chars = lane.Chars(canonical, dictionary.Data.Length);
        var entries = lane.Entries(dictionary.Count);
        var used = 0;
        for (var e = 0; e < dictionary.Count; e++)
        {
            var length = Encoding.UTF8.GetChars(dictionary[e], chars.AsSpan(used));
            entries[e] = new ReadOnlyMemory<char>(chars, used, length);
            used += length;
        }

        return entries;
    }

    /// <summary>A text column as strings, translated through the mapping, one string per distinct value where interned.</summary>
    private string?[]? ReadText(Lane lane, int rowGroup, string canonical, int count, string?[]? reuse = null)
    {
        if (Column(canonical) is not { } column)
        {
            return null;
        }

        var text = lane.Text;
        lane.Decoder.ReadBytes(rowGroup, column, text);
        var values = reuse is not null && reuse.Length >= count ? reuse : new string?[count];
        var interner = _interners[ColumnMapping.FieldIndex(canonical)];
        if (text.Dictionary is { } dictionary)
        {
            var entries = lane.Strings(dictionary.Count);
            for (var e = 0; e < dictionary.Count; e++)
            {
                entries[e] = TextOf(canonical, interner, dictionary[e]);
            }

            var indices = text.Indices;
            for (var i = 0; i < count; i++)
            {
                values[i] = indices[i] < 0 ? null : entries[indices[i]];
            }

            Array.Clear(entries, 0, dictionary.Count);
            return values;
        }

        for (var i = 0; i < count; i++)
        {
            values[i] = text.IsNull(i) ? null : TextOf(canonical, interner, text[i]);
        }

        return values;
    }

    private string? TextOf(string canonical, TextInterner? interner, ReadOnlySpan<byte> utf8)
    {
        if (interner is null || utf8.Length > 256)
        {
            var text = Encoding.UTF8.GetString(utf8);
            return interner is not null ? interner.Get(text) : _cells.Text(canonical, text);
        }

        Span<char> chars = stackalloc char[256];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return interner.Get(chars[..length]);
    }

    private void ReadBookedAt(Lane lane, int rowGroup, SourceColumns columns)
    {
        var column = Column(TransactionSchema.BookedAt)!;
        var target = columns.BookedAt;
        if (column.PhysicalType == Parquet.Meta.Type.BYTE_ARRAY)
        {
            var text = ReadText(lane, rowGroup, TransactionSchema.BookedAt, columns.Count)!;
            for (var i = 0; i < columns.Count; i++)
            {
                target[i] = _cells.Timestamp(text[i]);
            }

            return;
        }

        // As Parquet.Net reads them: timestamps adjusted to UTC are UTC; others come as local clock readings,
        // which the Parquet.Net path converts to UTC (ToUniversalTime on a Local DateTime).
        var values = lane.Longs;
        lane.Decoder.ReadValues(rowGroup, column, values);
        var perUnit = column.TimestampTicksPerUnit;
        var adjusted = column.Element.LogicalType?.TIMESTAMP?.IsAdjustedToUTC ?? true;
        var raw = values.Values;
        for (var i = 0; i < columns.Count; i++)
        {
            if (values.IsNull(i))
            {
                target[i] = null;
                continue;
            }

            var ticks = perUnit > 0 ? checked(raw[i] * perUnit) : raw[i] / -perUnit;
            var utc = checked(DateTime.UnixEpoch.Ticks + ticks);
            if (utc is < 0 || utc > DateTime.MaxValue.Ticks)
            {
                throw new InvalidDataException($"timestamp {raw[i]} out of range");
            }

            target[i] = adjusted
                ? new DateTime(utc, DateTimeKind.Utc)
                : new DateTime(utc, DateTimeKind.Local).ToUniversalTime();
        }
    }

    private void ReadAmount(Lane lane, int rowGroup, SourceColumns columns)
    {
        var column = Column(TransactionSchema.Amount)!;
        var field = _fields[ColumnMapping.FieldIndex(TransactionSchema.Amount)]!;
        var target = columns.Amount;
        var count = columns.Count;
        var type = field.ClrType;
        if (column.PhysicalType == Parquet.Meta.Type.BYTE_ARRAY)
        {
            var text = ReadText(lane, rowGroup, TransactionSchema.Amount, count)!;
            columns.AmountProblem = new string?[count];
            for (var i = 0; i < count; i++)
            {
                target[i] = _cells.Amount(text[i], out columns.AmountProblem[i]);
            }
        }
        else if (column.PhysicalType is Parquet.Meta.Type.DOUBLE or Parquet.Meta.Type.FLOAT)
        {
            columns.AmountProblem = new string?[count];
            if (column.PhysicalType == Parquet.Meta.Type.DOUBLE)
            {
                var values = lane.Doubles;
                lane.Decoder.ReadValues(rowGroup, column, values);
                for (var i = 0; i < count; i++)
                {
                    target[i] = Amounts.FromDouble(values[i], out columns.AmountProblem[i]);
                }
            }
            else
            {
                var values = lane.Floats;
                lane.Decoder.ReadValues(rowGroup, column, values);
                for (var i = 0; i < count; i++)
                {
                    target[i] = Amounts.FromDouble(values[i], out columns.AmountProblem[i]);
                }
            }
        }
        else
        {
            var scale = type == typeof(decimal) ? column.DecimalScale : -1;
            for (var i = 0; i < count; i++)
            {
                target[i] = null;
            }

            if (column.PhysicalType == Parquet.Meta.Type.INT64)
            {
                var values = lane.Longs;
                lane.Decoder.ReadValues(rowGroup, column, values);
                var raw = values.Values;
                for (var i = 0; i < count; i++)
                {
                    if (!values.IsNull(i))
                    {
                        target[i] = scale >= 0 ? Scaled(raw[i], scale) : raw[i];
                    }
                }
            }
            else
            {
                var values = lane.Ints;
                lane.Decoder.ReadValues(rowGroup, column, values);
                var raw = values.Values;
                for (var i = 0; i < count; i++)
                {
                    if (!values.IsNull(i))
                    {
                        target[i] = scale >= 0 ? Scaled(raw[i], scale) : raw[i];
                    }
                }
            }
        }
    }

    /// <summary>An unscaled decimal as Parquet.Net gives it: the stored scale kept (1.00, not 1).</summary>
    private static decimal Scaled(long unscaled, int scale)
    {
        var negative = unscaled < 0;
        var magnitude = negative ? (ulong)-(unscaled + 1) + 1 : (ulong)unscaled;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, negative, (byte)scale);
    }

    private void ReadLabel(Lane lane, int rowGroup, SourceColumns columns)
    {
        if (Column(ColumnMapping.IsLaundering) is not { } column)
        {
            return;
        }

        var count = columns.Count;
        var labels = new bool?[count];
        switch (column.PhysicalType)
        {
            case Parquet.Meta.Type.BOOLEAN:
                {
                    var values = lane.Bools;
                    lane.Decoder.ReadValues(rowGroup, column, values);
                    for (var i = 0; i < count; i++)
                    {
                        labels[i] = values[i];
                    }

                    break;
                }

            case Parquet.Meta.Type.BYTE_ARRAY:
                {
                    var text = ReadText(lane, rowGroup, ColumnMapping.IsLaundering, count)!;
                    for (var i = 0; i < count; i++)
                    {
                        labels[i] = CellParser.Flag(text[i]);
                    }

                    break;
                }

            case Parquet.Meta.Type.INT64:
                {
                    var values = lane.Longs;
                    lane.Decoder.ReadValues(rowGroup, column, values);
                    for (var i = 0; i < count; i++)
                    {
                        labels[i] = values[i] is { } v ? v != 0 : null;
                    }

                    break;
                }

            default:
                {
                    var values = lane.Ints;
                    lane.Decoder.ReadValues(rowGroup, column, values);
                    for (var i = 0; i < count; i++)
                    {
                        labels[i] = values[i] is { } v ? v != 0 : null;
                    }

                    break;
                }
        }

        columns.IsLaundering = labels;
    }

    public void Dispose() => _file.Dispose();

    /// <summary>One decoding lane: its decoder and its reusable targets.</summary>
    private sealed class Lane(ParquetColumnDecoder decoder)
    {
        private readonly Dictionary<string, char[]> _chars = new(StringComparer.Ordinal);
        private ReadOnlyMemory<char>[] _entries = [];
        private string?[] _strings = [];

        public ParquetColumnDecoder Decoder { get; } = decoder;
        public Utf8Column Text { get; } = new();
        public ValueColumn<long> Longs { get; } = new();
        public ValueColumn<int> Ints { get; } = new();
        public ValueColumn<double> Doubles { get; } = new();
        public ValueColumn<float> Floats { get; } = new();
        public ValueColumn<bool> Bools { get; } = new();

        /// <summary>The character buffer of an id column, for at least <paramref name="length"/> chars (refilled each row group).</summary>
        public char[] Chars(string canonical, int length)
        {
            if (!_chars.TryGetValue(canonical, out var chars) || chars.Length < length)
            {
                chars = new char[Math.Max(length, (chars?.Length ?? 0) * 5 / 4)];
                _chars[canonical] = chars;
            }

            return chars;
        }

        public ReadOnlyMemory<char>[] Entries(int count) => _entries.Length >= count ? _entries : _entries = new ReadOnlyMemory<char>[count];

        public string?[] Strings(int count) => _strings.Length >= count ? _strings : _strings = new string?[count];
    }
}
