using Runbook.Diagnostics;
using Runbook.Execution;

namespace Runbook.Cli.Output;

/// <summary>
/// Asks at the terminal whether a pause may go on: the engine has no console, so this is the CLI's
/// <see cref="IApprover"/>. Only "y" or "yes" approves; anything else (or end of input) leaves the run waiting.
/// </summary>
internal sealed class TerminalApprover(TextReader input, TextWriter prompt, string approver) : IApprover
{
    public async Task<string?> AskAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        // Names and messages come from runbooks and inventories: control characters are shown, not obeyed.
        var hosts = string.Join(", ", request.Hosts);
        await prompt.WriteLineAsync();
        await prompt.WriteLineAsync(
            VisibleText.Escape(
                $"pause '{request.Name}' after batch {request.Batch} ({hosts}) of phase '{request.Phase}':"
            )
        );
        await prompt.WriteLineAsync("  " + VisibleText.Escape(request.Message));
        await prompt.WriteAsync(VisibleText.Escape($"approve as {approver} and go on? [y/N] "));
        await prompt.FlushAsync(cancellationToken);

        // A console read does not stop for a token: wait for either, so an interrupt is not stuck behind the read.
        var read = input.ReadLineAsync(cancellationToken).AsTask();
        await Task.WhenAny(read, Task.Delay(Timeout.Infinite, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        var answer = (await read)?.Trim().ToLowerInvariant();
        return answer is "y" or "yes" ? approver : null;
    }
}
