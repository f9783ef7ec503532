using System.Text.Encodings.Web;

namespace Runbook.Templating;

/// <summary>
/// The encoder Fluid applies to every interpolated value: each value becomes one shell word. Literal template text is
/// not encoded, and the built-in <c>raw</c> filter opts a value out (the plan marks such steps).
/// </summary>
internal sealed class ShellQuoteEncoder : TextEncoder
{
    public static readonly ShellQuoteEncoder Instance = new();

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override string Encode(string value) => ShellQuote.Quote(value);

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        output.Write(ShellQuote.Quote(new string(value, startIndex, characterCount)));

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        output.Write(ShellQuote.Quote(value.Substring(startIndex, characterCount)));

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) => 0;

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        numberOfCharactersWritten = 0;
        return false;
    }

    public override bool WillEncode(int unicodeScalar) => true;
}
