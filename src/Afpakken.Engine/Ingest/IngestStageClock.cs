using System.Diagnostics;

namespace Afpakken.Engine.Ingest;

internal enum IngestStage
{
    Read,
    Validate,
    Write,
    Commit,
}

/// <summary>Milliseconds spent per ingest stage, for the structured log line that tells a data engineer where time goes.</summary>
internal sealed class IngestStageClock
{
    private readonly long[] _ticks = new long[4];

    public long this[IngestStage stage] => _ticks[(int)stage] * 1000 / Stopwatch.Frequency;

    public Span Start(IngestStage stage) => new(this, stage, Stopwatch.GetTimestamp());

    public async IAsyncEnumerable<T> Time<T>(IAsyncEnumerable<T> source, IngestStage stage)
    {
        await using var enumerator = source.GetAsyncEnumerator();
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            var more = await enumerator.MoveNextAsync();
            _ticks[(int)stage] += Stopwatch.GetTimestamp() - start;
            if (!more)
            {
                yield break;
            }

            yield return enumerator.Current;
        }
    }

    internal struct Span(IngestStageClock clock, IngestStage stage, long start) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (!_done)
            {
                _done = true;
                clock._ticks[(int)stage] += Stopwatch.GetTimestamp() - start;
            }
        }
    }
}
