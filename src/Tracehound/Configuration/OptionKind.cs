namespace Tracehound.Configuration;

/// <summary>How an option's value is written and checked.</summary>
internal enum OptionKind
{
    /// <summary><c>HOST:PORT</c>, <c>:PORT</c>, <c>PORT</c> or <c>off</c>.</summary>
    Listener,

    /// <summary>A folder or file path.</summary>
    Path,

    /// <summary>A byte size: <c>32MiB</c>, <c>512KB</c>, <c>1048576</c>.</summary>
    Size,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A switch: present means true (<c>--name=false</c> turns it off).</summary>
    Flag,

    /// <summary>One word out of a fixed set.</summary>
    Choice,

    /// <summary>A decimal number: <c>12.5</c>.</summary>
    Number,

    /// <summary>A duration: <c>10s</c>, <c>500ms</c>, <c>5m</c>, <c>1h</c> (a bare number is seconds).</summary>
    Duration,
}
