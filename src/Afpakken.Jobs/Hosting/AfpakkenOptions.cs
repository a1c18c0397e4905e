using System.ComponentModel.DataAnnotations;
using Afpakken.Engine.Storage;

namespace Afpakken.Jobs.Hosting;

/// <summary>Host settings shared by the API and the worker, bound from the <c>Afpakken</c> section.</summary>
public sealed class AfpakkenOptions
{
    public const string SectionName = "Afpakken";

    /// <summary>Root of the data directory (store, curated data, drop folder, Hangfire storage). Relative paths resolve against the current directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>When the API starts on a store without alerts, enqueue the demo world job once.</summary>
    public bool DemoOnEmptyStore { get; set; } = true;

    /// <summary>Run a Hangfire server inside this process (the API by default; the worker always).</summary>
    public bool RunWorker { get; set; } = true;

    public DataLayout Layout() => new(DataDirectory);
}
