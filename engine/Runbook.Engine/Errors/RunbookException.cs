namespace Runbook.Errors;

/// <summary>The base of the few exceptions the engine lets reach the CLI; each maps to one exit code there.</summary>
public abstract class RunbookException : Exception
{
    protected RunbookException(string message)
        : base(message) { }
}
