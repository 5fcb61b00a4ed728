using Google.Protobuf;

namespace Tracehound.Benchmarks.Otlp;

/// <summary>
/// The baseline: Google.Protobuf's <see cref="CodedInputStream"/> walking the same bytes through
/// the same message structure, reading every tag and value and materializing strings and bytes,
/// but building no objects. Generated Google.Protobuf classes do at least this much work (plus
/// one object per message), so it is a lower bound for them.
/// </summary>
internal static class CodedInputStreamWalker
{
    /// <summary>Returns a checksum of what was read, so nothing can be optimized away.</summary>
    public static long WalkRequest(byte[] payload)
    {
        var input = new CodedInputStream(payload);
        long sum = 0;
        while (!input.IsAtEnd)
        {
            var tag = input.ReadTag();
            if (tag == Tag(1, 2))
            {
                sum += WalkResourceSpans(input, End(input));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return sum;
    }

    private static uint Tag(int field, int wireType) => ((uint)field << 3) | (uint)wireType;

    private static long End(CodedInputStream input)
    {
        var length = input.ReadLength();
        return input.Position + length;
    }

    private static long WalkResourceSpans(CodedInputStream input, long end)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case 10: sum += WalkAttributesMessage(input, End(input), attributesField: 1); break;
                case 18: sum += WalkScopeSpans(input, End(input)); break;
                case 26: sum += input.ReadString().Length; break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    /// <summary>Resource (attributes = 1) and InstrumentationScope (name, version, attributes = 3).</summary>
    private static long WalkAttributesMessage(CodedInputStream input, long end, int attributesField)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            if (tag == Tag(attributesField, 2))
            {
                sum += WalkKeyValue(input, End(input), 0);
            }
            else if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                sum += input.ReadString().Length;
            }
            else if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                sum += input.ReadUInt32();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return sum;
    }

    private static long WalkScopeSpans(CodedInputStream input, long end)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case 10: sum += WalkAttributesMessage(input, End(input), attributesField: 3); break;
                case 18: sum += WalkSpan(input, End(input)); break;
                case 26: sum += input.ReadString().Length; break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    private static long WalkSpan(CodedInputStream input, long end)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 or 2 or 4: sum += input.ReadBytes().Length; break;
                case 3 or 5: sum += input.ReadString().Length; break;
                case 6: sum += input.ReadEnum(); break;
                case 7 or 8: sum += (long)input.ReadFixed64(); break;
                case 9: sum += WalkKeyValue(input, End(input), 0); break;
                case 10 or 12 or 14: sum += input.ReadUInt32(); break;
                case 11: sum += WalkEvent(input, End(input)); break;
                case 13: sum += WalkLink(input, End(input)); break;
                case 15: sum += WalkStatus(input, End(input)); break;
                case 16: sum += input.ReadFixed32(); break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    private static long WalkEvent(CodedInputStream input, long end)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: sum += (long)input.ReadFixed64(); break;
                case 2: sum += input.ReadString().Length; break;
                case 3: sum += WalkKeyValue(input, End(input), 0); break;
                case 4: sum += input.ReadUInt32(); break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    private static long WalkLink(CodedInputStream input, long end)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 or 2: sum += input.ReadBytes().Length; break;
                case 3: sum += input.ReadString().Length; break;
                case 4: sum += WalkKeyValue(input, End(input), 0); break;
                case 5: sum += input.ReadUInt32(); break;
                case 6: sum += input.ReadFixed32(); break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    private static long WalkStatus(CodedInputStream input, long end)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: sum += input.ReadString().Length; break;
                case 3: sum += input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    private static long WalkKeyValue(CodedInputStream input, long end, int depth)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case 10: sum += input.ReadString().Length; break;
                case 18: sum += WalkAnyValue(input, End(input), depth + 1); break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    private static long WalkAnyValue(CodedInputStream input, long end, int depth)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case 10: sum += input.ReadString().Length; break;
                case 16: sum += input.ReadBool() ? 1 : 0; break;
                case 24: sum += input.ReadInt64(); break;
                case 33: sum += (long)input.ReadDouble(); break;
                case 42: sum += WalkList(input, End(input), depth, isKeyValueList: false); break;
                case 50: sum += WalkList(input, End(input), depth, isKeyValueList: true); break;
                case 58: sum += input.ReadBytes().Length; break;
                default: input.SkipLastField(); break;
            }
        }

        return sum;
    }

    private static long WalkList(CodedInputStream input, long end, int depth, bool isKeyValueList)
    {
        long sum = 0;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            if (tag == 10)
            {
                sum += isKeyValueList ? WalkKeyValue(input, End(input), depth) : WalkAnyValue(input, End(input), depth + 1);
            }
            else
            {
                input.SkipLastField();
            }
        }

        return sum;
    }
}
