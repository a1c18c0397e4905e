using Serilog.Core;
using Serilog.Events;

namespace Afpakken.Api.Tests.Support;

/// <summary>Keeps the log events a test host writes, to assert on structured properties.</summary>
public sealed class CollectingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
