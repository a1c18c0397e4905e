namespace Afpakken.Api.Security;

/// <summary>Authorization policy names; each role also has a policy of its own name.</summary>
internal static class Policies
{
    /// <summary>Alerts hold personal data: analysts, prosecutors and admins; not engineers.</summary>
    public const string ReadAlerts = "read-alerts";

    /// <summary>Asset overviews and confiscation candidates: prosecutors and admins (an overview needs a case number).</summary>
    public const string ReadConfiscation = "read-confiscation";

    /// <summary>The job dashboard: engineers and admins.</summary>
    public const string OperateJobs = "operate-jobs";
}
