using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Afpakken.Engine.Graph;

/// <summary>
/// An open-addressing table (linear probing, load ≤ 1/2) of UTF-8 keys over a byte arena, numbering keys 0, 1, 2, …
/// in insertion order. A slot holds a 32-bit tag of the key's hash and the key's place in the arena, where its number
/// and length sit right before its bytes: a hit costs the slot and one arena read. The caller hashes
/// (<see cref="Utf8AccountInterner.Hash"/>) and must give a key the same hash every time; the table keeps each
/// key's hash for growing. One partition of <see cref="Utf8AccountInterner"/>.
/// </summary>
internal sealed class Utf8KeyTable
{
    private const int EntryHeader = 8; // int32 number, int32 length

    private ulong[] _slots;
    private int _mask;
    private byte[] _arena;
    private int _arenaUsed;
    private int[] _entryOf;
    private ulong[] _hashOf;

    public Utf8KeyTable(int expectedKeys)
    {
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expectedKeys * 2));
        _slots = new ulong[capacity];
        _mask = capacity - 1;
        _arena = new byte[Math.Max(256, expectedKeys * 32)];
        _entryOf = new int[Math.Max(16, expectedKeys)];
        _hashOf = new ulong[_entryOf.Length];
    }

    public int Count { get; private set; }

    /// <summary>Slots in the table (a power of two); doubles when half of them are taken.</summary>
    public int Capacity => _slots.Length;

    /// <summary>The number of <paramref name="utf8"/>, adding it when new; -1 (and nothing added) when it is new and not valid UTF-8.</summary>
    public int Intern(ReadOnlySpan<byte> utf8, ulong hash)
    {
        var tag = Tag(hash);
        var arena = _arena;
        var slots = _slots;
        var mask = _mask;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            var slot = slots[i];
            if (slot == 0)
            {
                return System.Text.Unicode.Utf8.IsValid(utf8) ? Add(utf8, hash, i) : -1;
            }

            if ((uint)(slot >> 32) == tag)
            {
                var at = (int)(uint)slot;
                var length = Unsafe.ReadUnaligned<int>(ref arena[at + 4]);
                if (length == utf8.Length && SameBytes(ref arena[at + EntryHeader], utf8))
                {
                    return Unsafe.ReadUnaligned<int>(ref arena[at]);
                }
            }
        }
    }

    /// <summary>
    /// Asks the processor to bring the slot a lookup of <paramref name="hash"/> starts at into the cache, without
    /// waiting for it (a no-op where there is no prefetch instruction).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchSlot(ulong hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[(int)hash & _mask]));
        }
    }

    /// <summary>
    /// Reads the slot a lookup of <paramref name="hash"/> starts at (prefetched a little earlier with
    /// <see cref="PrefetchSlot"/>) and asks for the arena entry it points to, without waiting for it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void PrefetchEntry(ulong hash)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var slot = _slots[(int)hash & _mask];
        if (slot != 0)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _arena[(int)(uint)slot]));
        }
    }

    /// <summary>The number of <paramref name="utf8"/>, or -1 when it is not in the table.</summary>
    public int Find(ReadOnlySpan<byte> utf8, ulong hash)
    {
        var tag = Tag(hash);
        for (var i = (int)hash & _mask; ; i = (i + 1) & _mask)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                return -1;
            }

            if ((uint)(slot >> 32) == tag && Key((int)(uint)slot).SequenceEqual(utf8))
            {
                return Unsafe.ReadUnaligned<int>(ref _arena[(int)(uint)slot]);
            }
        }
    }

    /// <summary>The key at <paramref name="stored"/> (as long as <paramref name="key"/>) equals <paramref name="key"/>; short keys compared inline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SameBytes(ref byte stored, ReadOnlySpan<byte> key)
    {
        var n = key.Length;
        ref var k = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(key);
        if (n is >= 16 and <= 32)
        {
            return Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref stored) == Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref k)
                && Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref Unsafe.Add(ref stored, n - 16)) == Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref Unsafe.Add(ref k, n - 16));
        }

        if (n is >= 8 and < 16)
        {
            return Unsafe.ReadUnaligned<ulong>(ref stored) == Unsafe.ReadUnaligned<ulong>(ref k)
                && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref stored, n - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref k, n - 8));
        }

        return System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref stored, n).SequenceEqual(key);
    }

    public ReadOnlySpan<byte> Utf8Of(int number) => Key(_entryOf[number]);

    private ReadOnlySpan<byte> Key(int entry) =>
        _arena.AsSpan(entry + EntryHeader, Unsafe.ReadUnaligned<int>(ref _arena[entry + 4]));

    /// <summary>Never zero, so that an empty slot (0) cannot be mistaken for an entry.</summary>
    private static uint Tag(ulong hash) => (uint)(hash >> 32) | 1u;

    private int Add(ReadOnlySpan<byte> utf8, ulong hash, int slot)
    {
        var number = Count;
        var needed = (long)_arenaUsed + EntryHeader + utf8.Length;
        if (needed > _arena.Length)
        {
            var size = Math.Min(Array.MaxLength, Math.Max(needed, (long)_arena.Length * 2));
            if (needed > size)
            {
                throw new InvalidOperationException("More key bytes than one arena can hold.");
            }

            Array.Resize(ref _arena, (int)size);
        }

        var at = _arenaUsed;
        Unsafe.WriteUnaligned(ref _arena[at], number);
        Unsafe.WriteUnaligned(ref _arena[at + 4], utf8.Length);
        utf8.CopyTo(_arena.AsSpan(at + EntryHeader));
        _arenaUsed = (int)needed;
        if (number == _entryOf.Length)
        {
            Array.Resize(ref _entryOf, number * 2);
            Array.Resize(ref _hashOf, number * 2);
        }

        _entryOf[number] = at;
        _hashOf[number] = hash;
        _slots[slot] = ((ulong)Tag(hash) << 32) | (uint)at;
        Count = number + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return number;
    }

    private void Grow()
    {
        var slots = new ulong[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var number = 0; number < Count; number++)
        {
            var at = _entryOf[number];
            var hash = _hashOf[number];
            var i = (int)hash & mask;
            while (slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = ((ulong)Tag(hash) << 32) | (uint)at;
        }

        _slots = slots;
        _mask = mask;
    }
}
