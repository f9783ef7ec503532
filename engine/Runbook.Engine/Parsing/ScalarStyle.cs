namespace Runbook.Parsing;

public enum ScalarStyle
{
    Plain,
    Quoted,
    Block,
}
