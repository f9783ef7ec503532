namespace Runbook.Model;

public sealed record EnvEntry(string Name, TemplateText Value);
