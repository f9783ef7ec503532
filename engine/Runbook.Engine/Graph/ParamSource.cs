namespace Runbook.Graph;

public enum ParamSource
{
    Default,
    CommandLine,
    Environment,
}
