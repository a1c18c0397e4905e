using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Scoring;

namespace Afpakken.Engine.Pipeline;

/// <summary>One detection over the curated store, in memory: the window, the graph, the alerts and the scores.</summary>
public sealed record DetectionRun(
    string RunId, DetectionWindow Window, FlowGraph Graph, IReadOnlyList<Alert> Alerts, ScoreBook Scores,
    IReadOnlyList<AlertCase> Cases, IReadOnlyList<Facilitator> Facilitators);
