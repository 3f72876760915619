namespace Pinterest.Modular.Application.Landing;

/// <summary>A landing object holds one JSON value per line (the S3 sink connector's JsonFormat).</summary>
public static class LandingLines
{
    /// <summary>The ranges of the non-blank lines, without their line ends.</summary>
    public static IEnumerable<Range> Split(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = 0;
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            if (end < 0)
            {
                end = content.Length;
            }

            var last = end;
            while (last > start && (content[last - 1] == (byte)'\r' || content[last - 1] == (byte)' ' || content[last - 1] == (byte)'\t'))
            {
                last--;
            }

            if (last > start)
            {
                yield return new Range(start, last);
            }

            start = end + 1;
        }
    }
}
