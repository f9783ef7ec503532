namespace Runbook.Lab;

/// <summary>
/// The stand-in scripts of lab/bin (systemctl, sudo, rke2, kubectl, …), embedded in the lab assembly and written into
/// the lab directory at <c>lab up</c>, so a lab works from any working directory and from an installed CLI.
/// </summary>
internal static class LabScripts
{
    private const string Prefix = "Runbook.lab.bin.";

    public static IReadOnlyList<string> Names { get; } =
        typeof(LabScripts)
            .Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    public static void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in Names)
        {
            var path = Path.Combine(directory, name);
            using (var resource = typeof(LabScripts).Assembly.GetManifestResourceStream(Prefix + name)!)
            using (var file = File.Create(path))
            {
                resource.CopyTo(file);
            }

            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(
                    path,
                    UnixFileMode.UserRead
                        | UnixFileMode.UserWrite
                        | UnixFileMode.UserExecute
                        | UnixFileMode.GroupRead
                        | UnixFileMode.GroupExecute
                        | UnixFileMode.OtherRead
                        | UnixFileMode.OtherExecute
                );
        }
    }
}
