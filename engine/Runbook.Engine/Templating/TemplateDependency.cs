namespace Runbook.Templating;

/// <summary>How often a template must be rendered: once, once per batch, or once per host.</summary>
internal enum TemplateDependency
{
    Static,
    Batch,
    Host,
}
