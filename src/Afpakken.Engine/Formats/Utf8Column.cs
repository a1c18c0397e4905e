namespace Afpakken.Engine.Formats;

/// <summary>
/// One column chunk of byte strings (Parquet BYTE_ARRAY, or FIXED_LEN_BYTE_ARRAY) as decoded, without an object per
/// cell: either flat — the bytes of all rows back to back in <see cref="Data"/>, row <c>i</c> at
/// [<see cref="Offsets"/>[i], <see cref="Offsets"/>[i + 1]) — or, when every page of the chunk was dictionary-encoded,
/// a <see cref="Dictionary"/> of distinct values and one index into it per row (<see cref="Indices"/>).
/// A null cell has no bytes (flat) or index −1 (dictionary); <see cref="IsNull"/> tells it from an empty string.
/// The buffers are reused when the column is refilled, so a span handed out is valid until the next read into it.
/// The bytes are not checked: a text column may hold invalid UTF-8.
/// </summary>
public sealed class Utf8Column
{
    private byte[] _data = [];
    private int[] _offsets = [0];
    private int[] _indices = [];
    private bool[] _nulls = [];
    private Utf8Column? _dictionary;
    private int _dataLength;

    /// <summary>Rows in the column.</summary>
    public int Count { get; private set; }

    /// <summary>True when at least one row is null.</summary>
    public bool HasNulls { get; private set; }

    /// <summary>The distinct values the rows index (dictionary form), or null when the column is flat.</summary>
    public Utf8Column? Dictionary => _dictionary is { } d && IsDictionaryForm ? d : null;

    private bool IsDictionaryForm { get; set; }

    /// <summary>Per row, the index of its value in <see cref="Dictionary"/>, −1 for null (dictionary form only).</summary>
    public ReadOnlySpan<int> Indices => IsDictionaryForm ? _indices.AsSpan(0, Count) : throw new InvalidOperationException("The column is flat.");

    /// <summary>The bytes of all rows back to back (flat form only).</summary>
    public ReadOnlySpan<byte> Data => !IsDictionaryForm ? _data.AsSpan(0, _dataLength) : throw new InvalidOperationException("The column is dictionary-encoded.");

    /// <summary>Count + 1 offsets into <see cref="Data"/> (flat form only).</summary>
    public ReadOnlySpan<int> Offsets => !IsDictionaryForm ? _offsets.AsSpan(0, Count + 1) : throw new InvalidOperationException("The column is dictionary-encoded.");

    public bool IsNull(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        return HasNulls && _nulls[row];
    }

    /// <summary>The bytes of row <paramref name="row"/>, in either form; empty for null.</summary>
    public ReadOnlySpan<byte> this[int row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
            if (IsDictionaryForm)
            {
                var index = _indices[row];
                return index < 0 ? default : _dictionary![index];
            }

            return _data.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);
        }
    }

    /// <summary>The values as strings (null for null cells); invalid UTF-8 becomes U+FFFD. For tests and small columns.</summary>
    public string?[] ToStrings()
    {
        var result = new string?[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = IsNull(i) ? null : System.Text.Encoding.UTF8.GetString(this[i]);
        }

        return result;
    }

    // ---- filling (the decoder) ----

    internal void Reset(int rows, bool dictionaryForm, long dataCapacity)
    {
        Count = 0;
        HasNulls = false;
        IsDictionaryForm = dictionaryForm;
        _dataLength = 0;
        if (_offsets.Length < rows + 1)
        {
            _offsets = new int[rows + 1];
        }

        _offsets[0] = 0;
        if (_nulls.Length < rows)
        {
            _nulls = new bool[rows];
        }

        if (dictionaryForm && _indices.Length < rows)
        {
            _indices = new int[rows];
        }

        EnsureData(dataCapacity);
    }

    private void EnsureData(long capacity)
    {
        if (capacity > _data.Length)
        {
            var size = Math.Min(Array.MaxLength, Math.Max(capacity, (long)_data.Length * 3 / 2));
            if (size < capacity)
            {
                throw new InvalidDataException("column chunk too large to decode");
            }

            Array.Resize(ref _data, (int)size);
        }
    }

    internal Utf8Column DictionaryScratch() => _dictionary ??= new Utf8Column();

    internal void AddValue(ReadOnlySpan<byte> value)
    {
        EnsureData((long)_dataLength + value.Length);
        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _nulls[Count] = false;
        _offsets[++Count] = _dataLength;
    }

    internal void AddNull()
    {
        _nulls[Count] = true;
        HasNulls = true;
        if (IsDictionaryForm)
        {
            _indices[Count++] = -1;
        }
        else
        {
            _offsets[Count + 1] = _dataLength;
            Count++;
        }
    }

    internal void AddIndex(int index)
    {
        _nulls[Count] = false;
        _indices[Count++] = index;
    }

    /// <summary>Turns the rows so far from dictionary form into flat form (a chunk whose later pages are not dictionary-encoded).</summary>
    internal void Flatten()
    {
        if (!IsDictionaryForm)
        {
            return;
        }

        var dictionary = _dictionary!;
        long bytes = 0;
        for (var i = 0; i < Count; i++)
        {
            bytes += _indices[i] < 0 ? 0 : dictionary[_indices[i]].Length;
        }

        EnsureData(bytes);
        _dataLength = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_indices[i] >= 0)
            {
                var value = dictionary[_indices[i]];
                value.CopyTo(_data.AsSpan(_dataLength));
                _dataLength += value.Length;
            }

            _offsets[i + 1] = _dataLength;
        }

        IsDictionaryForm = false;
    }
}

/// <summary>
/// One column chunk of fixed-size values (Parquet INT32, INT64, FLOAT, DOUBLE, BOOLEAN) as decoded: a value per row,
/// default where the row is null (<see cref="IsNull"/>). The array is reused when the column is refilled.
/// </summary>
public sealed class ValueColumn<T>
    where T : unmanaged
{
    private T[] _values = [];
    private bool[] _nulls = [];

    public int Count { get; private set; }

    public bool HasNulls { get; private set; }

    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    /// <summary><see cref="Values"/> as memory, for work that cannot hold a span (valid until the next read into the column).</summary>
    public ReadOnlyMemory<T> ValuesMemory => _values.AsMemory(0, Count);

    public bool IsNull(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        return HasNulls && _nulls[row];
    }

    /// <summary>The value of row <paramref name="row"/>, or null.</summary>
    public T? this[int row] => IsNull(row) ? null : _values[row];

    internal void Reset(int rows)
    {
        Count = 0;
        HasNulls = false;
        if (_values.Length < rows)
        {
            _values = new T[rows];
            _nulls = new bool[rows];
        }
    }

    internal Span<T> Reserve(int rows) => _values.AsSpan(Count, rows);

    internal Span<bool> NullFlags(int rows) => _nulls.AsSpan(Count, rows);

    internal void Commit(int rows, bool anyNull)
    {
        Count += rows;
        HasNulls |= anyNull;
    }
}
