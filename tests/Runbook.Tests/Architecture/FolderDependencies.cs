using System.Reflection;
using System.Reflection.Emit;

namespace Runbook.Tests.Architecture;

/// <summary>
/// Which folders (namespaces <c>Runbook.X</c>) of an assembly use which, read from the compiled code rather than from
/// <c>using</c> directives: base types, interfaces, attributes, fields, properties, method signatures, local variables
/// and every type, method and field a method body names (decoded from its IL), lambdas and async state machines
/// included (the compiler nests them in the type that wrote them). A reference written with a qualified name
/// (<c>Model.TargetMode.Any</c>) counts as much as one through a <c>using</c>. What it cannot see: constants the
/// compiler copies into the caller (<c>const</c> fields, enum members compared by value) and <c>nameof</c>.
/// </summary>
internal sealed class FolderDependencies
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything =
        BindingFlags.Public
        | BindingFlags.NonPublic
        | BindingFlags.Instance
        | BindingFlags.Static
        | BindingFlags.DeclaredOnly;

    private readonly Assembly _assembly;

    private FolderDependencies(Assembly assembly) => _assembly = assembly;

    /// <summary>
    /// Folder → folders it uses, each with one example reference
    /// ("Graph.ExecutionGraph uses Compilation.SecretMasker").
    /// </summary>
    public SortedDictionary<string, SortedDictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public static FolderDependencies Of(Assembly assembly)
    {
        var result = new FolderDependencies(assembly);
        foreach (var type in assembly.GetTypes())
        {
            var from = FolderOf(type);
            if (from is null)
                continue;
            result.Edges.TryAdd(from, new SortedDictionary<string, string>(StringComparer.Ordinal));
            foreach (var used in result.Referenced(type))
            {
                if (FolderOf(used) is not { } to || to == from)
                    continue;
                result.Edges[from].TryAdd(to, $"{Name(type)} uses {Name(used)}");
            }
        }

        return result;
    }

    /// <summary>The folder of an engine type: "Graph" for Runbook.Graph.StepNode, "(root)" for Runbook.X.</summary>
    public static string? FolderOf(Type type)
    {
        var ns = type.Namespace;
        if (ns is null || !(ns == "Runbook" || ns.StartsWith("Runbook.", StringComparison.Ordinal)))
            return null;
        return ns == "Runbook" ? "(root)" : ns.Split('.')[1];
    }

    /// <summary>The same dependencies less the given edges (from, to).</summary>
    public FolderDependencies Without(IEnumerable<(string From, string To)> edges)
    {
        var copy = new FolderDependencies(_assembly);
        foreach (var (from, uses) in Edges)
            copy.Edges[from] = new SortedDictionary<string, string>(uses, StringComparer.Ordinal);
        foreach (var (from, to) in edges)
            copy.Edges.GetValueOrDefault(from)?.Remove(to);
        return copy;
    }

    /// <summary>
    /// Every group of folders that use each other, directly or through others (strongly connected components).
    /// </summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            onStack.Add(folder);
            foreach (var next in Edges.GetValueOrDefault(folder)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], seen);
                }
            }

            if (low[folder] != index[folder])
                return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != folder);
            if (component.Count > 1)
                cycles.Add([.. component.Order(StringComparer.Ordinal)]);
        }

        foreach (var folder in Edges.Keys)
            if (!index.ContainsKey(folder))
                Visit(folder);
        return cycles;
    }

    /// <summary>The edges inside a cycle, with their example references, for the failure message.</summary>
    public IEnumerable<string> Explain(IReadOnlyCollection<string> cycle) =>
        from user in cycle
        from edge in Edges.GetValueOrDefault(user) ?? []
        where cycle.Contains(edge.Key)
        select $"{user} -> {edge.Key}: {edge.Value}";

    private IEnumerable<Type> Referenced(Type type)
    {
        var found = new List<Type>();
        if (type.BaseType is { } baseType)
            found.Add(baseType);
        found.AddRange(type.GetInterfaces());
        found.AddRange(Attributes(type.CustomAttributes));
        foreach (var field in type.GetFields(Everything))
        {
            found.Add(field.FieldType);
            found.AddRange(Attributes(field.CustomAttributes));
        }

        foreach (var property in type.GetProperties(Everything))
            found.Add(property.PropertyType);
        foreach (var e in type.GetEvents(Everything))
            if (e.EventHandlerType is { } handler)
                found.Add(handler);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
                found.Add(info.ReturnType);
            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(Attributes(method.CustomAttributes));
            if (method.GetMethodBody() is not { } body)
                continue;
            found.AddRange(body.LocalVariables.Select(l => l.LocalType));
            found.AddRange(BodyReferences(method, body.GetILAsByteArray() ?? []));
        }

        return found.SelectMany(Expand).Where(t => t.Assembly == _assembly);
    }

    private static IEnumerable<Type> Attributes(IEnumerable<CustomAttributeData> attributes) =>
        attributes.SelectMany(a => a.ConstructorArguments.Select(c => c.Value).OfType<Type>().Append(a.AttributeType));

    /// <summary>The types that tokens in a method's IL name: the member's declaring type and its signature.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } type ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length; )
        {
            short value = il[at++];
            if (value == 0xFE)
                value = unchecked((short)(0xFE00 | il[at++]));
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField
                or OperandType.InlineMethod
                or OperandType.InlineTok
                or OperandType.InlineType:
                    var member = module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    foreach (var t in TypesOf(member))
                        yield return t;
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private static IEnumerable<Type> TypesOf(MemberInfo? member) =>
        member switch
        {
            Type type => [type],
            FieldInfo field => [field.DeclaringType!, field.FieldType],
            MethodInfo m =>
            [
                m.DeclaringType!,
                m.ReturnType,
                .. m.GetParameters().Select(p => p.ParameterType),
                .. m.IsGenericMethod ? m.GetGenericArguments() : [],
            ],
            ConstructorInfo c => [c.DeclaringType!, .. c.GetParameters().Select(p => p.ParameterType)],
            _ => [],
        };

    /// <summary>A type and what it is made of: generic arguments, array and pointer element types.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.IsGenericParameter)
            yield break;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!))
                yield return t;
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (!type.IsGenericType)
            yield break;
        foreach (var argument in type.GetGenericArguments())
        {
            foreach (var t in Expand(argument))
                yield return t;
        }
    }

    private static string Name(Type type) =>
        type.FullName?.Replace("Runbook.", string.Empty, StringComparison.Ordinal) ?? type.Name;
}
