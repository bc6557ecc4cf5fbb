using DeepSeq.Data;
using Xunit;

namespace DeepSeq.Tests.Data.Text;

/// <summary>
/// <see cref="TextPreprocessing.TextToWordSequence"/> against outputs of Keras 2's
/// <c>keras.preprocessing.text.text_to_word_sequence</c>, derived by hand from its four steps
/// (lower → translate filters to split → split → drop empties).
/// </summary>
public sealed class TextToWordSequenceTests
{
    [Fact]
    public void DefaultFiltersAreKerasPunctuationWithoutTheApostrophePlusTabAndNewline()
    {
        // Keras: filters='!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n' — Python's string.punctuation (32) minus "'" plus \t \n.
        Assert.Equal(33, TextPreprocessing.DefaultFilters.Length);
        Assert.DoesNotContain('\'', TextPreprocessing.DefaultFilters);
        Assert.Contains('\t', TextPreprocessing.DefaultFilters);
        Assert.Contains('\n', TextPreprocessing.DefaultFilters);
        Assert.Contains('\\', TextPreprocessing.DefaultFilters);
    }

    [Fact]
    public void LowerCasesRemovesPunctuationAndKeepsApostrophes()
    {
        // Keras: text_to_word_sequence("Hello, World! It's  fine.") → ['hello', 'world', "it's", 'fine']
        Assert.Equal(["hello", "world", "it's", "fine"], TextPreprocessing.TextToWordSequence("Hello, World! It's  fine."));
        // Keras: text_to_word_sequence("a\tb\nc--d") → ['a', 'b', 'c', 'd'] (tab, newline and '-' are filters)
        Assert.Equal(["a", "b", "c", "d"], TextPreprocessing.TextToWordSequence("a\tb\nc--d"));
        // Keras: text_to_word_sequence("...!") → []
        Assert.Empty(TextPreprocessing.TextToWordSequence("...!"));
    }

    [Fact]
    public void LowerFalseCustomFiltersAndSplitAreHonoured()
    {
        // Keras: text_to_word_sequence("The Cat", lower=False) → ['The', 'Cat']
        Assert.Equal(["The", "Cat"], TextPreprocessing.TextToWordSequence("The Cat", lower: false));
        // Keras: text_to_word_sequence("a-b,,c d", filters=',', split='-') → ['a', 'b', 'c d'] (',' → '-', split on '-')
        Assert.Equal(["a", "b", "c d"], TextPreprocessing.TextToWordSequence("a-b,,c d", filters: ",", split: "-"));
        // Keras: text_to_word_sequence("x.y", filters='') → ['x.y']
        Assert.Equal(["x.y"], TextPreprocessing.TextToWordSequence("x.y", filters: ""));
        // Keras: text_to_word_sequence("aXXbXc", filters='', lower=False, split='XX') → ['a', 'bXc'] (multi-character separator)
        Assert.Equal(["a", "bXc"], TextPreprocessing.TextToWordSequence("aXXbXc", filters: "", lower: false, split: "XX"));
    }

    [Fact]
    public void FilterCharactersOutsideTheBmpAreMatchedWhole()
    {
        // Python iterates code points: text_to_word_sequence("a😀b", filters='😀') → ['a', 'b'].
        Assert.Equal(["a", "b"], TextPreprocessing.TextToWordSequence("a😀b", filters: "😀"));
        // A different emoji sharing the high surrogate must not be touched: "a😁b" stays one word.
        Assert.Equal(["a😁b"], TextPreprocessing.TextToWordSequence("a😁b", filters: "😀"));
    }

    [Fact]
    public void BadArgumentsThrowClearly()
    {
        var e = Assert.Throws<ArgumentException>(() => TextPreprocessing.TextToWordSequence("a b", split: ""));
        Assert.Contains("non-empty", e.Message);
        Assert.Throws<ArgumentNullException>(() => TextPreprocessing.TextToWordSequence(null!));
        Assert.Throws<ArgumentNullException>(() => TextPreprocessing.TextToWordSequence("a", filters: null!));
    }
}
