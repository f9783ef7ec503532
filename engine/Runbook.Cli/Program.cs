using System.Runtime.InteropServices;
using Runbook.Cli;
using Runbook.Execution;

// Ctrl-C or SIGTERM once: start nothing new and let running steps finish; twice: abort them; a third Ctrl-C kills.
using var interrupts = new RunControl();
Console.CancelKeyPress += (_, e) => e.Cancel = interrupts.Interrupt() < 3;
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    interrupts.Interrupt();
});
return await CliApp.RunAsync(args, CliContext.FromProcess() with { Interrupts = interrupts }, interrupts.Stopping);
