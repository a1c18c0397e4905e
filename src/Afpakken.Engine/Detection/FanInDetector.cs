using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>
/// Fan-in / funnel: many distinct one-off senders pay one account within a short window (domain.md §3),
/// far more than the account's own usual weekly counterparties and its usual monthly inflow.
/// </summary>
public sealed class FanInDetector(FanDetectionOptions options) : IDetector
{
    public string Typology => Typologies.FanIn;

    public IReadOnlyList<Alert> Detect(FlowGraph graph) =>
        new CounterpartyBurstScan(graph, incoming: true, options.FanInWindow, options).Run()
            .Select(b => BurstAlerts.ToAlert(graph, b, Typology, nameof(FanInDetector), options, incoming: true))
            .ToList();
}
