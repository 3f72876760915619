using System.Text;
using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Ingest;

public class RowShapeTests
{
    private static (string Path, string Message)? Check(RecordKind kind, string json) =>
        RowShape.Check(kind, Encoding.UTF8.GetBytes(json));

    private static RecordKind Kind(string name) => RecordKinds.TryParse(name, out var kind) ? kind : throw new ArgumentException(name);

    [Theory]
    [InlineData("pin", """{"index":7528,"title":"x"}""")]
    [InlineData("pin", """{"index":"7528"}""")]
    [InlineData("pin", """{"index":7528.0}""")]
    [InlineData("pin", """{"title":{"index":"nested keys do not count"},"index":1}""")]
    [InlineData("geo", """{"ind":-3,"latitude":"not checked here"}""")]
    [InlineData("user", """{"ind":1,"age":"sixty"}""")]
    [InlineData("user", """[{"ind":1},{"ind":"2"}]""")]
    [InlineData("geo", " \r\n {\"ind\":1} \n")]
    public void Check_WhenValueIsARowOrRowsWithIntegerKeys_FindsNothingWrong(string kind, string json) =>
        Check(Kind(kind), json).Should().BeNull();

    [Theory]
    [InlineData("pin", "", "value", "value is empty.")]
    [InlineData("pin", "   ", "value", "value is empty.")]
    [InlineData("pin", "null", "value", "value must be a JSON object (a pin row) or an array of row objects, not null.")]
    [InlineData("user", "true", "value", "value must be a JSON object (a user row) or an array of row objects, not a boolean.")]
    [InlineData("geo", "\"{}\"", "value", "value must be a JSON object (a geo row) or an array of row objects, not a string.")]
    [InlineData("pin", "[]", "value", "value is an empty array; it must hold at least one row.")]
    [InlineData("pin", """[{"index":1},"row"]""", "value[1]", "value[1] must be a JSON object (a pin row), not a string.")]
    [InlineData("pin", """[[{"index":1}]]""", "value[0]", "value[0] must be a JSON object (a pin row), not an array.")]
    [InlineData("geo", """[{"ind":1},{"ind":2},{}]""", "value[2].ind", "value[2].ind is missing: every geo row needs its key.")]
    [InlineData("pin", """{"ind":1}""", "value.index", "value.index is missing: every pin row needs its key.")]
    [InlineData("geo", """{"index":1}""", "value.ind", "value.ind is missing: every geo row needs its key.")]
    [InlineData("geo", """{"ind":null}""", "value.ind", "value.ind must be an integer, not null.")]
    [InlineData("geo", """{"ind":[1]}""", "value.ind", "value.ind must be an integer, not an array.")]
    [InlineData("geo", """{"ind":{"v":1}}""", "value.ind", "value.ind must be an integer, not an object.")]
    [InlineData("geo", """{"ind":""}""", "value.ind", "value.ind must be an integer, not ''.")]
    [InlineData("geo", """{"ind":"12a"}""", "value.ind", "value.ind must be an integer, not '12a'.")]
    [InlineData("user", """{"ind":1e3}""", "value.ind", "value.ind must be an integer, not '1e3'.")]
    [InlineData("user", """{"ind":99999999999999999999}""", "value.ind", "value.ind must be an integer, not '99999999999999999999'.")]
    public void Check_WhenValueIsNotARowWithAnIntegerKey_NamesThePathAndReason(string kind, string json, string path, string message) =>
        Check(Kind(kind), json).Should().Be((path, message));

    [Fact]
    public void Check_WhenKeyTextIsLong_ShortensItInTheMessage()
    {
        var key = new string('x', 60);

        var error = Check(RecordKind.User, $$"""{"ind":"{{key}}"}""");

        error.Should().Be(("value.ind", $"value.ind must be an integer, not '{new string('x', 40)}…'."));
    }

    [Theory]
    [InlineData("""{"index":1""")]
    [InlineData("""{"index":1,}""")]
    [InlineData("""{"index":1} x""")]
    [InlineData("""{"index":1}{"index":2}""")]
    [InlineData("""[{"index":1}""")]
    [InlineData("{'index':1}")]
    public void Check_WhenValueIsNotExactlyOneJsonValue_RejectsTheValueAsInvalidJson(string json)
    {
        var error = Check(RecordKind.Pin, json);

        error.Should().NotBeNull();
        error!.Value.Path.Should().Be("value");
        error.Value.Message.Should().StartWith("value is not valid JSON: ");
    }

    [Fact]
    public void Check_WhenNestingIsDeeperThanTheLimit_RejectsInsteadOfRecursing()
    {
        var json = """{"index":1,"deep":""" + new string('[', 100) + new string(']', 100) + "}";

        var error = Check(RecordKind.Pin, json);

        error.Should().NotBeNull();
        error!.Value.Path.Should().Be("value");
    }

    [Theory]
    [InlineData("""{"index":1,"title":"a","title":"b"}""", "value.title", "value has the name 'title' twice; each name may appear once in a row.")]
    [InlineData("""{"index":1,"index":2}""", "value.index", "value has the name 'index' twice; each name may appear once in a row.")]
    [InlineData("""{"index":1,"\u0074itle":"a","title":"b"}""", "value.title", "value has the name 'title' twice; each name may appear once in a row.")]
    [InlineData("""[{"index":1},{"index":2,"a":{"x":1},"a":2}]""", "value[1].a", "value[1] has the name 'a' twice; each name may appear once in a row.")]
    public void Check_WhenARowHasANameTwice_NamesTheRowAndTheName(string json, string path, string message) =>
        Check(RecordKind.Pin, json).Should().Be((path, message));

    [Theory]
    [InlineData("""{"index":1,"a":{"x":1},"b":{"x":2}}""")]
    [InlineData("""[{"index":1,"a":1},{"index":2,"a":1}]""")]
    public void Check_WhenEqualNamesAreInDifferentObjects_FindsNothingWrong(string json) =>
        Check(RecordKind.Pin, json).Should().BeNull();

    [Fact]
    public void Check_WhenARowOfManyNamesRepeatsItsLast_FindsIt()
    {
        var names = string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"c{i}\":0"));

        var error = Check(RecordKind.Pin, $$"""{"index":1,{{names}},"c99":1}""");

        error.Should().Be(("value.c99", "value has the name 'c99' twice; each name may appear once in a row."));
    }

    [Theory]
    [InlineData("""{"index":1}""", 1)]
    [InlineData("""[{"index":1},{"index":2},{"index":3}]""", 3)]
    public void Check_WhenValueIsValid_CountsItsRows(string json, int expected)
    {
        RowShape.Check(RecordKind.Pin, Encoding.UTF8.GetBytes(json), out var rows).Should().BeNull();

        rows.Should().Be(expected);
    }
}
