using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Parquet;
using Parquet.Meta;

namespace Afpakken.Engine.Formats;

/// <summary>
/// A Parquet file opened for decoding its column chunks directly into <see cref="Utf8Column"/> and
/// <see cref="ValueColumn{T}"/>: no object per cell. Parquet.Net reads the footer (<see cref="Metadata"/>); the pages
/// are decoded here — data pages v1 and v2, dictionary pages, PLAIN, dictionary and delta encodings, RLE/bit-packed
/// definition levels, uncompressed, Snappy, gzip or zstd chunks — for flat schemas (no lists, maps or nested groups).
/// What it cannot decode it says up front (<see cref="Unsupported"/>) or, met in a page, throws
/// <see cref="ParquetUnsupportedException"/>: callers fall back to Parquet.Net, never read wrong data. A corrupt or
/// truncated chunk throws <see cref="ParquetFormatException"/> naming the file, column and row group.
/// Thread safety: the file may be shared; each thread decodes with its own <see cref="ParquetColumnDecoder"/>.
/// </summary>
public sealed class ParquetColumnFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private ParquetColumnFile(string path, SafeFileHandle handle, FileMetaData metadata)
    {
        Path = path;
        _handle = handle;
        Metadata = metadata;
        Columns = ParquetLeafColumn.Flatten(metadata.Schema);
        Length = RandomAccess.GetLength(handle);
    }

    public string Path { get; }

    /// <summary>The footer as Parquet.Net read it.</summary>
    public FileMetaData Metadata { get; }

    /// <summary>The leaf columns in file order (the order of the column chunks of a row group).</summary>
    public IReadOnlyList<ParquetLeafColumn> Columns { get; }

    public int RowGroupCount => Metadata.RowGroups.Count;

    public long RowCount => Metadata.NumRows;

    internal long Length { get; }

    /// <summary>Opens <paramref name="path"/> and reads its footer with Parquet.Net.</summary>
    /// <exception cref="ParquetFormatException">The file is not Parquet or its footer cannot be read.</exception>
    public static async Task<ParquetColumnFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        FileMetaData metadata;
        try
        {
            await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
            metadata = reader.Metadata ?? throw new InvalidDataException("no footer");
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or FileNotFoundException or DirectoryNotFoundException))
        {
            throw new ParquetFormatException(path, null, null, $"unreadable Parquet footer ({ex.Message})", ex);
        }

        return Open(path, metadata);
    }

    /// <summary>Opens <paramref name="path"/> with a footer read already (e.g. by a <see cref="ParquetReader"/> on it).</summary>
    public static ParquetColumnFile Open(string path, FileMetaData metadata) =>
        new(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess), metadata);

    /// <summary>The leaf column named <paramref name="name"/> (ordinal), or null.</summary>
    public ParquetLeafColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Rows of row group <paramref name="rowGroup"/>.</summary>
    public int RowsIn(int rowGroup) => checked((int)Metadata.RowGroups[rowGroup].NumRows);

    /// <summary>Why this reader cannot decode <paramref name="column"/> in every row group (null: it can).</summary>
    public string? Unsupported(ParquetLeafColumn column)
    {
        if (column.IsNested)
        {
            return "nested or repeated column";
        }

        if (column.PhysicalType is not (Parquet.Meta.Type.BYTE_ARRAY or Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY or Parquet.Meta.Type.INT32 or
            Parquet.Meta.Type.INT64 or Parquet.Meta.Type.FLOAT or Parquet.Meta.Type.DOUBLE or Parquet.Meta.Type.BOOLEAN))
        {
            return $"physical type {column.PhysicalType}";
        }

        foreach (var group in Metadata.RowGroups)
        {
            if (column.Index >= group.Columns.Count || group.Columns[column.Index].MetaData is not { } meta)
            {
                return "column chunk without metadata (encrypted or external)";
            }

            if (group.Columns[column.Index].FilePath is not null)
            {
                return "column chunk in another file";
            }

            if (meta.Codec is not (CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD))
            {
                return $"compression {meta.Codec}";
            }

            foreach (var encoding in meta.Encodings)
            {
                var supported = encoding switch
                {
                    Parquet.Meta.Encoding.PLAIN or Parquet.Meta.Encoding.PLAIN_DICTIONARY or Parquet.Meta.Encoding.RLE_DICTIONARY or
                        Parquet.Meta.Encoding.RLE or Parquet.Meta.Encoding.BIT_PACKED => true,
                    Parquet.Meta.Encoding.DELTA_BINARY_PACKED => column.PhysicalType is Parquet.Meta.Type.INT32 or Parquet.Meta.Type.INT64,
                    Parquet.Meta.Encoding.DELTA_LENGTH_BYTE_ARRAY or Parquet.Meta.Encoding.DELTA_BYTE_ARRAY => column.PhysicalType == Parquet.Meta.Type.BYTE_ARRAY,
                    _ => false,
                };
                if (!supported)
                {
                    return $"encoding {encoding}";
                }
            }
        }

        return null;
    }

    /// <summary>A decoder with its own buffers, reused from chunk to chunk; one per thread.</summary>
    public ParquetColumnDecoder CreateDecoder() => new(this);

    /// <summary>Reads exactly <paramref name="target"/>'s length at <paramref name="offset"/>; a file shorter than its footer says is corrupt.</summary>
    internal void ReadAt(long offset, Span<byte> target)
    {
        while (!target.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, target, offset);
            if (read <= 0)
            {
                throw new InvalidDataException($"the file ends at {offset}, before the bytes its footer points at");
            }

            target = target[read..];
            offset += read;
        }
    }

    public void Dispose() => _handle.Dispose();
}

