namespace Runbook.Diagnostics;

/// <summary>The catalogue of diagnostic codes. Codes are a contract: never renumber one; retire it instead.</summary>
public static partial class Codes
{
    // Files and YAML
    public static readonly DiagnosticCode YamlSyntax = new(
        "RB0001",
        "YAML syntax error",
        "check indentation and quoting around this position"
    );
    public static readonly DiagnosticCode EmptyFile = new(
        "RB0002",
        "empty file",
        "a runbook starts with 'runbook: NAME'; an inventory with 'hosts:'"
    );
    public static readonly DiagnosticCode NotText = new(
        "RB0003",
        "not a text file",
        "runbooks and inventories are UTF-8 text files"
    );
    public static readonly DiagnosticCode FileTooLarge = new("RB0004", "file too large");
    public static readonly DiagnosticCode TooDeep = new("RB0005", "nesting too deep", "flatten the structure");
    public static readonly DiagnosticCode DuplicateKey = new(
        "RB0006",
        "duplicate key",
        "remove or rename one of the two keys"
    );
    public static readonly DiagnosticCode FileUnreadable = new("RB0007", "file cannot be read");
    public static readonly DiagnosticCode UnsupportedYaml = new("RB0008", "unsupported YAML feature");

    // Structure
    public static readonly DiagnosticCode UnknownKey = new("RB0010", "unknown key");
    public static readonly DiagnosticCode WrongType = new("RB0011", "wrong type");
    public static readonly DiagnosticCode MissingKey = new("RB0012", "required key missing");
    public static readonly DiagnosticCode InvalidValue = new("RB0013", "invalid value");
    public static readonly DiagnosticCode StepKind = new(
        "RB0014",
        "step needs exactly one kind",
        "give the step one of 'run', 'wait', 'verify', 'upload', 'template', 'fetch' or 'pause'"
    );
    public static readonly DiagnosticCode InvalidName = new(
        "RB0015",
        "invalid name",
        "use letters, digits, '_' and '-', starting with a letter"
    );
    public static readonly DiagnosticCode CaptureOnWait = new(
        "RB0016",
        "capture on a wait step",
        "put 'capture' on the 'run' or 'verify' step whose output you need"
    );
    public static readonly DiagnosticCode UnacceptableRisk = new("RB0017", "risk cannot be accepted");
    public static readonly DiagnosticCode LocalBecome = new(
        "RB0018",
        "become on a local step",
        "drop 'become' (the step runs as the user running runbook), or run the step on its host"
    );
    public static readonly DiagnosticCode RetriesNotHere = new(
        "RB0019",
        "retries on a step that is not 'run'",
        "put 'retries' on a 'run' step; a 'verify' step retries by itself every 'every' within 'within'"
    );
    public static readonly DiagnosticCode LocalFile = new(
        "RB0023",
        "local file missing or unreadable",
        "an upload's or template's 'src' is relative to the runbook file"
    );

    // Values
    public static readonly DiagnosticCode BadDuration = new(
        "RB0020",
        "bad duration",
        "write a duration like 500ms, 10s, 5m, 1h or 1h30m"
    );
    public static readonly DiagnosticCode BadSerial = new(
        "RB0021",
        "bad serial",
        "write serial as a host count (1), a percentage (\"25%\") or a ramp ([1, 2, \"50%\"])"
    );
    public static readonly DiagnosticCode BadRegex = new("RB0022", "bad regular expression");

    // Selectors
    public static readonly DiagnosticCode BadSelector = new(
        "RB0030",
        "bad selector",
        "selectors look like role=etcd, role in (etcd, control-plane), label.zone=a, name=cp-* and combine with "
            + "and/or/not"
    );
    public static readonly DiagnosticCode EmptySelection = new(
        "RB0031",
        "selector matches no host",
        "check the role names in the inventory, or set 'allow_empty: true' on the phase"
    );
    public static readonly DiagnosticCode BadLimit = new(
        "RB0032",
        "bad limit",
        "a limit is a selector (role=etcd and label.zone=a) or an Ansible host pattern (web:&zone_a:!web3, web[0:2])"
    );

    public static readonly DiagnosticCode EmptyLimit = new(
        "RB0033",
        "limit matches no host",
        "check the group, role and host names against the inventory"
    );

    // Names
    public static readonly DiagnosticCode DuplicatePhase = new(
        "RB0040",
        "duplicate phase name",
        "phase names must be unique: rename one of them"
    );
    public static readonly DiagnosticCode DuplicateStep = new(
        "RB0041",
        "duplicate step name",
        "step names must be unique within a phase: rename one of them"
    );
    public static readonly DiagnosticCode DuplicateHost = new("RB0042", "duplicate host");
    public static readonly DiagnosticCode UnknownJumpHost = new(
        "RB0043",
        "unknown jump host",
        "name a host defined in the same inventory"
    );

