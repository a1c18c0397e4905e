namespace Afpakken.Engine.Ingest;

/// <summary>
/// A set of 128-bit tx id hashes in one flat array (open addressing, linear probing): 16 bytes a slot at a load of at
/// most 3/4, against the 30–40 bytes a key of a <see cref="HashSet{T}"/> of <see cref="UInt128"/> costs with its
/// growth. The keys are hashes already, so their low bits pick the slot. The all-zero key marks an empty slot and
/// is kept aside.
/// </summary>
internal sealed class TxIdKeySet
{
    private const int MinCapacity = 1 << 10;

    private UInt128[] _slots;
    private int _mask;
    private int _growAt;
    private bool _hasZero;

    /// <param name="expected">Keys expected; the set grows past it, but sized right it never has to.</param>
    public TxIdKeySet(long expected = 0)
    {
        var capacity = MinCapacity;
        while (capacity < 1 << 30 && capacity * 3L / 4 < expected)
        {
            capacity <<= 1;
        }

        _slots = new UInt128[capacity];
        _mask = capacity - 1;
        _growAt = capacity / 4 * 3;
    }

    public int Count { get; private set; }

    public bool Contains(UInt128 key)
    {
        if (key == UInt128.Zero)
        {
            return _hasZero;
        }

        var slots = _slots;
        for (var i = (int)(ulong)key & _mask; ; i = (i + 1) & _mask)
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
        for (var i = (int)(ulong)key & _mask; ; i = (i + 1) & _mask)
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
            touched ^= (ulong)slots[(int)(ulong)key & _mask];
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
        _slots = new UInt128[old.Length * 2];
        _mask = _slots.Length - 1;
        _growAt = _slots.Length / 4 * 3;
        foreach (var key in old)
        {
            if (key == UInt128.Zero)
            {
                continue;
            }

            var i = (int)(ulong)key & _mask;
            while (_slots[i] != UInt128.Zero)
            {
                i = (i + 1) & _mask;
            }

            _slots[i] = key;
        }
    }
}
