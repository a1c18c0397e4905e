using System.Buffers.Binary;
using System.Text;

namespace Afpakken.Engine.Tests.Support;

/// <summary>
/// Writes Parquet pages by hand — page headers in the Thrift compact protocol, RLE/bit-packed levels and indices —
/// for chunk layouts Parquet.Net does not write (several pages per chunk, data page v2, a dictionary that overflows).
/// </summary>
internal static class TestPages
{
    public static void Dictionary(Stream chunk, string[] values, bool snappy = false)
    {
        var body = Plain(values);
        var stored = snappy ? Snappier.Snappy.CompressToArray(body) : body;
        Header(chunk, type: 2, body.Length, stored.Length, 7, w => { Field(w, 1, 5); ZigZag(w, values.Length); Field(w, 1, 5); ZigZag(w, 0); });
        chunk.Write(stored);
    }

    /// <summary>A data page v1: the whole body (levels and values) compressed when <paramref name="snappy"/>.</summary>
    public static void DataV1(Stream chunk, int[] levels, byte[] values, int encoding, bool snappy = false, int rows = -1)
    {
        var body = new MemoryStream();
        if (levels.Length > 0)
        {
            var packed = BitPacked(1, levels);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, packed.Length);
            body.Write(length);
            body.Write(packed);
        }