    // Templates
    public static readonly DiagnosticCode UndefinedParam = new("RB0050", "undefined param");
    public static readonly DiagnosticCode UndefinedVar = new("RB0051", "undefined var");
    public static readonly DiagnosticCode UnknownTemplateName = new(
        "RB0052",
        "unknown template variable",
        "templates can use host, hosts, params, vars, phase, batch and captures"
    );
    public static readonly DiagnosticCode TemplateSyntax = new("RB0053", "template syntax error");
    public static readonly DiagnosticCode TemplateRender = new("RB0054", "template cannot be rendered");
    public static readonly DiagnosticCode UnknownFilter = new("RB0055", "unknown template filter");
    public static readonly DiagnosticCode UndefinedCapture = new("RB0056", "undefined capture");
    public static readonly DiagnosticCode CapturesNotHere = new(
        "RB0057",
        "captures cannot be read here",
        "captures can be read in a step's 'run', 'verify' and 'when'"
    );
    public static readonly DiagnosticCode ParamsOnly = new(
        "RB0058",
        "template reads more than params",
        "'serial', 'max_failures', 'max_fail_percent' and 'retries' are resolved when compiling: they read "
            + "params only"
    );
    public static readonly DiagnosticCode NestedShellValue = new(
        "RB0059",
        "value in a nested shell's script without shell_quote_nested",
        "add '| shell_quote_nested', or pass the value as an argument of the script"
    );

    // Params
    public static readonly DiagnosticCode UnknownParamOverride = new("RB0060", "unknown param");
    public static readonly DiagnosticCode BadParamValue = new("RB0061", "bad param value");
    public static readonly DiagnosticCode MissingParam = new(
        "RB0062",
        "param has no value",
        "give it a default in the runbook or pass --param NAME=VALUE"
    );
    public static readonly DiagnosticCode SecretTooShort = new(
        "RB0063",
        "secret too short to mask",
        "use a secret of at least 4 characters"
    );

    // Includes (`- include: FILE` with `with:` in a list of steps or gates; docs/language.md "Includes")
    public static readonly DiagnosticCode IncludeUnreadable = new(
        "RB0120",
        "included file cannot be read",
        "an include path is relative to the file that includes it"
    );
    public static readonly DiagnosticCode IncludeCycle = new(
        "RB0121",
        "include cycle",
        "a file cannot include itself, directly or through the files it includes"
    );
    public static readonly DiagnosticCode IncludeTooDeep = new(
        "RB0122",
        "includes nested too deep",
        "includes may nest 8 deep: flatten some of them"
    );
    public static readonly DiagnosticCode IncludeParam = new(
        "RB0123",
        "bad 'with:' of an include",
        "'with:' gives a value to each param the included file declares"
    );
    public static readonly DiagnosticCode IncludeMismatch = new(
        "RB0124",
        "included file does not fit the list",
        "include a file with 'steps:' in a list of steps, a file with 'gates:' in a list of gates"
    );

    // Templates, continued (the 005x range is full): where a value sits in a command (docs/language.md "Quoting")
    public static readonly DiagnosticCode ValueCannotBeQuoted = new(
        "RB0130",
        "value in a place of a command that cannot be quoted",
        "move the {{ }} out of the comment, here-document, ${…}, $'…' or backquotes"
    );

    // A step's 'disrupts' (docs/language.md "Common step keys"): what it takes down, for the safety rules.
    public static readonly DiagnosticCode DisruptsInvalid = new(
        "RB0205",
        "bad 'disrupts'",
        "write 'disrupts: true' or 'disrupts: [ROLE, ...]'"
    );
    public static readonly DiagnosticCode DisruptsOnNoHost = new(
        "RB0206",
        "'disrupts' on a step that runs on no host",
        "a pause runs once per batch on no host: put 'disrupts' on the step that takes the host down"
    );

    // Schema cross-check
    public static readonly DiagnosticCode Schema = new("RB0090", "does not match schema.json");

    // Inventories
    public static readonly DiagnosticCode InventorySyntax = new("RB0070", "inventory syntax error");
    public static readonly DiagnosticCode BadSectionHeader = new(
        "RB0071",
        "bad section header",
        "write [group], [group:vars] or [group:children]; a group name has no spaces, ':' or ']'"
    );
    public static readonly DiagnosticCode BadAssignment = new(
        "RB0072",
        "bad variable assignment",
        "write key=value; quote a value that holds spaces: key=\"a value\""
    );
    public static readonly DiagnosticCode BadHostRange = new(
        "RB0073",
        "bad host range",
        "write a range as [start:end] or [start:end:step], like web[01:10] or db-[a:c]"
    );
    public static readonly DiagnosticCode UndefinedGroup = new(
        "RB0074",
        "undefined group",
        "declare the group with a [group] or [group:children] section"
    );
    public static readonly DiagnosticCode GroupLoop = new(
        "RB0075",
        "group nesting loop",
        "a group cannot contain itself, directly or through its children"
    );
    public static readonly DiagnosticCode JumpLoop = new(
        "RB0076",
        "jump host loop",
        "a jump host must be reachable without going through the hosts that use it"
    );
    public static readonly DiagnosticCode NoHosts = new(
        "RB0077",
        "inventory has no hosts",
        "list at least one host: under 'hosts:' in a native inventory, under a [group] section in an Ansible one"
    );
    public static readonly DiagnosticCode InventoryScript = new(
        "RB0078",
        "inventory script failed",
        "run the script with --list yourself: it must print one JSON object and exit 0"
    );

