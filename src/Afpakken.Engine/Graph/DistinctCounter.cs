namespace Afpakken.Engine.Graph;

/// <summary>
/// Counts distinct accounts with a stamp per account instead of a hash set: starting a new count is O(1), where
/// clearing a hash set costs its capacity — which, after one hub, made every later account pay for the hub.
/// </summary>
internal sealed class DistinctCounter(int accounts)
{
    private readonly int[] _stamp = new int[accounts];
    private int _generation;

    public int Count { get; private set; }

    public void Reset()
    {
        Count = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    /// <summary>True when <paramref name="account"/> was not counted since the last reset.</summary>
    public bool Add(int account)
    {
        if (_stamp[account] == _generation)
        {
            return false;
        }

        _stamp[account] = _generation;
        Count++;
        return true;
    }
}