        body.Write(values);
        var raw = body.ToArray();
        var stored = snappy ? Snappier.Snappy.CompressToArray(raw) : raw;
        Header(chunk, type: 0, raw.Length, stored.Length, 5, w =>
        {
            Field(w, 1, 5); ZigZag(w, rows >= 0 ? rows : levels.Length);
            Field(w, 1, 5); ZigZag(w, encoding);
            Field(w, 1, 5); ZigZag(w, 3);
            Field(w, 1, 5); ZigZag(w, 3);
        });
        chunk.Write(stored);
    }

    /// <summary>A data page v2: levels stored as they are, the values compressed when <paramref name="snappy"/>.</summary>
    public static void DataV2(Stream chunk, int[] levels, byte[] values, int encoding, bool snappy, int rows = -1)
    {
        var packed = levels.Length > 0 ? BitPacked(1, levels) : [];
        var stored = snappy ? Snappier.Snappy.CompressToArray(values) : values;
        Header(chunk, type: 3, packed.Length + values.Length, packed.Length + stored.Length, 8, w =>
        {
            Field(w, 1, 5); ZigZag(w, rows >= 0 ? rows : levels.Length);
            Field(w, 1, 5); ZigZag(w, levels.Count(l => l == 0));
            Field(w, 1, 5); ZigZag(w, rows >= 0 ? rows : levels.Length);
            Field(w, 1, 5); ZigZag(w, encoding);
            Field(w, 1, 5); ZigZag(w, packed.Length);
            Field(w, 1, 5); ZigZag(w, 0);
            w.WriteByte((byte)((1 << 4) | (snappy ? 1 : 2))); // is_compressed
        });
        chunk.Write(packed);
        chunk.Write(stored);
    }

    /// <summary>PLAIN byte arrays: a 4-byte length, then the UTF-8 bytes.</summary>
    public static byte[] Plain(params string[] values)
    {
        var body = new MemoryStream();
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            body.Write(length);
            body.Write(bytes);
        }

        return body.ToArray();
    }

    /// <summary>Dictionary indices: the bit width, then an RLE run where all are equal, else bit-packed groups.</summary>
    public static byte[] Indices(int bitWidth, int[] indices)
    {
        if (indices.Distinct().Count() == 1)
        {
            var run = new MemoryStream();
            run.WriteByte((byte)bitWidth);
            Varint(run, (ulong)indices.Length << 1);
            run.WriteByte((byte)indices[0]);
            return run.ToArray();
        }

        return [(byte)bitWidth, .. BitPacked(bitWidth, indices)];
    }

    /// <summary>DELTA_BINARY_PACKED: header, then blocks of 128 deltas in 4 miniblocks, each with its own bit width.</summary>
    public static byte[] DeltaIntegers(long[] values)
    {
        const int Block = 128;
        const int Miniblocks = 4;
        const int PerMiniblock = Block / Miniblocks;
        var output = new MemoryStream();
        Varint(output, Block);
        Varint(output, Miniblocks);
        Varint(output, (ulong)values.Length);
        Varint(output, ZigZag64(values.Length > 0 ? values[0] : 0));
        for (var start = 1; start < values.Length; start += Block)
        {
            var deltas = new long[Math.Min(Block, values.Length - start)];
            for (var d = 0; d < deltas.Length; d++)
            {
                deltas[d] = unchecked(values[start + d] - values[start + d - 1]);
            }

            var minDelta = deltas.Min();
            Varint(output, ZigZag64(minDelta));
            var used = (deltas.Length + PerMiniblock - 1) / PerMiniblock;
            var widths = new byte[Miniblocks];
            for (var m = 0; m < used; m++)
            {
                var max = deltas.Skip(m * PerMiniblock).Take(PerMiniblock).Select(d => unchecked((ulong)(d - minDelta))).Max();
                widths[m] = (byte)(64 - ulong.LeadingZeroCount(max));
            }

            output.Write(widths);
            for (var m = 0; m < used; m++)
            {
                var bytes = new byte[PerMiniblock * widths[m] / 8];
                for (var v = 0; v < PerMiniblock; v++)
                {
                    var index = (m * PerMiniblock) + v;
                    var packed = index < deltas.Length ? unchecked((ulong)(deltas[index] - minDelta)) : 0;
                    for (var b = 0; b < widths[m]; b++)
                    {
                        if (((packed >> b) & 1) != 0)
                        {
                            var bit = (v * widths[m]) + b;
                            bytes[bit / 8] |= (byte)(1 << (bit % 8));
                        }
                    }
                }

                output.Write(bytes);
            }
        }

        return output.ToArray();
    }

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: the lengths delta-encoded, then the UTF-8 bytes back to back.</summary>
    public static byte[] DeltaLengths(params string[] values)
    {
        var bytes = values.Select(Encoding.UTF8.GetBytes).ToArray();
        return [.. DeltaIntegers(bytes.Select(b => (long)b.Length).ToArray()), .. bytes.SelectMany(b => b)];
    }

    /// <summary>DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, suffix lengths, suffixes.</summary>
    public static byte[] DeltaPrefixes(params string[] values)
    {
        var bytes = values.Select(Encoding.UTF8.GetBytes).ToArray();
        var prefixes = new long[bytes.Length];
        for (var i = 1; i < bytes.Length; i++)
        {
            prefixes[i] = bytes[i].AsSpan().CommonPrefixLength(bytes[i - 1]);
        }

        var suffixes = bytes.Select((b, i) => b[(int)prefixes[i]..]).ToArray();
        return [.. DeltaIntegers(prefixes), .. DeltaIntegers(suffixes.Select(s => (long)s.Length).ToArray()), .. suffixes.SelectMany(s => s)];
    }

    private static ulong ZigZag64(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static byte[] BitPacked(int bitWidth, int[] values)
    {
        var groups = (values.Length + 7) / 8;
        var output = new MemoryStream();
        Varint(output, ((ulong)groups << 1) | 1);
        var bytes = new byte[groups * bitWidth];
        for (var i = 0; i < values.Length; i++)
        {
            for (var b = 0; b < bitWidth; b++)
            {
                if (((values[i] >> b) & 1) != 0)
                {
                    var bit = (i * bitWidth) + b;
                    bytes[bit / 8] |= (byte)(1 << (bit % 8));
                }
            }
        }

        output.Write(bytes);
        return output.ToArray();
    }

    private static void Header(Stream chunk, int type, int uncompressed, int compressed, int structField, Action<Stream> inner)
    {
        Field(chunk, 1, 5); ZigZag(chunk, type);
        Field(chunk, 1, 5); ZigZag(chunk, uncompressed);
        Field(chunk, 1, 5); ZigZag(chunk, compressed);
        chunk.WriteByte(0x15); // crc, field 4: skipped by the reader
        ZigZag(chunk, 12345);
        Field(chunk, structField - 4, 12);
        inner(chunk);
        chunk.WriteByte(0);
        chunk.WriteByte(0);
    }

    private static void Field(Stream s, int delta, int type) => s.WriteByte((byte)((delta << 4) | type));

    private static void ZigZag(Stream s, int value) => Varint(s, (ulong)(uint)((value << 1) ^ (value >> 31)));

    private static void Varint(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        s.WriteByte((byte)value);
    }
}
