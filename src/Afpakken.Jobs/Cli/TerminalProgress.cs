using System.Diagnostics;
using System.Globalization;

namespace Afpakken.Jobs.Cli;

/// <summary>
/// A one-line progress display on stderr when it is a terminal: rows read and rate, redrawn at most five times a
/// second. When stderr is redirected (a scheduler, a log file) it shows nothing; the structured log lines tell.
/// </summary>
internal sealed class TerminalProgress : IProgress<long>, IDisposable
{
    private readonly string _label;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _enabled = !Console.IsErrorRedirected;
    private long _lastDrawMs = -1000;
    private bool _drawn;

    public TerminalProgress(string label) => _label = label;

    public void Report(long value)
    {
        if (!_enabled || _clock.ElapsedMilliseconds - _lastDrawMs < 200)
        {
            return;
        }

        _lastDrawMs = _clock.ElapsedMilliseconds;
        var rate = value / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var text = string.Create(CultureInfo.InvariantCulture, $"\r{_label}: {value,12:N0} rows  {rate,10:N0} rows/s  {_clock.Elapsed:mm\\:ss}");
        Console.Error.Write(text);
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn)
        {
            Console.Error.WriteLine();
        }
    }
}
