namespace Afpakken.Engine.Formats;

/// <summary>The page kinds of the Parquet format (<c>PageType</c> in parquet.thrift).</summary>
internal enum ParquetPageType
{
    DataPage = 0,
    IndexPage = 1,
    DictionaryPage = 2,
    DataPageV2 = 3,
}

/// <summary>
/// The fields of a Parquet page header that decoding needs, read from its Thrift compact encoding. Statistics and
/// checksums are skipped. Encodings are the numbers of parquet.thrift's <c>Encoding</c>.
/// </summary>
internal struct ParquetPageHeader
{
    public ParquetPageType Type;
    public int UncompressedSize;
    public int CompressedSize;

    /// <summary>Values in the page, nulls included (data pages), or entries (dictionary page).</summary>
    public int ValueCount;
    public int Encoding;
    public int DefinitionLevelEncoding;
    public int RepetitionLevelEncoding;

    // Data page v2 only.
    public int NullCount;
    public int RowCount;
    public int DefinitionLevelsLength;
    public int RepetitionLevelsLength;
    public bool IsCompressed;

    /// <summary>Reads a page header at the start of <paramref name="bytes"/>; <paramref name="length"/> is its size in bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed header (truncated or corrupt).</exception>
    public static ParquetPageHeader Read(ReadOnlySpan<byte> bytes, out int length)
    {
        var reader = new ThriftCompactReader(bytes);
        var header = new ParquetPageHeader { IsCompressed = true, Type = (ParquetPageType)(-1), CompressedSize = -1 };
        short last = 0;
        while (reader.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32: header.Type = (ParquetPageType)reader.ReadInt(); break;
                case 2 when type == ThriftCompactReader.I32: header.UncompressedSize = reader.ReadInt(); break;
                case 3 when type == ThriftCompactReader.I32: header.CompressedSize = reader.ReadInt(); break;
                case 5 when type == ThriftCompactReader.Struct: ReadDataPageHeader(ref reader, ref header); break;
                case 7 when type == ThriftCompactReader.Struct: ReadDictionaryPageHeader(ref reader, ref header); break;
                case 8 when type == ThriftCompactReader.Struct: ReadDataPageHeaderV2(ref reader, ref header); break;
                default: reader.Skip(type); break;
            }
        }

        if (header.CompressedSize < 0 || header.UncompressedSize < 0 || !Enum.IsDefined(header.Type))
        {
            throw new InvalidDataException("malformed page header");
        }

        length = reader.Position;
        return header;
    }

    private static void ReadDataPageHeader(ref ThriftCompactReader reader, ref ParquetPageHeader header)
    {
        short last = 0;
        while (reader.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32: header.ValueCount = reader.ReadInt(); break;
                case 2 when type == ThriftCompactReader.I32: header.Encoding = reader.ReadInt(); break;
                case 3 when type == ThriftCompactReader.I32: header.DefinitionLevelEncoding = reader.ReadInt(); break;
                case 4 when type == ThriftCompactReader.I32: header.RepetitionLevelEncoding = reader.ReadInt(); break;
                default: reader.Skip(type); break;
            }
        }
    }

    private static void ReadDictionaryPageHeader(ref ThriftCompactReader reader, ref ParquetPageHeader header)
    {
        short last = 0;
        while (reader.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32: header.ValueCount = reader.ReadInt(); break;
                case 2 when type == ThriftCompactReader.I32: header.Encoding = reader.ReadInt(); break;
                default: reader.Skip(type); break;
            }
        }
    }

    private static void ReadDataPageHeaderV2(ref ThriftCompactReader reader, ref ParquetPageHeader header)
    {
        short last = 0;
        while (reader.NextField(ref last, out var type, out var id))
        {
            switch (id)
            {
                case 1 when type == ThriftCompactReader.I32: header.ValueCount = reader.ReadInt(); break;
                case 2 when type == ThriftCompactReader.I32: header.NullCount = reader.ReadInt(); break;
                case 3 when type == ThriftCompactReader.I32: header.RowCount = reader.ReadInt(); break;
                case 4 when type == ThriftCompactReader.I32: header.Encoding = reader.ReadInt(); break;
                case 5 when type == ThriftCompactReader.I32: header.DefinitionLevelsLength = reader.ReadInt(); break;
                case 6 when type == ThriftCompactReader.I32: header.RepetitionLevelsLength = reader.ReadInt(); break;
                case 7 when type is ThriftCompactReader.True or ThriftCompactReader.False: header.IsCompressed = type == ThriftCompactReader.True; break;
                default: reader.Skip(type); break;
            }
        }
    }
}

