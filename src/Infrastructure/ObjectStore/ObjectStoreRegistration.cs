using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

public static class ObjectStoreRegistration
{
    /// <summary>
    /// Registers the landing zone's <see cref="IObjectStore"/>: the one place that picks the provider from
    /// <c>ObjectStore:Provider</c> (<c>Files</c> by default, or <c>S3</c>), with its options validated at start.
    /// </summary>
    public static IServiceCollection AddObjectStore(this IServiceCollection services)
    {
        services.AddOptions<ObjectStoreOptions>().BindConfiguration(ObjectStoreOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ObjectStoreOptions>, ObjectStoreOptionsValidator>());
        services.AddSingleton<IObjectStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ObjectStoreOptions>>().Value;
            return options.IsS3
                ? new S3ObjectStore(S3ClientFactory.Create(options), options)
                : ActivatorUtilities.CreateInstance<FileObjectStore>(provider);
        });
        return services;
    }
}
