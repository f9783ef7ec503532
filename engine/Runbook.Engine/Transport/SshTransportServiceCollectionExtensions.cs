using Microsoft.Extensions.DependencyInjection;

namespace Runbook.Transport;

public static class SshTransportServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SshTransport"/> as the singleton <see cref="ITransport"/> (disposed with the container).</summary>
    public static IServiceCollection AddSshTransport(this IServiceCollection services, SshTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<SshTransport>();
        services.AddSingleton<ITransport>(sp => sp.GetRequiredService<SshTransport>());
        return services;
    }
}
