namespace Tracehound.Processing.Sampling;

/// <summary>A (service, env) pair: the key of a <c>rate_by_service</c> entry.</summary>
internal readonly record struct ServiceSignature(string Service, string Env)
{
    /// <summary>FNV-1a-32 of <c>service,env</c>, as the agent hashes it.</summary>
    public ulong Hash()
    {
        var hash = new Fnv1a32();
        hash.Add(Service);
        hash.Add((byte)',');
        hash.Add(Env);
        return hash.Value;
    }

    /// <summary>The <c>rate_by_service</c> key: <c>service:S,env:E</c>.</summary>
    public override string ToString() => "service:" + Service + ",env:" + Env;
}