/// <summary>A leaf column of a Parquet schema.</summary>
/// <param name="Index">Position among the leaves: the index of its chunk in a row group.</param>
/// <param name="MaxDefinitionLevel">0 for a required top-level column, 1 for an optional one.</param>
/// <param name="IsNested">Inside a group or repeated: not decodable here.</param>
public sealed record ParquetLeafColumn(int Index, string Name, SchemaElement Element, int MaxDefinitionLevel, bool IsNested)
{
    public Parquet.Meta.Type PhysicalType => Element.Type ?? Parquet.Meta.Type.BYTE_ARRAY;

    public bool IsRequired => MaxDefinitionLevel == 0;

    /// <summary>
    /// Ticks per stored unit of an INT64 timestamp, from the logical type or else the legacy converted type; −100 for
    /// nanoseconds (100 per tick); 0 when the column is not a timestamp.
    /// </summary>
    public long TimestampTicksPerUnit => Element.LogicalType?.TIMESTAMP?.Unit switch
    {
        { MILLIS: not null } => TimeSpan.TicksPerMillisecond,
        { MICROS: not null } => 10,
        { NANOS: not null } => -100,
        _ => Element.ConvertedType switch
        {
            ConvertedType.TIMESTAMP_MILLIS => TimeSpan.TicksPerMillisecond,
            ConvertedType.TIMESTAMP_MICROS => 10,
            _ => 0,
        },
    };

    /// <summary>The decimal scale (logical type, else the element's), or −1 when the column is not a decimal.</summary>
    public int DecimalScale => Element.LogicalType?.DECIMAL?.Scale ?? Element.Scale ?? -1;

    internal static List<ParquetLeafColumn> Flatten(List<SchemaElement> schema)
    {
        var leaves = new List<ParquetLeafColumn>();
        if (schema.Count == 0)
        {
            return leaves;
        }

        var position = 1;
        for (var child = 0; child < (schema[0].NumChildren ?? 0) && position < schema.Count; child++)
        {
            Walk(schema, ref position, leaves, 0, nested: false);
        }

        return leaves;
    }

    private static void Walk(List<SchemaElement> schema, ref int position, List<ParquetLeafColumn> leaves, int definition, bool nested)
    {
        var element = schema[position++];
        var repetition = element.RepetitionType ?? FieldRepetitionType.REQUIRED;
        var level = definition + (repetition == FieldRepetitionType.REQUIRED ? 0 : 1);
        var isNested = nested || repetition == FieldRepetitionType.REPEATED;
        if (element.NumChildren is > 0 and var children)
        {
            for (var c = 0; c < children && position < schema.Count; c++)
            {
                Walk(schema, ref position, leaves, level, nested: true);
            }

            return;
        }

        leaves.Add(new ParquetLeafColumn(leaves.Count, element.Name, element, level, isNested || level > 1));
    }
}

