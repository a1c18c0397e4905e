namespace Afpakken.Engine.Generation;

/// <summary>
/// xoshiro256** seeded through SplitMix64: small, fast and the same on every machine and runtime, so a seed
/// always yields the same world (System.Random's algorithm is not a contract).
/// </summary>
internal sealed class WorldRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public WorldRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>An independent stream for a sub-task, so that adding draws in one part does not shift another.</summary>
    public WorldRandom Fork(ulong stream) => new(NextULong() ^ (stream * 0x9E3779B97F4A7C15UL));

    public static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stable hash of a number, for per-entity traits that must not consume stream draws.</summary>
    public static ulong Hash(ulong x) => SplitMix(ref x);

    public ulong NextULong()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max) => (int)((NextULong() >> 32) * (ulong)max >> 32);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [min, max).</summary>
    public long NextLong(long min, long max) => min + (long)(NextULong() % (ulong)(max - min));

    public double Uniform(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Log-normal with the given median; <paramref name="sigma"/> is the spread of the log.</summary>
    public double LogNormal(double median, double sigma)
    {
        // Box–Muller; one of the pair is enough here.
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return median * Math.Exp(sigma * normal);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
