using Microsoft.Extensions.DependencyInjection;

namespace Runbook.Transport;

public static class SshTransportServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SshTransport"/> as the singleton <see cref="ITransport"/> (disposed with the container),
    /// checked (<see cref="SshTransport.Prepare"/>) when it is first resolved: before a run starts, bad ssh_config,
    /// identity files or agents are reported (exit 2) instead of failing host after host.
    /// </summary>
    public static IServiceCollection AddSshTransport(this IServiceCollection services, SshTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(_ => SshTransport.Prepared(options, []));
        services.AddSingleton<ITransport>(sp => sp.GetRequiredService<SshTransport>());
        return services;
    }
}
