namespace Runbook.Lab;

/// <summary>One lab host: an sshd on a loopback address, with its own config, host key and home directory.</summary>
public sealed record LabHost(string Name, string Address, int Port, int Pid, string Config, string Home);
