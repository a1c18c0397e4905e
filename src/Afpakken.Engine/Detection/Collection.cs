using Afpakken.Engine.Contract;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Detection;

/// <summary>What counts as a credit collected for an underground banker.</summary>
internal static class Collection
{
    /// <summary>
    /// Per channel code: direct debits and card payments are a business billing its customers (rent, energy, shop
    /// sales), not people handing money over for payment abroad, so they never count as collected credits.
    /// </summary>
    public static bool[] BillingChannels(FlowGraph graph) =>
        [.. graph.ChannelNames.Select(c => c is Channels.Ach or Channels.Card)];
}
