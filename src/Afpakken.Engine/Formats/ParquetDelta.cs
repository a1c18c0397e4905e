using System.Buffers.Binary;

namespace Afpakken.Engine.Formats;

/// <summary>
/// Parquet's delta encodings, turned into PLAIN layout so that the page decoder's PLAIN path takes them from there:
/// DELTA_BINARY_PACKED (INT32, INT64), DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (byte arrays). Writers of data
/// page v2 (DuckDB's PARQUET_VERSION V2, Spark, Arrow) use them.
/// </summary>
internal static class ParquetDelta
{
    /// <summary>The most a page of shared prefixes may expand to.</summary>
    private const long MaxExpandedBytes = 512L << 20;

    /// <summary>
    /// Decodes DELTA_BINARY_PACKED integers from <paramref name="data"/> into <paramref name="target"/> (cleared first);
    /// returns the bytes consumed. Arithmetic wraps, as the format says; INT32 columns take the low 32 bits.
    /// </summary>
    public static int DecodeIntegers(ReadOnlySpan<byte> data, List<long> target, int maxValues)
    {
        target.Clear();
        var pos = 0;
        var blockSize = (int)Varint(data, ref pos);
        var miniblocks = (int)Varint(data, ref pos);
        var total = Varint(data, ref pos);
        var value = ZigZag(Varint(data, ref pos));
        if (blockSize <= 0 || miniblocks <= 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 8 != 0 || total > (ulong)Math.Max(0, maxValues))
        {
            throw new InvalidDataException("malformed DELTA_BINARY_PACKED header");
        }

        if (total == 0)
        {
            return pos;
        }

        target.Add(value);
        var perMiniblock = blockSize / miniblocks;
        while (target.Count < (int)total)
        {
            var minDelta = ZigZag(Varint(data, ref pos));
            if (pos + miniblocks > data.Length)
            {
                throw new InvalidDataException("DELTA_BINARY_PACKED block runs past the end of the page");
            }

            var widths = data.Slice(pos, miniblocks);
            pos += miniblocks;
            for (var m = 0; m < miniblocks && target.Count < (int)total; m++)
            {
                var width = widths[m];
                if (width > 64)
                {
                    throw new InvalidDataException($"DELTA_BINARY_PACKED bit width {width}");
                }

                var bytes = perMiniblock * width / 8;
                if (pos + bytes > data.Length)
                {
                    throw new InvalidDataException("DELTA_BINARY_PACKED miniblock runs past the end of the page");
                }

                var packed = data.Slice(pos, bytes);
                pos += bytes;
                long bit = 0;
                for (var i = 0; i < perMiniblock && target.Count < (int)total; i++)
                {
                    var delta = ReadBits(packed, bit, width);
                    bit += width;
                    value = unchecked(value + minDelta + (long)delta);
                    target.Add(value);
                }
            }
        }

        return pos;
    }

    /// <summary>INT32 or INT64 DELTA_BINARY_PACKED as PLAIN bytes of <paramref name="size"/> (4 or 8) each.</summary>
    public static byte[] IntegersAsPlain(ReadOnlySpan<byte> data, int size, List<long> scratch, int maxValues)
    {
        DecodeIntegers(data, scratch, maxValues);
        var plain = new byte[scratch.Count * size];
        for (var i = 0; i < scratch.Count; i++)
        {
            if (size == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(plain.AsSpan(i * 4), unchecked((int)scratch[i]));
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(plain.AsSpan(i * 8), scratch[i]);
            }
        }

        return plain;
    }

    /// <summary>DELTA_LENGTH_BYTE_ARRAY (lengths, then the bytes back to back) as PLAIN byte arrays.</summary>
    public static byte[] LengthsAsPlain(ReadOnlySpan<byte> data, List<long> scratch, int maxValues)
    {
        var pos = DecodeIntegers(data, scratch, maxValues);
        var output = new MemoryStream();
        Span<byte> prefix = stackalloc byte[4];
        foreach (var length in scratch)
        {
            if (length < 0 || length > data.Length - pos)
            {
                throw new InvalidDataException("DELTA_LENGTH_BYTE_ARRAY value runs past the end of the page");
            }

            BinaryPrimitives.WriteInt32LittleEndian(prefix, (int)length);
            output.Write(prefix);
            output.Write(data.Slice(pos, (int)length));
            pos += (int)length;
        }

        return output.ToArray();
    }

    /// <summary>DELTA_BYTE_ARRAY (prefix lengths, suffix lengths, suffixes) as PLAIN byte arrays.</summary>
    public static byte[] PrefixesAsPlain(ReadOnlySpan<byte> data, List<long> scratch, int maxValues)
    {
        var pos = DecodeIntegers(data, scratch, maxValues);
        var prefixes = scratch.ToArray();
        pos += DecodeIntegers(data[pos..], scratch, maxValues);
        if (scratch.Count != prefixes.Length)
        {
            throw new InvalidDataException("DELTA_BYTE_ARRAY prefix and suffix counts differ");
        }

        var output = new MemoryStream();
        Span<byte> header = stackalloc byte[4];
        byte[] previous = [];
        for (var i = 0; i < prefixes.Length; i++)
        {
            var prefix = prefixes[i];
            var suffix = scratch[i];
            if (prefix < 0 || prefix > previous.Length || suffix < 0 || suffix > data.Length - pos)
            {
                throw new InvalidDataException("DELTA_BYTE_ARRAY value runs past the end of the page");
            }

            if (output.Length + 4 + prefix + suffix > MaxExpandedBytes)
            {
                throw new InvalidDataException("DELTA_BYTE_ARRAY values expand past what a page may hold");
            }

            var value = new byte[prefix + suffix];
            previous.AsSpan(0, (int)prefix).CopyTo(value);
            data.Slice(pos, (int)suffix).CopyTo(value.AsSpan((int)prefix));
            pos += (int)suffix;
            BinaryPrimitives.WriteInt32LittleEndian(header, value.Length);
            output.Write(header);
            output.Write(value);
            previous = value;
        }

        return output.ToArray();
    }

    private static ulong ReadBits(ReadOnlySpan<byte> packed, long bit, int width)
    {
        ulong result = 0;
        var done = 0;
        while (done < width)
        {
            var index = (int)((bit + done) >> 3);
            var offset = (int)((bit + done) & 7);
            var take = Math.Min(8 - offset, width - done);
            var bits = (ulong)((packed[index] >> offset) & ((1 << take) - 1));
            result |= bits << done;
            done += take;
        }

        return result;
    }

    private static long ZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);

    private static ulong Varint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new InvalidDataException("delta-encoded data ends early");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("malformed varint in delta-encoded data");
    }
}
