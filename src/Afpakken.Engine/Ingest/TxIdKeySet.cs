namespace Afpakken.Engine.Ingest;

/// <summary>
/// A set of 128-bit tx id hashes in one flat array (open addressing, linear probing): 16 bytes a slot at a load of at
/// most 4/5, against the 30–40 bytes a key of a <see cref="HashSet{T}"/> of <see cref="UInt128"/> costs with its
/// growth. The keys are hashes already, so their low 64 bits pick the slot (scaled to the capacity, which need not be
/// a power of two: sized from the expected count, 10M keys take 200 MB). The all-zero key marks an empty slot and is
/// kept aside.
/// </summary>
internal sealed class TxIdKeySet
{
    private const int MinCapacity = 1 << 10;

    private UInt128[] _slots;
    private int _growAt;
    private bool _hasZero;

    /// <param name="expected">Keys expected; the set grows past it, but sized right it never has to.</param>
    public TxIdKeySet(long expected = 0)
    {
        var capacity = (int)Math.Clamp((expected * 5 / 4) + 1, MinCapacity, Array.MaxLength);
        _slots = new UInt128[capacity];
        _growAt = GrowAt(capacity);
    }

    private static int GrowAt(int capacity) => (int)(capacity * 4L / 5);

    /// <summary>The home slot of a key: its low 64 bits scaled to the capacity (multiply, keep the high half).</summary>
    private static int Home(UInt128 key, int capacity) => (int)Math.BigMul((ulong)key, (ulong)capacity, out _);

    public int Count { get; private set; }

    public bool Contains(UInt128 key)
    {
        if (key == UInt128.Zero)
        {
            return _hasZero;
        }

        var slots = _slots;
        for (var i = Home(key, slots.Length); ; i = i + 1 == slots.Length ? 0 : i + 1)
        {
            var slot = slots[i];
            if (slot == key)
            {
                return true;
            }

            if (slot == UInt128.Zero)
            {
                return false;
            }
        }
    }

    /// <summary>Adds <paramref name="key"/>; false when it was there already.</summary>
    public bool Add(UInt128 key)
    {
        if (key == UInt128.Zero)
        {
            var added = !_hasZero;
            _hasZero = true;
            Count += added ? 1 : 0;
            return added;
        }

        if (Count >= _growAt)
        {
            Grow();
        }

        var slots = _slots;
        for (var i = Home(key, slots.Length); ; i = i + 1 == slots.Length ? 0 : i + 1)
        {
            var slot = slots[i];
            if (slot == key)
            {
                return false;
            }

            if (slot == UInt128.Zero)
            {
                slots[i] = key;
                Count++;
                return true;
            }
        }
    }

    /// <summary>
    /// Loads the slots of <paramref name="keys"/> into the cache with independent reads, so that the processor waits
    /// for their misses together rather than one by one in <see cref="Add"/> and <see cref="Contains"/>.
    /// </summary>
    public void Prefetch(ReadOnlySpan<UInt128> keys)
    {
        var slots = _slots;
        ulong touched = 0;
        foreach (var key in keys)
        {
            touched ^= (ulong)slots[Home(key, slots.Length)];
        }

        _touched = touched;
    }

    // Keeps the reads of Prefetch from being optimised away.
    private ulong _touched;

    /// <summary>The keys, in no particular order.</summary>
    public IEnumerable<UInt128> Keys
    {
        get
        {
            if (_hasZero)
            {
                yield return UInt128.Zero;
            }

            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] != UInt128.Zero)
                {
                    yield return _slots[i];
                }
            }
        }
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new UInt128[(int)Math.Min(old.Length * 2L, Array.MaxLength)];
        foreach (var key in old)
        {
            if (key == UInt128.Zero)
            {
                continue;
            }

            var i = Home(key, slots.Length);
            while (slots[i] != UInt128.Zero)
            {
                i = i + 1 == slots.Length ? 0 : i + 1;
            }

            slots[i] = key;
        }

        _slots = slots;
        _growAt = GrowAt(slots.Length);
    }
}
