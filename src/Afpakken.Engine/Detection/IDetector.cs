using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>A typology detector: reads the graph, returns explained alerts.</summary>
public interface IDetector
{
    string Typology { get; }

    IReadOnlyList<Alert> Detect(FlowGraph graph);
}
