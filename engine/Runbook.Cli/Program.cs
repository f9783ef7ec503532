using System.Runtime.InteropServices;
using Runbook.Cli;
using Runbook.Execution;

// Ctrl-C or SIGTERM once: start nothing new and let running steps finish; twice: abort them; a third Ctrl-C kills.
using var interrupts = new RunControl();
Console.CancelKeyPress += (_, e) => e.Cancel = Interrupt("Ctrl-C") < 3;
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Interrupt("SIGTERM");
});
return await CliApp.RunAsync(args, CliContext.FromProcess() with { Interrupts = interrupts }, interrupts.Stopping);

int Interrupt(string signal)
{
    var n = interrupts.Interrupt();
    Console.Error.WriteLine(n switch
    {
        1 => $"runbook: {signal}: starting nothing new; running steps finish (again to abort them)",
        2 => $"runbook: {signal}: aborting running steps",
        _ => $"runbook: {signal}: exiting now",
    });
    return n;
}
