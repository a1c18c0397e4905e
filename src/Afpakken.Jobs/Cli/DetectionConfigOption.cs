using System.CommandLine;
using Afpakken.Engine.Pipeline;

namespace Afpakken.Jobs.Cli;

/// <summary><c>--detection-config FILE</c>: the detectors' settings (<see cref="DetectionSettings"/>) for the commands that detect.</summary>
internal static class DetectionConfigOption
{
    public static Option<string?> Create() => new("--detection-config")
    {
        Description = "Detector settings: a JSON file with the sections to change, e.g. {\"Mule\": {\"MinPassThrough\": 0.85}}; default: built-in",
    };

    /// <summary>The settings the option names, or the defaults.</summary>
    public static DetectionSettings Load(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } file ? DetectionSettings.Load(file) : new DetectionSettings();
}
