using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Fan-out: one account pays many distinct one-off recipients within a short window (domain.md §3), far more
/// than its own usual weekly counterparties — payroll, whose recipients recur every month, does not fire.
/// </summary>
public sealed class FanOutDetector(FanDetectionOptions options) : IDetector
{
    public string Typology => Typologies.FanOut;

    public IReadOnlyList<Alert> Detect(FlowGraph graph) =>
        new CounterpartyBurstScan(graph, incoming: false, options.FanOutWindow, options).Run()
            .Select(b => BurstAlerts.ToAlert(graph, b, Typology, nameof(FanOutDetector), options, incoming: false))
            .ToList();
}
