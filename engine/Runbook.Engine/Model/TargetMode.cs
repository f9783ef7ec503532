namespace Runbook.Model;

/// <summary>How an 'on' selector applies: to each matching host, to one reachable matching host, or to all of them.</summary>
public enum TargetMode
{
    Each,
    Any,
    All,
}
