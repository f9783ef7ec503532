using Runbook.Inventories;
using Runbook.Tests.Inventories.Oracle;

namespace Runbook.Tests.Inventories;

/// <summary>INI values read as ansible-core reads them: Python's ast.literal_eval, else the text.</summary>
public class PythonLiteralTests
{
    [Theory]
    [InlineData("8080", "8080")]
    [InlineData("-3", "-3")]
    [InlineData("+4", "4")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("00", "0")]
    [InlineData("07", "\"07\"")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.", "1.0")]
    [InlineData(".5", "0.5")]
    [InlineData("1e3", "1000.0")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("True", "true")]
    [InlineData("False", "false")]
    [InlineData("None", "null")]
    [InlineData("true", "\"true\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("'a b'", "\"a b\"")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("'x' 'y'", "\"xy\"")]
    [InlineData("'''triple'''", "\"triple\"")]
    [InlineData("\"tab\\there\"", "\"tab\\there\"")]
    [InlineData("r'raw\\n'", "\"raw\\\\n\"")]
    [InlineData("b'bytes'", "\"bytes\"")]
    [InlineData("'\\x41\\u00e9'", "\"Aé\"")]
    [InlineData("[1, 'two', None]", "[1, \"two\", null]")]
    [InlineData("(1, 2)", "[1, 2]")]
    [InlineData("(1)", "1")]
    [InlineData("1, 2", "[1, 2]")]
    [InlineData("[]", "[]")]
    [InlineData("{'k': [1, {'n': True}]}", "{\"k\": [1, {\"n\": true}]}")]
    [InlineData("{1: 'a', True: 'b'}", "{\"1\": \"a\", \"true\": \"b\"}")]
    [InlineData("8080 # a comment", "8080")]
    [InlineData("foo # a comment", "\"foo # a comment\"")]
    [InlineData("{k:1}", "\"{k:1}\"")]
    [InlineData("{\"a\": 1, \"b\": [true]}", "\"{\\\"a\\\": 1, \\\"b\\\": [true]}\"")]
    [InlineData("{1, 2}", "\"{1, 2}\"")]
    [InlineData("1+2j", "\"1+2j\"")]
    [InlineData("--1", "\"--1\"")]
    [InlineData("", "\"\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("10.0.0.1", "\"10.0.0.1\"")]
    [InlineData("[1, 2", "\"[1, 2\"")]
    [InlineData("'unclosed", "\"'unclosed\"")]
    public void Values_are_python_literals_or_stay_text(string text, string expected) =>
        Assert.Equal(expected, InventoryView.Canonical(PythonLiteral.Evaluate(text)));

    [Fact]
    public void Deep_nesting_stays_text_instead_of_overflowing_the_stack()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(text, PythonLiteral.Evaluate(text));
    }

    [Fact]
    public void Every_prefix_of_a_literal_is_read_without_throwing()
    {
        const string Text = """{'k': [1, -2.5e3, 0x1F, r'a\b', b"c", '''t''', (None, True)], 2: {}} # end""";
        for (var i = 0; i <= Text.Length; i++)
            _ = PythonLiteral.Evaluate(Text[..i]);
        Assert.IsType<Dictionary<string, object?>>(PythonLiteral.Evaluate(Text));
    }
}
