using System.Reflection;
using System.Text;
using Runbook.Tests.Support;

namespace Runbook.Tests.Architecture;

/// <summary>
/// What a host program can use of the engine: the front door (RunbookEngine) and the types its signatures, observers
/// and transports need. Everything else is internal (the CLI and the tests see it through InternalsVisibleTo). The
/// list is a snapshot: making something public is a reviewed change, shown in the diff of PublicApi.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_of_the_engine_is_what_PublicApi_txt_lists()
    {
        var assembly = typeof(RunbookEngine).Assembly;
        var sb = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(Kind(type)).Append(' ').Append(type.FullName).Append('\n');
            var members = type.GetMembers(
                    BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly
                )
                .Where(m => m is not MethodInfo { IsSpecialName: true } && !IsCompilerMade(m))
                .Select(Describe)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
                sb.Append("  ").Append(member).Append('\n');
        }

        Snapshot.Match(sb.ToString(), "Architecture/PublicApi.txt");
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? "struct"
        : type.GetMethod("<Clone>$") is not null ? "record"
        : type.IsAbstract && type.IsSealed ? "static class"
        : "class";

    // Record plumbing (EqualityContract, <Clone>$, Deconstruct, PrintMembers) says nothing about the API.
    private static bool IsCompilerMade(MemberInfo m) =>
        m.Name.StartsWith('<')
        || m.Name is "Deconstruct" or "PrintMembers" or "EqualityContract" or "GetHashCode" or "Equals" or "ToString"
        || m.DeclaringType?.IsEnum == true && m.Name == "value__";

    private static string Describe(MemberInfo member) =>
        member switch
        {
            ConstructorInfo c => $"ctor({Parameters(c)})",
            MethodInfo m => $"{Name(m.ReturnType)} {m.Name}({Parameters(m)})",
            PropertyInfo p => $"{Name(p.PropertyType)} {p.Name}",
            FieldInfo f => $"{Name(f.FieldType)} {f.Name}",
            EventInfo e => $"event {e.Name}",
            Type t => $"nested {t.Name}",
            _ => member.Name,
        };

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => Name(p.ParameterType)));

    private static string Name(Type type)
    {
        if (!type.IsGenericType)
            return type.Name;
        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }
}
