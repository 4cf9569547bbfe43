namespace CommunityCluster.Soak.Tests;

/// <summary>The faults a soak injects; each lasts a drawn number of seconds and then is healed.</summary>
public enum SoakFault
{
    /// <summary>kill -9 (a power cut), then started again on the same disk and address.</summary>
    Kill,

    /// <summary>SIGSTOP then SIGCONT: a frozen box, which may be downed meanwhile and exit 3.</summary>
    Freeze,

    /// <summary>SIGTERM (the node leaves the cluster), then started again.</summary>
    Stop,

    /// <summary>The home's link set down in its namespace (root only), then up again.</summary>
    Cut,

    /// <summary>The home's link shaped by htb to ADSL speed (root only); the home stays up.</summary>
    Adsl,

    /// <summary>
    /// A full disk, as a quota: the home restarted with STORAGE_QUOTA of 1 MB, below what it
    /// already stores, so its store refuses every new chunk and placement stops choosing it; then
    /// restarted with its usual quota. Unlike a real full disk, its logs and Distributed Data
    /// files can still be written: the soak tests the photo store's side of a full disk only.
    /// </summary>
    Full,
}

public static class SoakFaults
{
    /// <summary>Faults that take the home away from the community for their whole length.</summary>
    public static bool TakesHomeDown(this SoakFault fault) => fault != SoakFault.Adsl;

    /// <summary>The seconds a fault lasts, drawn from the schedule's random source.</summary>
    public static int DrawSeconds(this SoakFault fault, Random random) => fault switch
    {
        SoakFault.Kill => random.Next(5, 21),
        SoakFault.Freeze => random.Next(3, 21),
        SoakFault.Stop => random.Next(5, 16),
        SoakFault.Cut => random.Next(5, 31),
        SoakFault.Adsl => random.Next(15, 41),
        _ => random.Next(15, 41),
    };
}
