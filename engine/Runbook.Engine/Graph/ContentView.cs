namespace Runbook.Graph;

/// <summary>
/// What a step puts on its host, as <c>runbook diff</c> compares it: <see cref="Digest"/> tells a change, and
/// <see cref="Text"/> (null for a secret, a binary file or one too large to show) is diffed line by line.
/// <see cref="Hidden"/> says why there is no text ("secret", "binary").
/// </summary>
internal sealed record ContentView(string Digest, string? Text, string? Hidden);