/// <summary>
/// A reader of the Thrift compact protocol over a span: enough to walk the structs of a page header (field
/// headers, zigzag varints, binaries, lists, sets, maps, nested structs) and skip what is not needed.
/// </summary>
internal ref struct ThriftCompactReader(ReadOnlySpan<byte> bytes)
{
    public const int Stop = 0;
    public const int True = 1;
    public const int False = 2;
    public const int Byte = 3;
    public const int I16 = 4;
    public const int I32 = 5;
    public const int I64 = 6;
    public const int Double = 7;
    public const int Binary = 8;
    public const int List = 9;
    public const int Set = 10;
    public const int Map = 11;
    public const int Struct = 12;

    private const int MaxDepth = 32;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _depth;

    public int Position { get; private set; }

    /// <summary>The next field of the current struct; false at its stop byte. <paramref name="last"/> is the previous field id.</summary>
    public bool NextField(ref short last, out int type, out short id)
    {
        var header = ReadByte();
        type = header & 0x0F;
        if (type == Stop)
        {
            id = 0;
            return false;
        }

        var delta = header >> 4;
        id = delta != 0 ? (short)(last + delta) : (short)ReadInt();
        last = id;
        return true;
    }

    public int ReadInt()
    {
        var raw = ReadVarint();
        var value = (long)(raw >> 1) ^ -(long)(raw & 1);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException("integer out of range in page header");
        }

        return (int)value;
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("malformed varint in page header");
    }

    private byte ReadByte()
    {
        if (Position >= _bytes.Length)
        {
            throw new InvalidDataException("page header runs past the end of the data");
        }

        return _bytes[Position++];
    }

    private void Advance(long count)
    {
        if (count < 0 || Position + count > _bytes.Length)
        {
            throw new InvalidDataException("page header runs past the end of the data");
        }

        Position += (int)count;
    }

    /// <summary>Skips a value of compact type <paramref name="type"/>.</summary>
    public void Skip(int type)
    {
        if (++_depth > MaxDepth)
        {
            throw new InvalidDataException("page header nested too deeply");
        }

        switch (type)
        {
            case True or False:
                break;
            case Byte:
                Advance(1);
                break;
            case I16 or I32 or I64:
                ReadVarint();
                break;
            case Double:
                Advance(8);
                break;
            case Binary:
                Advance((long)ReadVarint());
                break;
            case List or Set:
                {
                    var head = ReadByte();
                    long size = head >> 4;
                    if (size == 15)
                    {
                        size = (long)ReadVarint();
                    }

                    var element = head & 0x0F;
                    for (long i = 0; i < size; i++)
                    {
                        // Booleans in a collection take a byte each.
                        if (element is True or False)
                        {
                            Advance(1);
                        }
                        else
                        {
                            Skip(element);
                        }
                    }

                    break;
                }

            case Map:
                {
                    var size = (long)ReadVarint();
                    if (size > 0)
                    {
                        var kinds = ReadByte();
                        for (long i = 0; i < size; i++)
                        {
                            SkipElement(kinds >> 4);
                            SkipElement(kinds & 0x0F);
                        }
                    }

                    break;
                }

            case Struct:
                {
                    short last = 0;
                    while (NextField(ref last, out var fieldType, out _))
                    {
                        Skip(fieldType);
                    }

                    break;
                }

            default:
                throw new InvalidDataException($"unknown Thrift type {type} in page header");
        }

        _depth--;
    }

    private void SkipElement(int type)
    {
        if (type is True or False)
        {
            Advance(1);
        }
        else
        {
            Skip(type);
        }
    }
}