/// <summary>A column chunk that is corrupt or truncated; the message names the file, the column and the row group.</summary>
public sealed class ParquetFormatException(string file, string? column, int? rowGroup, string reason, Exception? inner = null)
    : IOException(Describe(file, column, rowGroup, reason), inner)
{
    public string File { get; } = file;

    public string? Column { get; } = column;

    public string Reason { get; } = reason;

    private static string Describe(string file, string? column, int? rowGroup, string reason) =>
        column is null ? $"{file}: {reason}" : $"{file}: column '{column}', row group {rowGroup + 1}: {reason}";
}

/// <summary>A page in an encoding or compression this reader does not decode; fall back to Parquet.Net.</summary>
public sealed class ParquetUnsupportedException(string file, string column, string what) : NotSupportedException($"{file}: column '{column}': {what} is not supported by the page decoder")
{
    public string File { get; } = file;
}

/// <summary>
/// Decodes column chunks of a <see cref="ParquetColumnFile"/> into reusable targets. Not thread-safe: one per thread.
/// </summary>
public sealed class ParquetColumnDecoder
{
    /// <summary>The largest uncompressed page decoded (Parquet writers use pages of a few MB).</summary>
    private const int MaxPageBytes = 512 << 20;

    private const int Plain = 0;
    private const int PlainDictionary = 2;
    private const int Rle = 3;
    private const int RleDictionary = 8;
    private const int DeltaBinaryPacked = 5;
    private const int DeltaLengthByteArray = 6;
    private const int DeltaByteArray = 7;

    private readonly List<long> _deltas = [];

    private readonly ParquetColumnFile? _file;
    private readonly string _path;
    private byte[] _chunk = [];
    private byte[] _page = [];
    private int[] _levels = [];
    private int[] _indices = [];
    private byte[] _dictionaryValues = [];

    internal ParquetColumnDecoder(ParquetColumnFile file)
    {
        _file = file;
        _path = file.Path;
    }

    /// <summary>A decoder of chunks held in memory (<see cref="DecodeBytes"/>), not of a file; <paramref name="path"/> names them in errors.</summary>
    internal ParquetColumnDecoder(string path) => _path = path;

    /// <summary>Decodes the BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column <paramref name="column"/> of <paramref name="rowGroup"/> into <paramref name="target"/>.</summary>
    public void ReadBytes(int rowGroup, ParquetLeafColumn column, Utf8Column target)
    {
        if (column.PhysicalType is not (Parquet.Meta.Type.BYTE_ARRAY or Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY))
        {
            throw new ArgumentException($"column '{column.Name}' is {column.PhysicalType}, not a byte array", nameof(column));
        }

        var fixedLength = -1;
        if (column.PhysicalType == Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY)
        {
            fixedLength = column.Element.TypeLength is > 0 and var length
                ? length
                : throw new ParquetFormatException(_path, column.Name, rowGroup, "FIXED_LEN_BYTE_ARRAY without a type length");
        }

        Decode(rowGroup, column, new BytesSink(target, fixedLength));
    }

    /// <summary>
    /// Decodes a fixed-size column into <paramref name="target"/>: INT32 as <see cref="int"/>, INT64 as <see cref="long"/>,
    /// FLOAT, DOUBLE, BOOLEAN as <see cref="bool"/>.
    /// </summary>
    public void ReadValues<T>(int rowGroup, ParquetLeafColumn column, ValueColumn<T> target)
        where T : unmanaged
    {
        var expected = column.PhysicalType switch
        {
            Parquet.Meta.Type.INT32 => typeof(int),
            Parquet.Meta.Type.INT64 => typeof(long),
            Parquet.Meta.Type.FLOAT => typeof(float),
            Parquet.Meta.Type.DOUBLE => typeof(double),
            Parquet.Meta.Type.BOOLEAN => typeof(bool),
            _ => null,
        };
        if (expected != typeof(T))
        {
            throw new ArgumentException($"column '{column.Name}' is {column.PhysicalType}, not {typeof(T).Name}", nameof(column));
        }

        Decode(rowGroup, column, new ValueSink<T>(target, this));
    }

    private interface ISink
    {
        void Begin(int rows, bool hasDictionary, long uncompressedSize);

        void Dictionary(ReadOnlySpan<byte> plain, int count);

        /// <summary>PLAIN values of a page; <paramref name="levels"/> is null when every row is defined. Returns bytes used.</summary>
        int Plain(ReadOnlySpan<byte> values, int rows, ReadOnlySpan<int> levels, int maxLevel);

        void Indexed(ReadOnlySpan<int> indices, int rows, ReadOnlySpan<int> levels, int maxLevel);

