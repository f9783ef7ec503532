using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>
/// An included file as one include item brought it in: its params, the <c>with:</c> values bound to them, and the
/// include that brought in the including file (null when that is the runbook). Steps and gates read from the file
/// point here, so the compiler renders them with these params (not the runbook's) and a message about one of them
/// also names the include. One object per include item: the same file included twice is two origins.
/// </summary>
internal sealed class IncludeOrigin(
    string path,
    IReadOnlyList<ParamDefinition> parameters,
    IReadOnlyList<IncludeArgument> arguments,
    IncludeOrigin? parent,
    IncludeSite site
)
{
    /// <summary>The included file as named in diagnostics: relative to the current directory, or REV:PATH.</summary>
    public string Path { get; } = path;

    public IReadOnlyList<ParamDefinition> Params { get; } = parameters;

    public IReadOnlyList<IncludeArgument> Arguments { get; } = arguments;

    public IncludeOrigin? Parent { get; } = parent;

    public IncludeSite Site { get; } = site;
}

/// <summary>
/// One <c>with:</c> entry: a literal already checked against the param's type (<see cref="Value"/>), or a template over
/// the includer's params and vars (<see cref="Template"/>), rendered and checked when compiling.
/// </summary>
internal sealed record IncludeArgument(string Name, object? Value, TemplateText? Template, SourceSpan Span);
