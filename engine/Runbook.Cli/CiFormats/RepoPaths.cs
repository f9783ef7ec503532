namespace Runbook.Cli.CiFormats;

/// <summary>
/// A diagnostic's file as CI services want it: relative to the working directory (the checkout, where a workflow
/// runs runbook), with '/' separators. GitHub matches annotations and code scanning alerts to the pull request's
/// files by such paths; an absolute path or a '\' would match nothing.
/// </summary>
internal static class RepoPaths
{
    /// <summary>The path relative to <paramref name="root"/>; a file outside it keeps its full path.</summary>
    public static string Relative(string file, string root)
    {
        if (file.Length == 0)
            return file;
        var relative = Path.IsPathRooted(file) ? Path.GetRelativePath(root, file) : file;
        if (relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            relative = Path.GetFullPath(file);
        relative = relative.Replace('\\', '/');
        return relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative;
    }

    /// <summary>
    /// The path as a URI reference (SARIF's artifactLocation.uri): each segment percent-encoded, so a space or a '#'
    /// in a file name stays part of the path; a file outside the checkout becomes a file: URI.
    /// </summary>
    public static string Uri(string file, string root)
    {
        var path = Relative(file, root);
        var encoded = string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));
        return path.StartsWith('/') ? "file://" + encoded : encoded;
    }
}