        int DictionaryCount { get; }
    }

    private void Decode<TSink>(int rowGroup, ParquetLeafColumn column, TSink sink)
        where TSink : ISink
    {
        var file = _file ?? throw new InvalidOperationException("This decoder reads chunks held in memory.");
        if (column.IsNested)
        {
            throw new ParquetUnsupportedException(_path, column.Name, "a nested or repeated column");
        }

        var meta = file.Metadata.RowGroups[rowGroup].Columns[column.Index].MetaData
            ?? throw new ParquetUnsupportedException(_path, column.Name, "a chunk without metadata");
        var rows = file.RowsIn(rowGroup);
        try
        {
            var start = meta.DictionaryPageOffset is > 0 and var d && d < meta.DataPageOffset ? d : meta.DataPageOffset;
            var length = meta.TotalCompressedSize;
            if (start < 4 || length < 0 || start > file.Length - 8 || length > file.Length - 8 - start)
            {
                throw new InvalidDataException($"chunk at {start} of {length} bytes lies outside the file ({file.Length} bytes)");
            }

            if (_chunk.Length < length)
            {
                _chunk = new byte[Math.Max(length, _chunk.Length * 3L / 2)];
            }

            var chunk = _chunk.AsSpan(0, (int)length);
            file.ReadAt(start, chunk);
            DecodeChunk(chunk, rows, column, meta.Codec, meta.TotalUncompressedSize, sink);
        }
        catch (Exception ex) when (ex is InvalidDataException or IndexOutOfRangeException or ArgumentException or OverflowException or IOException
                                       or ZstdSharp.ZstdException)
        {
            throw new ParquetFormatException(_path, column.Name, rowGroup, ex.Message, ex);
        }
    }

    /// <summary>Decodes the pages of one chunk held in memory (tests build chunks page by page).</summary>
    internal void DecodeBytes(ReadOnlySpan<byte> chunk, int rows, ParquetLeafColumn column, CompressionCodec codec, Utf8Column target) =>
        DecodeChunk(chunk, rows, column, codec, chunk.Length * 4L, new BytesSink(target, -1));

    /// <inheritdoc cref="DecodeBytes"/>
    internal void DecodeValues<T>(ReadOnlySpan<byte> chunk, int rows, ParquetLeafColumn column, CompressionCodec codec, ValueColumn<T> target)
        where T : unmanaged =>
        DecodeChunk(chunk, rows, column, codec, chunk.Length * 4L, new ValueSink<T>(target, this));

    private void DecodeChunk<TSink>(ReadOnlySpan<byte> chunk, int rows, ParquetLeafColumn column, CompressionCodec codec, long uncompressedSize, TSink sink)
        where TSink : ISink
    {
        var hasDictionary = chunk.Length > 0 && PeekIsDictionary(chunk);
        sink.Begin(rows, hasDictionary, uncompressedSize);
        DecodePages(chunk, rows, column, codec, sink);
    }

    private static bool PeekIsDictionary(ReadOnlySpan<byte> chunk) =>
        ParquetPageHeader.Read(chunk, out _).Type == ParquetPageType.DictionaryPage;

