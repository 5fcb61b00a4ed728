namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>The built tracehound.dll: the test project references the executable, so it sits beside the tests.</summary>
internal static class TracehoundBinary
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "tracehound.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("tracehound.dll is not beside the tests; build the solution first", path);
    }
}
