using System.Text;

namespace Afpakken.Engine.Formats;

/// <summary>
/// Writes the Thrift compact protocol into a growable buffer: what a Parquet page header and file footer need
/// (structs, i32/i64 as zigzag varints, booleans, binaries and strings, lists). Field ids must ascend within a struct.
/// </summary>
internal sealed class ThriftCompactWriter
{
    private byte[] _buffer = new byte[256];
    private readonly Stack<short> _lastField = new();
    private short _last;

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Reset()
    {
        Length = 0;
        _last = 0;
        _lastField.Clear();
    }

    public void I32(short id, int value)
    {
        FieldHeader(id, ThriftCompactReader.I32);
        ZigZag(value);
    }

    public void I64(short id, long value)
    {
        FieldHeader(id, ThriftCompactReader.I64);
        ZigZag(value);
    }

    public void Bool(short id, bool value) => FieldHeader(id, value ? ThriftCompactReader.True : ThriftCompactReader.False);

    public void Binary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, ThriftCompactReader.Binary);
        BinaryValue(value);
    }

    public void String(short id, string value) => Binary(id, Encoding.UTF8.GetBytes(value));

    /// <summary>Opens a struct field; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStruct(short id)
    {
        FieldHeader(id, ThriftCompactReader.Struct);
        BeginStructValue();
    }

    /// <summary>Opens a struct that is an element of a list (no field header).</summary>
    public void BeginStructValue()
    {
        _lastField.Push(_last);
        _last = 0;
    }

    public void EndStruct()
    {
        Byte(0);
        _last = _lastField.Pop();
    }

    /// <summary>A list field header; the <paramref name="count"/> elements of <paramref name="elementType"/> follow.</summary>
    public void BeginList(short id, int elementType, int count)
    {
        FieldHeader(id, ThriftCompactReader.List);
        if (count < 15)
        {
            Byte((byte)((count << 4) | elementType));
        }
        else
        {
            Byte((byte)(0xF0 | elementType));
            Varint((ulong)count);
        }
    }

    public void I32Value(int value) => ZigZag(value);

    public void BinaryValue(ReadOnlySpan<byte> value)
    {
        Varint((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(Length));
        Length += value.Length;
    }

    public void StringValue(string value) => BinaryValue(Encoding.UTF8.GetBytes(value));

    /// <summary>Ends the outermost struct (the stop byte).</summary>
    public void End() => Byte(0);

    private void FieldHeader(short id, int type)
    {
        var delta = id - _last;
        if (delta is > 0 and <= 15)
        {
            Byte((byte)((delta << 4) | type));
        }
        else
        {
            Byte((byte)type);
            ZigZag(id);
        }

        _last = id;
    }

    private void ZigZag(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

    private void Varint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    private void Byte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    private void Ensure(int more)
    {
        if (Length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
        }
    }
}
