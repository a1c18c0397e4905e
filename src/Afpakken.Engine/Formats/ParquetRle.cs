namespace Afpakken.Engine.Formats;

/// <summary>
/// Decodes Parquet's RLE / bit-packed hybrid encoding (definition levels, dictionary indices, booleans): runs of
/// one repeated value and groups of eight bit-packed values, little-endian, least significant bit first.
/// </summary>
internal static class ParquetRle
{
    /// <summary>
    /// Decodes exactly <paramref name="target"/>.Length values of <paramref name="bitWidth"/> bits from
    /// <paramref name="data"/>; returns the bytes consumed.
    /// </summary>
    /// <exception cref="InvalidDataException">The runs end before enough values were decoded.</exception>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> target)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new InvalidDataException($"bit width {bitWidth} out of range");
        }

        var pos = 0;
        var done = 0;
        var byteWidth = (bitWidth + 7) / 8;
        while (done < target.Length)
        {
            var header = ReadVarint(data, ref pos);
            if ((header & 1) == 0)
            {
                var count = (int)Math.Min(header >> 1, (ulong)(target.Length - done));
                if (header >> 1 == 0 || pos + byteWidth > data.Length)
                {
                    throw new InvalidDataException("malformed RLE run");
                }

                var value = 0;
                for (var b = 0; b < byteWidth; b++)
                {
                    value |= data[pos + b] << (8 * b);
                }

                pos += byteWidth;
                target.Slice(done, count).Fill(value);
                done += count;
            }
            else
            {
                var groups = header >> 1;
                if (groups == 0 || groups > (ulong)(data.Length - pos) / (ulong)Math.Max(bitWidth, 1))
                {
                    throw new InvalidDataException("bit-packed run past the end of the data");
                }

                var bytes = (long)groups * bitWidth;
                if (pos + bytes > data.Length)
                {
                    throw new InvalidDataException("bit-packed run past the end of the data");
                }

                var count = (int)Math.Min(groups * 8, (ulong)(target.Length - done));
                Unpack(data.Slice(pos, (int)bytes), bitWidth, target.Slice(done, count));
                pos += (int)bytes;
                done += count;
            }
        }

        return pos;
    }

    private static void Unpack(ReadOnlySpan<byte> packed, int bitWidth, Span<int> target)
    {
        if (bitWidth == 0)
        {
            target.Clear();
            return;
        }

        var mask = bitWidth == 32 ? ulong.MaxValue >> 32 : (1UL << bitWidth) - 1;
        ulong buffer = 0;
        var bits = 0;
        var pos = 0;
        for (var i = 0; i < target.Length; i++)
        {
            while (bits < bitWidth)
            {
                buffer |= (ulong)packed[pos++] << bits;
                bits += 8;
            }

            target[i] = (int)(buffer & mask);
            buffer >>= bitWidth;
            bits -= bitWidth;
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new InvalidDataException("RLE data ends early");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("malformed varint in RLE data");
    }

    /// <summary>Bits needed for values up to <paramref name="max"/>.</summary>
    public static int BitWidth(int max) => max == 0 ? 0 : 32 - int.LeadingZeroCount(max);
}