    private void DecodePages<TSink>(ReadOnlySpan<byte> chunk, int rows, ParquetLeafColumn column, CompressionCodec codec, TSink sink)
        where TSink : ISink
    {
        var maxLevel = column.MaxDefinitionLevel;
        var pos = 0;
        var done = 0;
        while (done < rows)
        {
            if (pos >= chunk.Length)
            {
                throw new InvalidDataException($"chunk ends after {done} of {rows} rows");
            }

            var header = ParquetPageHeader.Read(chunk[pos..], out var headerLength);
            pos += headerLength;
            if (header.CompressedSize > chunk.Length - pos)
            {
                throw new InvalidDataException($"page of {header.CompressedSize} bytes runs past the end of the chunk");
            }

            var body = chunk.Slice(pos, header.CompressedSize);
            pos += header.CompressedSize;
            switch (header.Type)
            {
                case ParquetPageType.DictionaryPage:
                    if (pos != headerLength + header.CompressedSize)
                    {
                        throw new InvalidDataException("a dictionary page that is not the first page of its chunk");
                    }

                    if (header.Encoding is not (Plain or PlainDictionary))
                    {
                        throw new ParquetUnsupportedException(_path, column.Name, $"dictionary encoding {header.Encoding}");
                    }

                    sink.Dictionary(Decompress(body, header.UncompressedSize, codec, column), header.ValueCount);
                    break;

                case ParquetPageType.DataPage:
                    {
                        var n = Math.Min(header.ValueCount, rows - done);
                        var page = Decompress(body, header.UncompressedSize, codec, column);
                        ReadOnlySpan<int> levels = default;
                        if (maxLevel > 0)
                        {
                            if (header.DefinitionLevelEncoding != Rle)
                            {
                                throw new ParquetUnsupportedException(_path, column.Name, $"definition level encoding {header.DefinitionLevelEncoding}");
                            }

                            var levelBytes = page.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(page) : throw new InvalidDataException("truncated definition levels");
                            if (levelBytes < 0 || levelBytes > page.Length - 4)
                            {
                                throw new InvalidDataException("definition levels run past the end of the page");
                            }

                            levels = DecodeLevels(page.Slice(4, levelBytes), n, maxLevel);
                            page = page[(4 + levelBytes)..];
                        }

                        DecodeValues(page, header.Encoding, n, levels, maxLevel, column, sink);
                        done += n;
                        break;
                    }

                case ParquetPageType.DataPageV2:
                    {
                        if (header.RepetitionLevelsLength != 0)
                        {
                            throw new ParquetUnsupportedException(_path, column.Name, "repetition levels");
                        }

                        var n = Math.Min(header.RowCount > 0 ? header.RowCount : header.ValueCount, rows - done);
                        var levelBytes = header.DefinitionLevelsLength;
                        if (levelBytes < 0 || levelBytes > body.Length)
                        {
                            throw new InvalidDataException("definition levels run past the end of the page");
                        }

                        ReadOnlySpan<int> levels = maxLevel > 0 ? DecodeLevels(body[..levelBytes], n, maxLevel) : default;
                        var values = body[levelBytes..];
                        if (header.IsCompressed)
                        {
                            values = Decompress(values, header.UncompressedSize - levelBytes, codec, column);
                        }

                        DecodeValues(values, header.Encoding, n, levels, maxLevel, column, sink);
                        done += n;
                        break;
                    }

                default:
                    break; // index pages carry nothing to decode
            }
        }
    }

    private ReadOnlySpan<int> DecodeLevels(ReadOnlySpan<byte> bytes, int count, int maxLevel)
    {
        if (_levels.Length < count)
        {
            _levels = new int[count];
        }

        var levels = _levels.AsSpan(0, count);
        ParquetRle.Decode(bytes, ParquetRle.BitWidth(maxLevel), levels);
        return levels;
    }

    private void DecodeValues<TSink>(ReadOnlySpan<byte> values, int encoding, int rows, ReadOnlySpan<int> levels, int maxLevel, ParquetLeafColumn column, TSink sink)
        where TSink : ISink
    {
        switch (encoding)
        {
            case Plain:
                sink.Plain(values, rows, levels, maxLevel);
                break;

            // Delta encodings are turned into PLAIN layout first (they come from v2 writers; not the hot path here).
            case DeltaBinaryPacked when column.PhysicalType is Parquet.Meta.Type.INT32 or Parquet.Meta.Type.INT64:
                sink.Plain(ParquetDelta.IntegersAsPlain(values, column.PhysicalType == Parquet.Meta.Type.INT32 ? 4 : 8, _deltas, rows), rows, levels, maxLevel);
                break;

            case DeltaLengthByteArray when column.PhysicalType == Parquet.Meta.Type.BYTE_ARRAY:
                sink.Plain(ParquetDelta.LengthsAsPlain(values, _deltas, rows), rows, levels, maxLevel);
                break;

            case DeltaByteArray when column.PhysicalType == Parquet.Meta.Type.BYTE_ARRAY:
                sink.Plain(ParquetDelta.PrefixesAsPlain(values, _deltas, rows), rows, levels, maxLevel);
                break;

            case PlainDictionary or RleDictionary:
                {
                    var defined = rows;
                    if (!levels.IsEmpty)
                    {
                        defined = 0;
                        foreach (var level in levels)
                        {
                            defined += level == maxLevel ? 1 : 0;
                        }
                    }

                    if (_indices.Length < defined)
                    {
                        _indices = new int[defined];
                    }

                    var indices = _indices.AsSpan(0, defined);
                    if (defined > 0)
                    {
                        if (values.IsEmpty)
                        {
                            throw new InvalidDataException("dictionary indices missing");
                        }

                        ParquetRle.Decode(values[1..], values[0], indices);
                    }

                    var size = sink.DictionaryCount;
                    foreach (var index in indices)
                    {
                        if ((uint)index >= (uint)size)
                        {
                            throw new InvalidDataException($"dictionary index {index} out of range ({size} entries)");
                        }
                    }

                    sink.Indexed(indices, rows, levels, maxLevel);
                    break;
                }

            default:
                throw new ParquetUnsupportedException(_path, column.Name, $"encoding {encoding}");
        }
    }

