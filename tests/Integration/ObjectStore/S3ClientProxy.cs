using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.S3;

namespace Pinterest.Modular.Tests.Integration.ObjectStore;

/// <summary>
/// An <see cref="IAmazonS3"/> that passes every call to a real client and records which operations were called; on
/// request the n-th call of one operation fails with an <see cref="IOException"/>, as a dropped connection would.
/// </summary>
public class S3ClientProxy : DispatchProxy
{
    private IAmazonS3 _inner = null!;
    private string? _failing;
    private int _failOnCall;
    private int _failingCalls;

    public List<string> Calls { get; } = [];

    public static (IAmazonS3 Client, S3ClientProxy Proxy) Wrap(IAmazonS3 inner, string? failingOperation = null, int failOnCall = 0)
    {
        var client = Create<IAmazonS3, S3ClientProxy>();
        var proxy = (S3ClientProxy)(object)client;
        proxy._inner = inner;
        proxy._failing = failingOperation;
        proxy._failOnCall = failOnCall;
        return (client, proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        lock (Calls)
        {
            Calls.Add(targetMethod.Name);
        }

        if (targetMethod.Name == _failing && Interlocked.Increment(ref _failingCalls) == _failOnCall)
        {
            throw new IOException($"{_failing} call {_failOnCall} failed on purpose");
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
