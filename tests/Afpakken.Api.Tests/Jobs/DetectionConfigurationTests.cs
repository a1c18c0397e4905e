using Afpakken.Engine.Contract;
using Afpakken.Engine.Pipeline;
using Microsoft.Extensions.Configuration;

namespace Afpakken.Api.Tests.Jobs;

/// <summary>The hosts (API, worker) take the detectors' settings from their configuration section "Detection".</summary>
public class DetectionConfigurationTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void The_detection_section_binds_each_detectors_settings()
    {
        var settings = Configuration(new()
        {
            ["Detection:BipartiteBurst:MinSources"] = "4",
            ["Detection:Fan:MinCounterparties"] = "7",
            ["Detection:StackLayering:MaxSpan"] = "14.00:00:00",
        }).GetSection("Detection").Get<DetectionSettings>()!.Validated("configuration");

        Assert.Equal(4, settings.BipartiteBurst.MinSources);
        Assert.Equal(7, settings.Fan.MinCounterparties);
        Assert.Equal(TimeSpan.FromDays(14), settings.StackLayering.MaxSpan);
        Assert.Equal(new DetectionSettings().Mule.MinPassThrough, settings.Mule.MinPassThrough);
    }

    [Fact]
    public void A_value_out_of_range_stops_the_service_that_would_use_it()
    {
        var settings = Configuration(new() { ["Detection:BipartiteBurst:MinSources"] = "1" }).GetSection("Detection").Get<DetectionSettings>();

        var error = Assert.Throws<InvalidInputException>(() => new PipelineService(Serilog.Core.Logger.None, TimeProvider.System, settings));
        Assert.Contains("BipartiteBurst.MinSources", error.Message, StringComparison.Ordinal);
    }
}
