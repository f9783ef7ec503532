namespace Runbook.Selectors;

public enum SelectorField
{
    Role,
    Name,
    Label,

    /// <summary>
    /// var.KEY: a host var, compared as text (an Ansible group var such as zone=b in [workers:vars]).
    /// </summary>
    Var,
}