    public static readonly DiagnosticCode InventoryTemplate = new(
        "RB0079",
        "inventory value not rendered",
        "inventory values may use {{ var }}, {{ var.key }} and {{ var['key'] }} of the host's own vars"
    );

    // RB0140: the 007x range is full, and RB0080 is ssh_config's (this code said RB0080 too until a test caught it).
    public static readonly DiagnosticCode InventorySources = new(
        "RB0140",
        "inventory sources cannot be combined",
        "a Runbook (native) inventory is read alone; several -i, or a directory, hold Ansible inventories"
    );
    public static readonly DiagnosticCode ConnectionUnsupported = new(
        "RB0141",
        "connection not supported",
        "Runbook reaches hosts over SSH, or runs on the controller for ansible_connection=local"
    );
    public static readonly DiagnosticCode BecomeOnController = new(
        "RB0142",
        "become on the controller",
        "Runbook does not run sudo on the controller: run the step on a host reached over SSH, or without become"
    );

    // ---------------------------------------------------------------------------------------------------------------
    // Safety (warnings): RB1xxx. Shapes of a plan, or changes to one, that make a rollout riskier. `runbook validate`
    // reports them as warnings (exit 0 when there is nothing else); `runbook diff` lists them as risk notes.
    // ---------------------------------------------------------------------------------------------------------------
    public static readonly DiagnosticCode QuorumAtRisk = new(
        "RB1001",
        "quorum at risk",
        "lower 'serial' so that a batch takes at most (n-1)/2 members of a quorum role down"
    );
    public static readonly DiagnosticCode UnitLeftStopped = new(
        "RB1002",
        "unit left stopped",
        "start the unit again in a later step of the same phase or in its 'on_failure', or restart it instead of "
            + "stopping it"
    );
    public static readonly DiagnosticCode GateRemoved = new(
        "RB1003",
        "gate removed",
        "keep a health gate between batches, so a broken host stops the rollout"
    );
    public static readonly DiagnosticCode GateLoosened = new(
        "RB1004",
        "gate loosened",
        "check that the gate still waits long enough, on enough hosts, to catch a broken batch"
    );
    public static readonly DiagnosticCode BecomeAdded = new("RB1005", "become added", "check that the step needs root");
    public static readonly DiagnosticCode FailuresRaised = new(
        "RB1006",
        "failure tolerance raised",
        "a rollout now goes on after more failed hosts"
    );
    public static readonly DiagnosticCode WaitShortened = new(
        "RB1007",
        "wait shortened",
        "check that the hosts still settle within the shorter wait"
    );
    public static readonly DiagnosticCode RiskAccepted = new(
        "RB1008",
        "risk accepted",
        "check the reason: the phase no longer warns about this"
    );
    public static readonly DiagnosticCode AcceptanceUnused = new(
        "RB1009",
        "accepted risk does not occur",
        "remove it from 'accept_risks', so that the warning shows again if the risk comes back"
    );
    public static readonly DiagnosticCode PauseRemoved = new(
        "RB1010",
        "pause removed",
        "keep a pause where a person should check the rollout before it goes on"
    );
    public static readonly DiagnosticCode LockRemoved = new(
        "RB1011",
        "cluster lock removed",
        "keep 'lock:', so that two runs cannot work on the same cluster at once"
    );
    public static readonly DiagnosticCode OnFailureRemoved = new(
        "RB1012",
        "on_failure removed",
        "check that a host whose steps fail is still brought back (units started, files moved back)"
    );

    public static readonly DiagnosticCode HostDisruptedTwice = new(
        "RB1013",
        "host disrupted in two phases",
        "select each host in one disrupting phase only (e.g. 'role=control-plane and role!=etcd' for the second), "
            + "so it is stopped and restarted once"
    );
    public static readonly DiagnosticCode DisruptedHostUnchecked = new(
        "RB1014",
        "no gate checks the host taken down",
        "make a gate look at the batch's hosts: run it on them (on: all(...) of their role) or name them in its "
            + "check ({{ batch.hosts }}, or each host's address)"
    );
    public static readonly DiagnosticCode SerialRaised = new(
        "RB1015",
        "more hosts taken down at once",
        "check that the role still has enough hosts up while a whole batch is down"
    );

    /// <summary>The warnings a phase can accept (<c>accept_risks</c>): the ones about the plan itself, not about a change in a diff.</summary>
    public static readonly IReadOnlyList<DiagnosticCode> AcceptableRisks =
    [
        QuorumAtRisk,
        UnitLeftStopped,
        HostDisruptedTwice,
        DisruptedHostUnchecked,
    ];
}
