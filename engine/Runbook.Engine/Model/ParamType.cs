namespace Runbook.Model;

public enum ParamType
{
    String,
    Int,
    Bool,
    Duration,
    List,
}
