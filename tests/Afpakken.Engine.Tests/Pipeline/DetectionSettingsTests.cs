using Afpakken.Engine.Contract;
using Afpakken.Engine.Detection;
using Afpakken.Engine.Graph;
using Afpakken.Engine.Pipeline;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Pipeline;

/// <summary>Every detector is configurable from a JSON file (the CLI's --detection-config), checked against the declared ranges.</summary>
public sealed class DetectionSettingsTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, $"detection-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_file_changes_the_sections_it_names_and_leaves_the_rest_at_their_defaults()
    {
        var settings = DetectionSettings.Load(Write("""
            // comments allowed
            { "Mule": { "MinPassThrough": 0.85 }, "StackLayering": { "MaxSpan": "14.00:00:00" },
              "Structuring": { "Thresholds": [ 15000 ] } }
            """));

        Assert.Equal(0.85, settings.Mule.MinPassThrough);
        Assert.Equal(TimeSpan.FromDays(14), settings.StackLayering.MaxSpan);
        Assert.Equal([15_000m], settings.Structuring.Thresholds);
        Assert.Equal(new CycleOptions().MaxHops, settings.Cycle.MaxHops);
        Assert.Equal(new BipartiteBurstOptions().MinSources, settings.BipartiteBurst.MinSources);
    }

    [Fact]
    public void An_unknown_setting_a_value_out_of_range_and_a_missing_file_are_refused_by_name()
    {
        var unknown = Assert.Throws<InvalidInputException>(() => DetectionSettings.Load(Write("""{ "Mule": { "MinPassThrougth": 0.85 } }""")));
        Assert.Contains("MinPassThrougth", unknown.Message, StringComparison.Ordinal);

        var range = Assert.Throws<InvalidInputException>(() => DetectionSettings.Load(Write("""{ "BipartiteBurst": { "MinSources": 1 } }""")));
        Assert.Contains("BipartiteBurst.MinSources", range.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidInputException>(() => DetectionSettings.Load(Path.Combine(_dir, "none.json")));
    }

    [Fact]
    public void The_detectors_take_their_settings_from_them()
    {
        // Two accounts each paying the same two: below the default set size, found when the setting allows pairs.
        var graph = new FlowGraphBuilder();
        foreach (var s in new[] { "S1", "S2" })
        {
            foreach (var t in new[] { "T1", "T2" })
            {
                graph.Transfer(s, t, 9_000m, Some.Day(1));
            }
        }

        var built = graph.Build();
        int Found(DetectionSettings settings) => DetectorSet.Create(settings, StrawManEvidence.None, AccountProfiles.None)
            .SelectMany(d => d.Detect(built)).Count(a => a.Typology == Typologies.BipartiteLayering);

        Assert.Equal(0, Found(new DetectionSettings()));
        Assert.Equal(1, Found(new DetectionSettings { BipartiteBurst = new BipartiteBurstOptions { MinSources = 2 } }));
    }
}