    private ReadOnlySpan<byte> Decompress(ReadOnlySpan<byte> body, int uncompressedSize, CompressionCodec codec, ParquetLeafColumn column)
    {
        if (codec == CompressionCodec.UNCOMPRESSED)
        {
            return body;
        }

        if (uncompressedSize < 0)
        {
            throw new InvalidDataException("negative page size");
        }

        // What a page may claim before anything is allocated for it: no codec here expands beyond these ratios
        // (Snappy at most ~32×, deflate ~1,032×), and no page needs more than MaxPageBytes.
        var most = codec switch
        {
            CompressionCodec.SNAPPY => (64L * body.Length) + 1_024,
            CompressionCodec.GZIP => (1_100L * body.Length) + 1_024,
            _ => MaxPageBytes,
        };
        if (uncompressedSize > Math.Min(most, MaxPageBytes))
        {
            throw new InvalidDataException($"a page of {body.Length} compressed bytes claims {uncompressedSize} uncompressed");
        }

        if (_page.Length < uncompressedSize)
        {
            _page = new byte[Math.Max(uncompressedSize, _page.Length * 3L / 2)];
        }

        var target = _page.AsSpan(0, uncompressedSize);
        int written;
        switch (codec)
        {
            case CompressionCodec.SNAPPY:
                if (!Snappier.Snappy.TryDecompress(body, target, out written))
                {
                    throw new InvalidDataException("Snappy data is corrupt or larger than the page says");
                }

                break;

            case CompressionCodec.GZIP:
                {
                    using var gzip = new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress);
                    written = 0;
                    int read;
                    while (written < target.Length && (read = gzip.Read(target[written..])) > 0)
                    {
                        written += read;
                    }

                    break;
                }

            case CompressionCodec.ZSTD:
                {
                    // A context per page: decoders are per thread and reused, pages are large.
                    using var zstd = new ZstdSharp.Decompressor();
                    if (!zstd.TryUnwrap(body, target, out written))
                    {
                        throw new InvalidDataException("zstd data is corrupt or larger than the page says");
                    }

                    break;
                }

            default:
                throw new ParquetUnsupportedException(_path, column.Name, $"compression {codec}");
        }

        if (written != uncompressedSize)
        {
            throw new InvalidDataException($"page decompressed to {written} bytes, {uncompressedSize} expected");
        }

