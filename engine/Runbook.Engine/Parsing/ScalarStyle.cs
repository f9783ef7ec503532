namespace Runbook.Parsing;

internal enum ScalarStyle
{
    Plain,
    Quoted,
    Block,
}
