namespace Runbook.Model;

/// <summary>
/// How an 'on' selector applies: to each matching host, to one reachable matching host, or to all of them; or, for
/// 'on: local', on the controller (the machine running runbook) for each host of the batch.
/// </summary>
public enum TargetMode
{
    Each,
    Any,
    All,
    Local,
}