        return target;
    }

    private readonly struct BytesSink(Utf8Column target, int fixedLength) : ISink
    {
        public int DictionaryCount => target.DictionaryScratch().Count;

        public void Begin(int rows, bool hasDictionary, long uncompressedSize)
        {
            // The footer's size is a hint, not a promise: presize at most 64 MB and let the buffer grow.
            target.Reset(rows, hasDictionary, hasDictionary ? 0 : Math.Clamp(uncompressedSize, 0, 64L << 20));
            if (!hasDictionary)
            {
                target.DictionaryScratch().Reset(0, false, 0);
            }
        }

        public void Dictionary(ReadOnlySpan<byte> plain, int count)
        {
            if (count < 0 || count > plain.Length / (fixedLength > 0 ? fixedLength : 4))
            {
                throw new InvalidDataException($"a dictionary page of {plain.Length} bytes cannot hold {count} values");
            }

            var dictionary = target.DictionaryScratch();
            dictionary.Reset(count, false, plain.Length);
            new BytesSink(dictionary, fixedLength).Plain(plain, count, default, 0);
        }

        public int Plain(ReadOnlySpan<byte> values, int rows, ReadOnlySpan<int> levels, int maxLevel)
        {
            target.Flatten();
            var pos = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!levels.IsEmpty && levels[i] != maxLevel)
                {
                    target.AddNull();
                    continue;
                }

                int length;
                if (fixedLength >= 0)
                {
                    length = fixedLength;
                }
                else
                {
                    length = BinaryPrimitives.ReadInt32LittleEndian(values[pos..]);
                    pos += 4;
                }

                if (length < 0 || length > values.Length - pos)
                {
                    throw new InvalidDataException("value runs past the end of the page");
                }

                target.AddValue(values.Slice(pos, length));
                pos += length;
            }

            return pos;
        }

        public void Indexed(ReadOnlySpan<int> indices, int rows, ReadOnlySpan<int> levels, int maxLevel)
        {
            var flat = target.Dictionary is null;
            var dictionary = target.DictionaryScratch();
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!levels.IsEmpty && levels[i] != maxLevel)
                {
                    target.AddNull();
                }
                else if (flat)
                {
                    target.AddValue(dictionary[indices[next++]]);
                }
                else
                {
                    target.AddIndex(indices[next++]);
                }
            }
        }
    }

    private readonly struct ValueSink<T>(ValueColumn<T> target, ParquetColumnDecoder decoder) : ISink
        where T : unmanaged
    {
        public int DictionaryCount => decoder._dictionaryCount;

        public void Begin(int rows, bool hasDictionary, long uncompressedSize)
        {
            target.Reset(rows);
            decoder._dictionaryCount = 0;
        }

        public void Dictionary(ReadOnlySpan<byte> plain, int count)
        {
            var size = (long)count * Unsafe.SizeOf<T>();
            if (typeof(T) == typeof(bool))
            {
                throw new InvalidDataException("a dictionary page for a BOOLEAN column");
            }

            if (count < 0 || size > plain.Length)
            {
                throw new InvalidDataException("dictionary page shorter than its entries");
            }

            if (decoder._dictionaryValues.Length < size)
            {
                decoder._dictionaryValues = new byte[size];
            }

            plain[..(int)size].CopyTo(decoder._dictionaryValues);
            decoder._dictionaryCount = count;
        }

        public int Plain(ReadOnlySpan<byte> values, int rows, ReadOnlySpan<int> levels, int maxLevel)
        {
            var output = target.Reserve(rows);
            var nulls = target.NullFlags(rows);
            var anyNull = false;
            var next = 0;
            if (typeof(T) == typeof(bool))
            {
                var bits = MemoryMarshal.Cast<T, bool>(output);
                for (var i = 0; i < rows; i++)
                {
                    nulls[i] = !levels.IsEmpty && levels[i] != maxLevel;
                    anyNull |= nulls[i];
                    if (!nulls[i])
                    {
                        if (next >> 3 >= values.Length)
                        {
                            throw new InvalidDataException("values run past the end of the page");
                        }

                        bits[i] = ((values[next >> 3] >> (next & 7)) & 1) != 0;
                        next++;
                    }
                    else
                    {
                        bits[i] = false;
                    }
                }

                target.Commit(rows, anyNull);
                return (next + 7) / 8;
            }

            var source = MemoryMarshal.Cast<byte, T>(values);
            if (levels.IsEmpty)
            {
                if (source.Length < rows)
                {
                    throw new InvalidDataException("values run past the end of the page");
                }

                source[..rows].CopyTo(output);
                nulls.Clear();
                target.Commit(rows, false);
                return rows * Unsafe.SizeOf<T>();
            }

            for (var i = 0; i < rows; i++)
            {
                if (levels[i] != maxLevel)
                {
                    nulls[i] = true;
                    anyNull = true;
                    output[i] = default;
                    continue;
                }

                nulls[i] = false;
                output[i] = source[next++];
            }

            target.Commit(rows, anyNull);
            return next * Unsafe.SizeOf<T>();
        }

        public void Indexed(ReadOnlySpan<int> indices, int rows, ReadOnlySpan<int> levels, int maxLevel)
        {
            var dictionary = MemoryMarshal.Cast<byte, T>(decoder._dictionaryValues.AsSpan(0, decoder._dictionaryCount * Unsafe.SizeOf<T>()));
            var output = target.Reserve(rows);
            var nulls = target.NullFlags(rows);
            var anyNull = false;
            var next = 0;
            for (var i = 0; i < rows; i++)
            {
                if (!levels.IsEmpty && levels[i] != maxLevel)
                {
                    nulls[i] = true;
                    anyNull = true;
                    output[i] = default;
                    continue;
                }

                nulls[i] = false;
                output[i] = dictionary[indices[next++]];
            }

            target.Commit(rows, anyNull);
        }
    }

    private int _dictionaryCount;
}
