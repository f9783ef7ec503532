namespace Runbook.Model;

public enum MatchKind
{
    Equals,
    Contains,
    Regex,
}
