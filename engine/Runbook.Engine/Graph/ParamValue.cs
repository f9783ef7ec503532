namespace Runbook.Graph;

/// <summary>A resolved param as shown in plans: secrets are already masked in <see cref="Display"/>.</summary>
public sealed record ParamValue(string Name, string Display, ParamSource Source, bool Secret);
