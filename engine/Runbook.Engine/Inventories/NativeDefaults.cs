using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>The 'defaults' of a native inventory: what every host gets unless it says otherwise.</summary>
internal sealed record NativeDefaults(
    string? User,
    int? Port,
    string? IdentityFile,
    ScalarSyntax? Jump,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, object?> Vars
);
