using Tracehound.Model;
using Xunit;

namespace Tracehound.Tests.Storage;

/// <summary>Field-by-field equality of spans, with a message that names the field that differs.</summary>
internal static class SpanAssert
{
    public static void Equal(Span expected, Span actual)
    {
        Assert.Equal(expected.TraceId, actual.TraceId);
        Assert.Equal(expected.SpanId, actual.SpanId);
        Assert.Equal(expected.ParentSpanId, actual.ParentSpanId);
        Assert.Equal(expected.TraceState, actual.TraceState);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.StartTimeUnixNano, actual.StartTimeUnixNano);
        Assert.Equal(expected.EndTimeUnixNano, actual.EndTimeUnixNano);
        Attributes(expected.Attributes, actual.Attributes, "span");
        Assert.Equal(expected.DroppedAttributesCount, actual.DroppedAttributesCount);
        Assert.Equal(expected.Events.Length, actual.Events.Length);
        for (var i = 0; i < expected.Events.Length; i++)
        {
            Assert.Equal(expected.Events[i].TimeUnixNano, actual.Events[i].TimeUnixNano);
            Assert.Equal(expected.Events[i].Name, actual.Events[i].Name);
            Attributes(expected.Events[i].Attributes, actual.Events[i].Attributes, "event");
            Assert.Equal(expected.Events[i].DroppedAttributesCount, actual.Events[i].DroppedAttributesCount);
        }

        Assert.Equal(expected.DroppedEventsCount, actual.DroppedEventsCount);
        Assert.Equal(expected.Links.Length, actual.Links.Length);
        for (var i = 0; i < expected.Links.Length; i++)
        {
            Assert.Equal(expected.Links[i].TraceId, actual.Links[i].TraceId);
            Assert.Equal(expected.Links[i].SpanId, actual.Links[i].SpanId);
            Assert.Equal(expected.Links[i].TraceState, actual.Links[i].TraceState);
            Attributes(expected.Links[i].Attributes, actual.Links[i].Attributes, "link");
            Assert.Equal(expected.Links[i].DroppedAttributesCount, actual.Links[i].DroppedAttributesCount);
            Assert.Equal(expected.Links[i].Flags, actual.Links[i].Flags);
        }

        Assert.Equal(expected.DroppedLinksCount, actual.DroppedLinksCount);
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.StatusMessage, actual.StatusMessage);
        Attributes(expected.Resource.Attributes, actual.Resource.Attributes, "resource");
        Assert.Equal(expected.Resource.DroppedAttributesCount, actual.Resource.DroppedAttributesCount);
        Assert.Equal(expected.Resource.SchemaUrl, actual.Resource.SchemaUrl);
        Assert.Equal(expected.Scope.Name, actual.Scope.Name);
        Assert.Equal(expected.Scope.Version, actual.Scope.Version);
        Attributes(expected.Scope.Attributes, actual.Scope.Attributes, "scope");
        Assert.Equal(expected.Scope.DroppedAttributesCount, actual.Scope.DroppedAttributesCount);
        Assert.Equal(expected.Scope.SchemaUrl, actual.Scope.SchemaUrl);
    }

    private static void Attributes(KeyValue[] expected, KeyValue[] actual, string owner)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].Key);
            Assert.True(
                expected[i].Value.Equals(actual[i].Value),
                $"{owner} attribute '{expected[i].Key}': expected {expected[i].Value.Type} {expected[i].Value}, got {actual[i].Value.Type} {actual[i].Value}");
        }
    }
}
